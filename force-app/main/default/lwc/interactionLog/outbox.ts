/**
 * outbox: a durable queue in the browser between the CRM Connector and Salesforce.
 *
 * A received log is written to storage before any network call and leaves only when
 * Salesforce has confirmed the record. Transient failures retry with exponential backoff
 * and jitter, when the browser comes back online, and when the component loads again.
 * Logs of one interaction are saved one at a time, in the order they arrived; at most
 * `maxInFlight` saves run at once.
 *
 * At contact-center scale (thousands waiting while Salesforce is unreachable):
 * - every operation costs O(log n) or less in the number waiting: the next log to save
 *   comes from a heap (dueHeap), counts are kept as they change, and a snapshot holds one
 *   page of rows, never the whole queue;
 * - a body is written once, under its own key; a change of state rewrites only the small
 *   state record;
 * - the outbox never holds more than `budgetChars` of the site's storage (Salesforce
 *   shares it with Lightning itself): beyond it, logs are kept in memory and the agent is
 *   told to keep the tab open; it never removes anything that is not its own;
 * - a confirmed log keeps no customer data in storage (ids and times only), and is written
 *   at most once a second (CONFIRMED_WRITE_MS): in a drain, most never touch storage;
 * - a log waiting longer than `expireAfterMs` is dropped, and counted.
 *
 * Pure: storage, clock, randomness and timers are passed in.
 */
import { DueHeap } from './dueHeap';
import { BudgetedStore, sizeOf, type OutboxStorage } from './outboxStore';
import { isSealed, NO_OUTBOX_KEY, sealedLength, type BodySeal } from './outboxSeal';
export { memoryStorage, webStorage } from './outboxStore';
export type { OutboxStorage, WebStorageLike } from './outboxStore';
import { browserTimers, type Timers } from 'c/rateLimits';
import { hashText } from 'c/safeData';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

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
    /** Its body is being sealed or opened (outboxSeal): not saved until that is done. In memory only. */
    locked?: boolean;
    /** Stored sealed, and this session's key cannot open it: never saved, kept until it expires. */
    unreadable?: boolean;
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
    /** Most characters the outbox keeps in storage (keys and values). */
    budgetChars?: number;
    /** Logs waiting longer than this are dropped and counted; undefined: never. */
    expireAfterMs?: number;
    /** Rows in one page of the snapshot. */
    pageSize?: number;
    /** Seals what is stored of a waiting log (its body, name and header); without it they are stored as they are. */
    seal?: BodySeal;
}

/** The most characters the outbox keeps in the browser's storage: a fifth of a typical 5 MB site quota. */
export const STORAGE_BUDGET_CHARS = 1_000_000;

export interface EnqueueInput {
    /** The entry's id when the caller has worked it out already (entryId of group and body). */
    id?: string;
    group: string;
    label: string;
    bodyJson: string;
    headerJson?: string;
    logKey?: string;
}

export interface OutboxSnapshot {
    /** The logs waiting (or being saved) on the page shown, in arrival order. */
    pending: OutboxEntry[];
    /** The logs needing attention on the page shown. */
    failed: OutboxEntry[];
    /** All logs waiting or being saved. */
    pendingCount: number;
    /** All logs needing attention. */
    failedCount: number;
    /** Where the page shown starts (needing attention first, then waiting), and its size. */
    offset: number;
    pageSize: number;
    lastSaved?: OutboxEntry;
    inFlight: number;
    /** Logs kept in memory only (storage full or over budget). */
    notDurable: number;
    /** Logs dropped because they waited longer than the expiry, since the count was reset. */
    expired: number;
    /** Characters the outbox holds in storage now. */
    storedChars: number;
}

export type OutboxListener = (snapshot: OutboxSnapshot) => void;

/** What an empty outbox looks like, before it has said anything. */
export const EMPTY_SNAPSHOT: OutboxSnapshot = {
    pending: [],
    failed: [],
    pendingCount: 0,
    failedCount: 0,
    offset: 0,
    pageSize: 50,
    inFlight: 0,
    notDurable: 0,
    expired: 0,
    storedChars: 0
};

