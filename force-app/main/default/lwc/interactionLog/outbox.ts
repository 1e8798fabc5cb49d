/**
 * outbox: a durable queue in the browser between the CRM Connector and Salesforce.
 *
 * A received log is written to storage before any network call and leaves only when
 * Salesforce has confirmed the record. Transient failures retry with exponential backoff
 * and jitter, when the browser comes back online, and when the component loads again.
 * Logs of one interaction are saved one at a time, in the order they arrived; at most
 * `maxInFlight` saves run at once. Confirmed entries are pruned (oldest first); nothing
 * unconfirmed is ever dropped.
 *
 * Pure: storage, clock, randomness and timers are passed in.
 */
import { hashText } from 'c/safeData';
import { LABELS } from 'c/interactionLogLabels';

export type EntryState = 'pending' | 'saving' | 'saved' | 'failed';

export interface OutboxEntry {
    /** Interaction id + a hash of the body: the same message delivered twice is one entry. */
    id: string;
    /** Entries of one group (interaction id) are saved one at a time, in arrival order. */
    group: string;
    /** Arrival order. */
    seq: number;
    /** What the panel shows for the entry. */
    label: string;
    /** The body as received, as JSON; dropped once the record is confirmed. */
    bodyJson: string;
    /** `data.header` as received, as JSON (for the connector's history). */
    headerJson?: string;
    /** The log key the log was given when it arrived: kept, so a later change of the key's rule never splits a log. */
    logKey?: string;
    state: EntryState;
    attempts: number;
    receivedAt: number;
    nextAttemptAt: number;
    /** Short text for the agent. */
    lastError?: string;
    /** Full detail for the admin. */
    errorDetail?: string;
    /** The Interaction_Log__c record this exact message made, when it is delivered again. */
    recordId?: string;
    savedAt?: number;
    /** Mapping warnings of the last save. */
    warningCount?: number;
    /** The log is saved but its Task is not yet: the next attempt finishes the Task. */
    taskPending?: boolean;
    /** A Task created by an earlier attempt and not yet linked to the log. */
    taskId?: string;
    /** False when the browser refused to store the entry (storage full): it lives in memory only. */
    durable: boolean;
}

export type SaveOutcome =
    | { ok: true; recordId: string; warningCount?: number }
    | {
          ok: false;
          transient: boolean;
          message: string;
          detail?: string;
          /** Part of the work is done (the log is saved): where the next attempt resumes. */
          resume?: { recordId: string; taskPending: boolean; taskId?: string };
      };

export type Saver = (entry: Readonly<OutboxEntry>) => Promise<SaveOutcome>;

/** Key-value storage, one entry per key (localStorage in the browser). `write` may throw when full. */
export interface OutboxStorage {
    keys(): string[];
    read(key: string): string | null;
    write(key: string, value: string): void;
    remove(key: string): void;
}