/** Interaction id + a hash of the body and its length: the same message delivered twice is one entry. */
export function entryId(group: string, bodyJson: string): string {
    return `${group}#${hashText(bodyJson)}${bodyJson.length.toString(36)}`;
}

/** Listeners hear of changes at most this often during a burst. */
export const NOTIFY_INTERVAL_MS = 100;

/**
 * Confirmed entries are written to storage at most this often. In a drain most of them leave
 * the newest `maxConfirmed` before then and never touch storage (each write and removal is a
 * call into the browser's storage). What they hold is a hint (the record a redelivery of the
 * same message updates); the log key on the record keeps a redelivery from making a second one.
 */
export const CONFIRMED_WRITE_MS = 1000;

/** The storage key of an entry's body (written once, when the log arrives). */
const BODY_SUFFIX = '|body';
/** The storage key of the count of expired logs. */
const EXPIRED_KEY = 'expired';

/** What is sealed under a waiting log's body key: its body, the name it is listed under, `data.header`. */
interface Envelope {
    b: string;
    l: string;
    h?: string;
}

function isEntry(value: unknown): value is OutboxEntry {
    if (!value || typeof value !== 'object') return false;
    const e = value as Record<string, unknown>;
    return (
        typeof e.id === 'string' &&
        typeof e.group === 'string' &&
        typeof e.seq === 'number' &&
        ['pending', 'saving', 'saved', 'failed'].includes(String(e.state))
    );
}

export class LogOutbox {
    private readonly store: BudgetedStore;
    private readonly saver: Saver;
    private readonly now: () => number;
    private readonly random: () => number;
    private readonly timers: Timers;
    private readonly maxInFlight: number;
    private readonly maxConfirmed: number;
    private readonly baseDelayMs: number;
    private readonly maxDelayMs: number;
    private expireAfterMs?: number;
    private readonly pageSize: number;
    private readonly seal?: BodySeal;

    /** Unconfirmed entries by id, in arrival order (a Map keeps insertion order). */
    private readonly queue = new Map<string, OutboxEntry>();
    /** Entries needing attention, in the order they failed. */
    private readonly failedIds = new Set<string>();
    /** Per interaction, its entries that are not failed, in arrival order: the first is the one to save. */
    private readonly groups = new Map<string, OutboxEntry[]>();
    /** Group heads by when they are due (stale items are skipped). */
    private readonly due = new DueHeap<OutboxEntry>();
    /** Confirmed entries, oldest first (in memory with their labels; in storage without). */
    private confirmed: OutboxEntry[] = [];
    /** Confirmed entries not written to storage yet (CONFIRMED_WRITE_MS). */
    private readonly unwritten = new Set<OutboxEntry>();
    private writeTimer: unknown;
    private readonly busyGroups = new Set<string>();
    private pendingCount = 0;
    private notDurableCount = 0;
    private expired = 0;
    private offset = 0;
    private inFlight = 0;
    private seq = 0;
    private timer: unknown;
    private timerAt = Number.POSITIVE_INFINITY;
    private running = false;
    private drainScheduled = false;
    private notifyScheduled = false;
    /** Listeners were told less than NOTIFY_INTERVAL_MS ago: the next change waits for the window to close. */
    private notifyWindow = false;
    private readonly listeners = new Set<OutboxListener>();

    constructor(options: OutboxOptions) {
        this.store = new BudgetedStore(options.storage, options.budgetChars ?? STORAGE_BUDGET_CHARS);
        this.saver = options.saver;
        this.now = options.now ?? (() => Date.now());
        this.random = options.random ?? Math.random;
        this.timers = options.timers ?? browserTimers;
        this.maxInFlight = Math.max(1, options.maxInFlight ?? 3);
        this.maxConfirmed = Math.max(1, options.maxConfirmed ?? 50);
        this.baseDelayMs = options.baseDelayMs ?? 2000;
        this.maxDelayMs = options.maxDelayMs ?? 5 * 60 * 1000;
        this.setExpiry(options.expireAfterMs);
        this.pageSize = Math.max(1, options.pageSize ?? 50);
        this.seal = options.seal;
        this.load();
    }

    // -- reading ------------------------------------------------------------

    subscribe(listener: OutboxListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** Counts, and one page of rows (needing attention first, then waiting): O(page), never O(queue). */
    snapshot(): OutboxSnapshot {
        const failed: OutboxEntry[] = [];
        const pending: OutboxEntry[] = [];
        let skip = this.offset;
        const take = (entry: OutboxEntry, into: OutboxEntry[]): boolean => {
            if (skip > 0) skip -= 1;
            else into.push({ ...entry });
            return failed.length + pending.length < this.pageSize;
        };
        let room = true;
        for (const id of this.failedIds) {
            const entry = this.queue.get(id);
            if (entry && !(room = take(entry, failed))) break;
        }
        if (room) {
            // Skipping the failed entries costs at most as many steps as there are failed entries before the page.
            for (const entry of this.queue.values()) {
                if (entry.state === 'failed') continue;
                if (!take(entry, pending)) break;
            }
        }
        const last = this.confirmed[this.confirmed.length - 1];
        return {
            pending,
            failed,
            pendingCount: this.pendingCount,
            failedCount: this.failedIds.size,
            offset: this.offset,
            pageSize: this.pageSize,
            lastSaved: last ? { ...last } : undefined,
            inFlight: this.inFlight,
            notDurable: this.notDurableCount,
            expired: this.expired,
            storedChars: this.store.chars
        };
    }

    /** Logs waiting longer than this are dropped (checked when saving starts and when back online). */
    setExpiry(ms: number | undefined): void {
        this.expireAfterMs = ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : undefined;
    }

    /** Shows another page of rows in the snapshots (the panel's Previous and Next). */
    showFrom(offset: number): void {
        const total = this.queue.size;
        this.offset = Math.max(0, Math.min(Math.floor(offset), Math.max(0, total - 1)));
        this.notify();
    }

    /** Every entry the outbox holds, unconfirmed first (for tests and tools: O(n)). */
    entries(): OutboxEntry[] {
        return [...this.queue.values(), ...this.confirmed].map((e) => ({ ...e }));
    }

    get size(): number {
        return this.queue.size;
    }

    // -- writing ------------------------------------------------------------

    /**
     * Records a received log, durably, before anything else happens. The same message
     * delivered again is the same entry; a delivery of a log already confirmed is saved
     * again as an update of its record.
     */
    enqueue(input: EnqueueInput): OutboxEntry {
        const id = input.id ?? entryId(input.group, input.bodyJson);
        const existing = this.queue.get(id);
        if (existing) {
            if (existing.state === 'failed') this.makePending(existing, 0);
            this.scheduleDrain();
            return { ...existing };
        }
        const at = this.now();
        // The same message again: update the record it made rather than look for it. The new
        // entry takes over the storage key, so the confirmed one leaves the list: never written
        // or removed under that key again.
        const confirmed = this.confirmed.find((e) => e.id === id);
        if (confirmed) {
            this.confirmed = this.confirmed.filter((e) => e !== confirmed);
            this.unwritten.delete(confirmed);
        }
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
            recordId: confirmed?.recordId,
            durable: true
        };
        this.add(entry);
        this.writeBody(entry);
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
        this.writeConfirmed();
    }

    /** Retries one entry now (the panel's Retry button). */
    retry(id: string): boolean {
        const entry = this.queue.get(id);
        if (!entry || entry.state === 'saving' || entry.unreadable) return false;
        this.makePending(entry, 0);
        this.scheduleDrain();
        return true;
    }

    /** Retries everything waiting, now (the browser came back online). */
    retryAll(): void {
        this.wake(['pending', 'failed']);
    }