export interface Timers {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export interface OutboxOptions {
    storage: OutboxStorage;
    saver: Saver;
    now?: () => number;
    random?: () => number;
    timers?: Timers;
    maxInFlight?: number;
    /** Confirmed entries kept for the panel and for redelivery hints. */
    maxConfirmed?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
}

export interface EnqueueInput {
    group: string;
    label: string;
    bodyJson: string;
    headerJson?: string;
    logKey?: string;
}

export interface OutboxSnapshot {
    pending: OutboxEntry[];
    failed: OutboxEntry[];
    lastSaved?: OutboxEntry;
    inFlight: number;
    notDurable: number;
}

export type OutboxListener = (snapshot: OutboxSnapshot) => void;

const defaultTimers: Timers = {
    // The outbox's retry timer is its reason to exist: backoff needs a delay.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** Interaction id + a hash of the body and its length: the same message delivered twice is one entry. */
export function entryId(group: string, bodyJson: string): string {
    return `${group}#${hashText(bodyJson)}${bodyJson.length.toString(36)}`;
}

function isEntry(value: unknown): value is OutboxEntry {
    if (!value || typeof value !== 'object') return false;
    const e = value as Record<string, unknown>;
    return (
        typeof e.id === 'string' &&
        typeof e.group === 'string' &&
        typeof e.seq === 'number' &&
        typeof e.bodyJson === 'string' &&
        ['pending', 'saving', 'saved', 'failed'].includes(String(e.state))
    );
}

export class LogOutbox {
    private readonly storage: OutboxStorage;
    private readonly saver: Saver;
    private readonly now: () => number;
    private readonly random: () => number;
    private readonly timers: Timers;
    private readonly maxInFlight: number;
    private readonly maxConfirmed: number;
    private readonly baseDelayMs: number;
    private readonly maxDelayMs: number;

    /** Unconfirmed entries by id, in arrival order (a Map keeps insertion order). */
    private readonly queue = new Map<string, OutboxEntry>();
    /** Confirmed entries, oldest first. */
    private confirmed: OutboxEntry[] = [];
    private readonly busyGroups = new Set<string>();
    private inFlight = 0;
    private seq = 0;
    private timer: unknown;
    private timerAt = Number.POSITIVE_INFINITY;
    private running = false;
    private drainScheduled = false;
    private notifyScheduled = false;
    private readonly listeners = new Set<OutboxListener>();

    constructor(options: OutboxOptions) {
        this.storage = options.storage;
        this.saver = options.saver;
        this.now = options.now ?? (() => Date.now());
        this.random = options.random ?? Math.random;
        this.timers = options.timers ?? defaultTimers;
        this.maxInFlight = Math.max(1, options.maxInFlight ?? 3);
        this.maxConfirmed = Math.max(1, options.maxConfirmed ?? 50);
        this.baseDelayMs = options.baseDelayMs ?? 2000;
        this.maxDelayMs = options.maxDelayMs ?? 5 * 60 * 1000;
        this.load();
    }

    // -- reading ------------------------------------------------------------

    subscribe(listener: OutboxListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    snapshot(): OutboxSnapshot {
        return {
            pending: this.unconfirmed()
                .filter((e) => e.state === 'pending' || e.state === 'saving')
                .map((e) => ({ ...e })),
            failed: this.unconfirmed()
                .filter((e) => e.state === 'failed')
                .map((e) => ({ ...e })),
            lastSaved: this.confirmed.length ? { ...this.confirmed[this.confirmed.length - 1] } : undefined,
            inFlight: this.inFlight,
            notDurable: this.unconfirmed().filter((e) => !e.durable).length
        };
    }

    /** Every entry the outbox holds, unconfirmed first. */
    entries(): OutboxEntry[] {
        return [...this.unconfirmed(), ...this.confirmed].map((e) => ({ ...e }));
    }

    get size(): number {
        return this.queue.size;
    }

    private unconfirmed(): OutboxEntry[] {
        return [...this.queue.values()];
    }

    // -- writing ------------------------------------------------------------

    /**
     * Records a received log, durably, before anything else happens. The same message
     * delivered again is the same entry; a delivery of a log already confirmed is saved
     * again as an update of its record.
     */
    enqueue(input: EnqueueInput): OutboxEntry {
        const id = entryId(input.group, input.bodyJson);
        const existing = this.queue.get(id);
        if (existing) {
            if (existing.state === 'failed') {
                this.reschedule(existing, 'pending', 0);
            }
            this.scheduleDrain();
            return { ...existing };
        }
        const at = this.now();
        const entry: OutboxEntry = {
            id,
            group: input.group,
            seq: this.nextSeq(),
            label: input.label,
            bodyJson: input.bodyJson,
            headerJson: input.headerJson,
            logKey: input.logKey,
            state: 'pending',
            attempts: 0,
            receivedAt: at,
            nextAttemptAt: at,
            // The same message again: update the record it made rather than look for it.
            recordId: this.confirmed.find((e) => e.id === id)?.recordId,
            durable: true
        };
        this.queue.set(id, entry);
        this.persist(entry);
        this.notify();
        this.scheduleDrain();
        return { ...entry };
    }

    /** Starts saving: everything stored before (a reload, a closed tab) is saved now. */
    start(): void {
        this.running = true;
        // 'saving' here means the page closed mid-save: the answer never came, so save again.
        this.wake(['pending', 'failed', 'saving']);
    }

    stop(): void {
        this.running = false;
        this.clearTimer();
    }

    /** Retries one entry now (the panel's Retry button). */
    retry(id: string): boolean {
        const entry = this.queue.get(id);
        if (!entry || entry.state === 'saving') return false;
        this.reschedule(entry, 'pending', 0);
        this.scheduleDrain();
        return true;
    }

    /** Retries everything waiting, now (the browser came back online). */
    retryAll(): void {
        this.wake(['pending', 'failed']);
    }

    /** Makes entries in these states due now, then drains. */
    private wake(states: readonly EntryState[]): void {
        const now = this.now();
        for (const entry of this.queue.values()) {
            if (states.includes(entry.state)) {
                entry.state = 'pending';
                entry.nextAttemptAt = now;
                this.persist(entry);
            }
        }
        this.notify();
        this.scheduleDrain();
    }

    // -- the drain ------------------------------------------------------------

    private scheduleDrain(): void {
        if (!this.running || this.drainScheduled) return;
        this.drainScheduled = true;
        // After the current task: the caller's storage write has happened, the page stays responsive.
        Promise.resolve().then(() => {
            this.drainScheduled = false;
            this.drain();
        });
    }

    /** Starts as many eligible saves as the in-flight limit allows; sets a timer for the rest. */
    drain(): void {
        if (!this.running) return;
        const now = this.now();
        let earliest = Number.POSITIVE_INFINITY;
        const blocked = new Set<string>(this.busyGroups);
        for (const entry of this.queue.values()) {
            if (this.inFlight >= this.maxInFlight) break;
            // A failed entry waits for the agent's Retry; it does not hold up later logs.
            if (entry.state === 'failed' || blocked.has(entry.group)) continue;
            // Later logs of this interaction wait until this one is saved.
            blocked.add(entry.group);
            if (entry.state !== 'pending') continue;
            if (entry.nextAttemptAt > now) {
                earliest = Math.min(earliest, entry.nextAttemptAt);
                continue;
            }
            this.begin(entry);
        }
        if (this.inFlight < this.maxInFlight && earliest === Number.POSITIVE_INFINITY) {
            earliest = this.earliestWaiting(blocked);
        }
        this.setTimer(earliest);
    }

    private earliestWaiting(skip: Set<string>): number {
        let earliest = Number.POSITIVE_INFINITY;
        for (const entry of this.queue.values()) {
            if (entry.state === 'pending' && !this.busyGroups.has(entry.group) && !skip.has(entry.group)) {
                earliest = Math.min(earliest, entry.nextAttemptAt);
            }
        }
        return earliest;
    }

    private begin(entry: OutboxEntry): void {
        entry.state = 'saving';
        entry.attempts += 1;
        this.inFlight += 1;
        this.busyGroups.add(entry.group);
        this.persist(entry);
        this.notify();
        let outcome: Promise<SaveOutcome>;
        try {
            outcome = Promise.resolve(this.saver(entry));
        } catch (error) {
            outcome = Promise.reject(error);
        }
        outcome
            .catch((error: unknown): SaveOutcome => ({
                ok: false,
                transient: true,
                message: LABELS.saveRetryLater,
                detail: error instanceof Error ? error.message : String(error)
            }))
            .then((result) => this.finish(entry, result));
    }

    private finish(entry: OutboxEntry, result: SaveOutcome): void {
        this.inFlight -= 1;
        this.busyGroups.delete(entry.group);
        if (result.ok) {
            this.confirm(entry, result.recordId, result.warningCount);
        } else if (result.transient) {
            this.remember(entry, result);
            entry.lastError = result.message;
            entry.errorDetail = result.detail;
            this.reschedule(entry, 'pending', this.backoff(entry.attempts));
        } else {
            this.remember(entry, result);
            entry.lastError = result.message;
            entry.errorDetail = result.detail;
            this.reschedule(entry, 'failed', 0);
        }
        this.scheduleDrain();
    }

    /** Keeps what a partly successful attempt achieved, so the next one resumes there. */
    private remember(entry: OutboxEntry, result: Extract<SaveOutcome, { ok: false }>): void {
        if (!result.resume) return;
        entry.recordId = result.resume.recordId;
        entry.taskPending = result.resume.taskPending;
        entry.taskId = result.resume.taskId;
    }

    private confirm(entry: OutboxEntry, recordId: string, warningCount?: number): void {
        this.queue.delete(entry.id);
        this.removeStored(entry.id);
        const saved: OutboxEntry = {
            ...entry,
            state: 'saved',
            bodyJson: '',
            headerJson: undefined,
            recordId,
            warningCount,
            taskPending: undefined,
            taskId: undefined,
            savedAt: this.now(),
            lastError: undefined,
            errorDetail: undefined
        };
        this.confirmed = this.confirmed.filter((e) => e.id !== entry.id);
        this.confirmed.push(saved);
        while (this.confirmed.length > this.maxConfirmed) {
            const oldest = this.confirmed.shift();
            if (oldest) this.removeStored(oldest.id);
        }
        this.persist(saved);
        this.notify();
    }

    /** Exponential backoff with jitter: half the delay fixed, half random. */
    backoff(attempts: number): number {
        const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
        return Math.round(exp / 2 + this.random() * (exp / 2));
    }

    private reschedule(entry: OutboxEntry, state: EntryState, delayMs: number): void {
        entry.state = state;
        entry.nextAttemptAt = this.now() + delayMs;
        this.persist(entry);
        this.notify();
    }

    private setTimer(at: number): void {
        if (at === Number.POSITIVE_INFINITY) {
            this.clearTimer();
            return;
        }
        if (this.timer !== undefined && this.timerAt <= at) return;
        this.clearTimer();
        this.timerAt = at;
        this.timer = this.timers.setTimeout(
            () => {
                this.timer = undefined;
                this.timerAt = Number.POSITIVE_INFINITY;
                this.drain();
            },
            Math.max(0, at - this.now())
        );
    }

    private clearTimer(): void {
        if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
    }

    // -- storage --------------------------------------------------------------

    private nextSeq(): number {
        this.seq += 1;
        return this.seq;
    }

    private load(): void {
        let keys: string[] = [];
        try {
            keys = this.storage.keys();
        } catch {
            keys = [];
        }
        const loaded: OutboxEntry[] = [];
        for (const key of keys) {
            let parsed: unknown;
            try {
                parsed = JSON.parse(this.storage.read(key) ?? 'null');
            } catch {
                parsed = null;
            }
            if (isEntry(parsed)) loaded.push({ ...parsed, durable: true });
        }
        loaded.sort((a, b) => a.seq - b.seq);
        for (const entry of loaded) if (entry.state !== 'saved') this.queue.set(entry.id, entry);
        this.confirmed = loaded.filter((e) => e.state === 'saved').sort((a, b) => (a.savedAt ?? 0) - (b.savedAt ?? 0));
        this.seq = loaded.reduce((max, e) => Math.max(max, e.seq), 0);
    }

    private persist(entry: OutboxEntry): void {
        const text = JSON.stringify({ ...entry, durable: undefined });
        try {
            this.storage.write(entry.id, text);
            entry.durable = true;
        } catch {
            // Storage full: make room by forgetting confirmed entries, then try once more.
            if (entry.state !== 'saved' && this.confirmed.length > 0) {
                for (const old of this.confirmed) this.removeStored(old.id);
                this.confirmed = [];
                try {
                    this.storage.write(entry.id, text);
                    entry.durable = true;
                    return;
                } catch {
                    // fall through
                }
            }
            entry.durable = false;
        }
    }

    private removeStored(id: string): void {
        try {
            this.storage.remove(id);
        } catch {
            // Nothing else to do: an entry that cannot be removed is saved again as an update.
        }
    }

    /**
     * Tells listeners, once per turn of the event loop however many entries changed in it:
     * a burst of thousands costs one snapshot, not thousands.
     */
    private notify(): void {
        if (this.listeners.size === 0 || this.notifyScheduled) return;
        this.notifyScheduled = true;
        Promise.resolve().then(() => {
            this.notifyScheduled = false;
            const snapshot = this.snapshot();
            for (const listener of this.listeners) {
                try {
                    listener(snapshot);
                } catch {
                    // A listener's failure must not stop the outbox.
                }
            }
        });
    }
}

/** Minimal view of the Web Storage API, so the adapter is testable without a browser. */
export interface WebStorageLike {
    readonly length: number;
    key(index: number): string | null;
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/**
 * The outbox's storage on top of localStorage, under a prefix scoped to the user (user
 * ids are unique across Salesforce orgs, so one prefix never mixes orgs or users).
 */
export function webStorage(store: WebStorageLike, userId: string): OutboxStorage {
    const prefix = `interactionLog.outbox.v1.${userId}.`;
    return {
        keys() {
            const found: string[] = [];
            for (let i = 0; i < store.length; i += 1) {
                const key = store.key(i);
                if (key && key.startsWith(prefix)) found.push(key.slice(prefix.length));
            }
            return found;
        },
        read: (key) => store.getItem(prefix + key),
        write: (key, value) => store.setItem(prefix + key, value),
        remove: (key) => store.removeItem(prefix + key)
    };
}

/** Storage in memory only: used when the browser offers no storage at all. */
export function memoryStorage(initial: Record<string, string> = {}): OutboxStorage & { data: Map<string, string> } {
    const data = new Map(Object.entries(initial));
    return {
        data,
        keys: () => [...data.keys()],
        read: (key) => data.get(key) ?? null,
        write: (key, value) => {
            data.set(key, value);
        },
        remove: (key) => {
            data.delete(key);
        }
    };
}