    /** Drops logs that waited too long, then makes entries in these states due now: O(n), on load and online only. */
    private wake(states: readonly EntryState[]): void {
        this.expireOld();
        const now = this.now();
        for (const entry of this.queue.values()) {
            if (!states.includes(entry.state) || entry.unreadable) continue;
            // A save in flight in this page finishes on its own.
            if (entry.state === 'saving' && this.busyGroups.has(entry.group)) continue;
            const changed = entry.state !== 'pending';
            if (entry.state === 'failed') {
                this.failedIds.delete(entry.id);
                this.joinGroup(entry);
            }
            this.setState(entry, 'pending');
            entry.nextAttemptAt = now;
            // A waiting log's time need not be stored: every page load makes it due at once.
            if (changed) this.persist(entry);
        }
        this.reschedule();
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

    /** Starts as many due saves as the in-flight limit allows; sets a timer for the next one. */
    drain(): void {
        if (!this.running) return;
        const now = this.now();
        while (this.inFlight < this.maxInFlight) {
            const next = this.due.peek();
            if (!next) break;
            if (!this.isCurrent(next.value, next.at)) {
                this.due.pop();
                continue;
            }
            if (next.at > now) break;
            this.due.pop();
            this.begin(next.value);
        }
        let earliest = Number.POSITIVE_INFINITY;
        while (this.due.size > 0) {
            const next = this.due.peek() as { at: number; value: OutboxEntry };
            if (this.isCurrent(next.value, next.at)) {
                earliest = next.at;
                break;
            }
            this.due.pop();
        }
        this.setTimer(this.inFlight < this.maxInFlight ? earliest : Number.POSITIVE_INFINITY);
    }

    /** Whether a heap item still stands for its entry: pending, first of its idle group, due at that time. */
    private isCurrent(entry: OutboxEntry, at: number): boolean {
        return (
            this.queue.get(entry.id) === entry &&
            entry.state === 'pending' &&
            !entry.locked &&
            entry.nextAttemptAt === at &&
            !this.busyGroups.has(entry.group) &&
            this.groups.get(entry.group)?.[0] === entry
        );
    }

    private begin(entry: OutboxEntry): void {
        this.setState(entry, 'saving');
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
        if (this.queue.get(entry.id) !== entry) {
            // Dropped meanwhile (expired): nothing to keep.
        } else if (result.ok) {
            this.confirm(entry, result.recordId, result.warningCount);
        } else {
            this.remember(entry, result);
            entry.lastError = result.message;
            entry.errorDetail = result.detail;
            if (result.transient) this.makePending(entry, this.backoff(entry.attempts));
            else this.makeFailed(entry);
        }
        this.pushHead(entry.group);
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
        this.remove(entry);
        const saved: OutboxEntry = {
            ...entry,
            state: 'saved',
            bodyJson: '',
            headerJson: undefined,
            logKey: undefined,
            recordId,
            warningCount,
            taskPending: undefined,
            taskId: undefined,
            savedAt: this.now(),
            lastError: undefined,
            errorDetail: undefined,
            durable: true
        };
        // No confirmed entry has this id: a redelivery took it out of the list when it arrived.
        this.confirmed.push(saved);
        while (this.confirmed.length > this.maxConfirmed) this.dropOldestConfirmed();
        this.unwritten.add(saved);
        this.writeTimer ??= this.timers.setTimeout(() => this.writeConfirmed(), CONFIRMED_WRITE_MS);
        this.notify();
    }

    /** Writes the confirmed entries not written yet (those still among the newest). */
    private writeConfirmed(): void {
        if (this.writeTimer !== undefined) this.timers.clearTimeout(this.writeTimer);
        this.writeTimer = undefined;
        for (const saved of this.unwritten) this.persist(saved);
        this.unwritten.clear();
    }

    /** Exponential backoff with jitter: half the delay fixed, half random. */
    backoff(attempts: number): number {
        const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
        return Math.round(exp / 2 + this.random() * (exp / 2));
    }

    // -- the queue's structure ------------------------------------------------------

    /** The one place an unconfirmed entry's state changes: counts follow. */
    private setState(entry: OutboxEntry, state: EntryState): void {
        const waiting = (s: EntryState) => s === 'pending' || s === 'saving';
        if (waiting(entry.state) && !waiting(state)) this.pendingCount -= 1;
        if (!waiting(entry.state) && waiting(state)) this.pendingCount += 1;
        entry.state = state;
    }

    private add(entry: OutboxEntry): void {
        this.queue.set(entry.id, entry);
        if (entry.state === 'pending' || entry.state === 'saving') this.pendingCount += 1;
        if (entry.state === 'failed') {
            this.failedIds.add(entry.id);
            return;
        }
        this.joinGroup(entry);
        this.pushHead(entry.group);
    }

    private remove(entry: OutboxEntry): void {
        this.queue.delete(entry.id);
        this.failedIds.delete(entry.id);
        if (entry.state === 'pending' || entry.state === 'saving') this.pendingCount -= 1;
        if (!entry.durable) this.notDurableCount -= 1;
        this.leaveGroup(entry);
        this.removeStored(entry.id);
        this.removeStored(entry.id + BODY_SUFFIX);
    }

    private leaveGroup(entry: OutboxEntry): void {
        const group = this.groups.get(entry.group);
        if (!group) return;
        const index = group.indexOf(entry);
        if (index >= 0) group.splice(index, 1);
        if (group.length === 0) this.groups.delete(entry.group);
    }

    /** Puts the first entry of an idle group on the schedule. */
    private pushHead(group: string): void {
        const head = this.groups.get(group)?.[0];
        if (head && head.state === 'pending' && !head.locked && !this.busyGroups.has(group)) {
            this.due.push({ at: head.nextAttemptAt, seq: head.seq, value: head });
        }
    }

    private makePending(entry: OutboxEntry, delayMs: number): void {
        if (entry.state === 'failed') {
            this.failedIds.delete(entry.id);
            this.joinGroup(entry);
        }
        this.setState(entry, 'pending');
        entry.nextAttemptAt = this.now() + delayMs;
        this.persist(entry);
        this.pushHead(entry.group);
        this.notify();
    }

    /** A failed entry waits for the agent's Retry; it does not hold up later logs of its interaction. */
    private makeFailed(entry: OutboxEntry): void {
        this.setState(entry, 'failed');
        entry.nextAttemptAt = this.now();
        this.leaveGroup(entry);
        this.failedIds.add(entry.id);
        this.persist(entry);
        this.notify();
    }

    /** Into its interaction's line, in arrival order (at the end, unless it is an older one coming back). */
    private joinGroup(entry: OutboxEntry): void {
        const group = this.groups.get(entry.group) ?? [];
        let i = group.length;
        while (i > 0 && group[i - 1].seq > entry.seq) i -= 1;
        group.splice(i, 0, entry);
        this.groups.set(entry.group, group);
    }

    /** Puts every idle group's first entry on the schedule at its time now; the items from before are dropped. */
    private reschedule(): void {
        this.due.clear();
        for (const group of this.groups.keys()) this.pushHead(group);
    }

    /** Drops the logs that waited longer than the expiry (never one being saved), and counts them. */
    private expireOld(): void {
        if (this.expireAfterMs === undefined) return;
        const limit = this.now() - this.expireAfterMs;
        let dropped = 0;
        // Removing the entry being visited is safe while iterating a Map: no copy of the queue is made.
        for (const entry of this.queue.values()) {
            if (entry.receivedAt < limit && entry.state !== 'saving') {
                this.remove(entry);
                dropped += 1;
            }
        }
        if (dropped > 0) {
            this.expired += dropped;
            this.write(EXPIRED_KEY, String(this.expired));
        }
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
        const loaded: OutboxEntry[] = [];
        for (const key of this.store.keys()) {
            const text = this.store.read(key);
            if (text === null) continue;
            if (key === EXPIRED_KEY) {
                this.expired = Number(text) || 0;
                continue;
            }
            if (key.endsWith(BODY_SUFFIX)) continue;
            let parsed: unknown;
            try {
                parsed = JSON.parse(text);
            } catch {
                parsed = null;
            }
            if (isEntry(parsed)) loaded.push({ ...parsed, durable: true });
        }
        loaded.sort((a, b) => a.seq - b.seq);
        for (const entry of loaded) {
            if (entry.state === 'saved') continue;
            // An entry stored by an earlier version holds its body; the current one keeps it under its own key.
            const body =
                typeof entry.bodyJson === 'string' && entry.bodyJson !== ''
                    ? entry.bodyJson
                    : this.store.read(entry.id + BODY_SUFFIX);
            if (body === null || body === '') continue;
            if (isSealed(body)) {
                this.openStored(entry, body);
                continue;
            }
            entry.bodyJson = body;
            this.add(entry);
        }
        this.confirmed = loaded.filter((e) => e.state === 'saved').sort((a, b) => (a.savedAt ?? 0) - (b.savedAt ?? 0));
        this.seq = loaded.reduce((max, e) => Math.max(max, e.seq), 0);
    }

    /**
     * The body, once, under its own key (later changes of state never rewrite it), then the
     * entry's state. With a seal, the body, name and header are sealed first, and the log is
     * not saved until they are stored; when no key comes, it is kept in memory only.
     */
    private writeBody(entry: OutboxEntry): void {
        const key = entry.id + BODY_SUFFIX;
        if (!this.seal) {
            if (!this.write(key, entry.bodyJson)) this.markDurable(entry, false);
            this.persist(entry);
            return;
        }
        const sealing = this.toSeal(entry, key);
        if (!sealing) {
            // It cannot be stored, sealed or not: sealing it would be work for nothing.
            this.markDurable(entry, false);
            return;
        }
        entry.locked = true;
        // Held until the sealed text is written: the logs arriving meanwhile count it.
        const release = this.store.reserve(sealing.chars);
        this.seal
            .seal(sealing.text, key)
            .then(
                (sealed) => {
                    if (this.queue.get(entry.id) !== entry) return;
                    if (this.write(key, sealed)) {
                        entry.locked = false;
                        this.persist(entry);
                    } else {
                        this.markDurable(entry, false);
                    }
                },
                () => this.markDurable(entry, false)
            )
            .finally(() => {
                release();
                this.unlock(entry);
            });
    }

    /**
     * What to seal of a waiting log, and the room storing it takes (its sealed body and its
     * state, exactly); undefined when that cannot fit.
     */
    private toSeal(entry: OutboxEntry, key: string): { text: string; chars: number } | undefined {
        const freeable = this.confirmedChars();
        // Sealed text is never shorter than the plain text: most of a burst beyond the budget stops here.
        const plainChars = entry.bodyJson.length + entry.label.length + (entry.headerJson?.length ?? 0);
        if (!this.store.fits(sizeOf(key, plainChars), freeable)) return undefined;
        const envelope: Envelope = { b: entry.bodyJson, l: entry.label, h: entry.headerJson };
        const text = JSON.stringify(envelope);
        const chars =
            sizeOf(key, sealedLength(text)) + sizeOf(entry.id, JSON.stringify(this.storedRecord(entry)).length);
        return this.store.fits(chars, freeable) ? { text, chars } : undefined;
    }

    /** Characters the confirmed entries hold in storage: what `write` could free to make room. */
    private confirmedChars(): number {
        return this.confirmed.reduce((chars, e) => chars + this.store.charsOf(e.id), 0);
    }

    /** A log stored sealed by an earlier page: listed under its interaction until this session's key opens it. */
    private openStored(entry: OutboxEntry, sealed: string): void {
        entry.bodyJson = '';
        entry.label = formatLabel(LABELS.logProvisionalName, entry.group);
        entry.locked = true;
        this.add(entry);
        (this.seal ? this.seal.open(sealed, entry.id + BODY_SUFFIX) : Promise.reject(new Error(NO_OUTBOX_KEY)))
            .then((text) => {
                const envelope = JSON.parse(text) as Envelope;
                if (typeof envelope.b !== 'string' || !envelope.b) throw new Error('an empty body');
                entry.bodyJson = envelope.b;
                entry.label = envelope.l || entry.label;
                entry.headerJson = envelope.h;
                this.unlock(entry);
            })
            .catch((error: unknown) => {
                const reason = error instanceof Error ? error.message : String(error);
                if (this.queue.get(entry.id) !== entry) return;
                if (reason.startsWith(NO_OUTBOX_KEY)) {
                    // Kept, stored as it is, for a session that has the key.
                    entry.lastError = LABELS.outboxWaitingForKey;
                    entry.errorDetail = reason;
                    this.notify();
                    return;
                }
                entry.unreadable = true;
                entry.locked = false;
                entry.lastError = LABELS.outboxUnreadable;
                entry.errorDetail = reason;
                this.makeFailed(entry);
            });
    }

    private unlock(entry: OutboxEntry): void {
        entry.locked = false;
        if (this.queue.get(entry.id) !== entry) return;
        this.pushHead(entry.group);
        this.notify();
        this.scheduleDrain();
    }

    /** The entry's state, without the body and, once confirmed, without anything about the customer. */
    private persist(entry: OutboxEntry): void {
        if ((!entry.durable || entry.locked) && entry.state !== 'saved') return;
        if (!this.write(entry.id, JSON.stringify(this.storedRecord(entry))) && entry.state !== 'saved') {
            this.markDurable(entry, false);
            this.removeStored(entry.id + BODY_SUFFIX);
        }
    }

    /** What is stored of an entry's state. */
    private storedRecord(entry: OutboxEntry): object {
        return entry.state === 'saved'
            ? {
                  id: entry.id,
                  group: entry.group,
                  seq: entry.seq,
                  state: entry.state,
                  recordId: entry.recordId,
                  savedAt: entry.savedAt
              }
            : {
                  ...entry,
                  bodyJson: undefined,
                  durable: undefined,
                  locked: undefined,
                  // Sealed with the body: nothing about the customer is stored in the clear.
                  ...(this.seal ? { label: '', headerJson: undefined } : {})
              };
    }

    private markDurable(entry: OutboxEntry, durable: boolean): void {
        if (entry.durable === durable) return;
        entry.durable = durable;
        if (this.queue.get(entry.id) === entry) this.notDurableCount += durable ? -1 : 1;
    }

    /** Writes within the budget, making room from the oldest confirmed entries (never from anything else). */
    private write(key: string, value: string): boolean {
        return this.store.write(key, value, () => this.dropOldestConfirmed());
    }

    /** Lets go of the oldest confirmed entry, removing it from storage if it was written; false when there is none. */
    private dropOldestConfirmed(): boolean {
        const oldest = this.confirmed.shift();
        if (oldest && !this.unwritten.delete(oldest)) this.removeStored(oldest.id);
        return oldest !== undefined;
    }

    private removeStored(key: string): void {
        this.store.remove(key);
    }

    /**
     * Tells listeners: at once (after the current turn of the event loop) when the outbox
     * was quiet, then at most once per `NOTIFY_INTERVAL_MS` however many entries change. Each
     * arriving message is a task of its own, so a burst of thousands would otherwise cost a
     * snapshot and a render per message; now it costs ten a second.
     */
    private notify(): void {
        if (this.listeners.size === 0 || this.notifyScheduled) return;
        this.notifyScheduled = true;
        if (this.notifyWindow) return;
        Promise.resolve().then(() => this.tellListeners());
    }

    private tellListeners(): void {
        this.notifyScheduled = false;
        this.notifyWindow = true;
        this.timers.setTimeout(() => {
            this.notifyWindow = false;
            if (this.notifyScheduled) this.tellListeners();
        }, NOTIFY_INTERVAL_MS);
        const snapshot = this.snapshot();
        for (const listener of this.listeners) {
            try {
                listener(snapshot);
            } catch {
                // A listener's failure must not stop the outbox.
            }
        }
    }
}
