/**
 * logService: the save path, from a genuine message to a saved record, in one direction.
 *
 *   receive(message) → prepare (map once, log and Task) → outbox (durable) → writer → org
 *                                                                              ↓
 *                                                     onOutcome(saved | needs attention)
 *
 * The component hands over messages the protocol has judged genuine and well formed, and
 * renders what comes back through the two callbacks; it never handles a serialised body.
 * The body is serialised once (by the protocol, for the size check; the outbox stores that
 * text) and parsed again only after a page reload, when a stored entry is saved.
 */
import {
    entryId,
    LogOutbox,
    type OutboxEntry,
    type OutboxOptions,
    type OutboxSnapshot,
    type OutboxStorage,
    type SaveOutcome
} from './outbox';
import { prepareLog, warmUp } from './preparedLog';
import { freshLinks, rememberLink, type NumberLink } from './numberLinks';
import { writeInteractionLog, type OrgApi, type PreparedLog, type WriterConfig } from './logWriter';
import { FIELD, type FieldValue } from './logSchema';
import type { InteractionLogBody } from './logBody';
import { formatLabel, LABELS } from 'c/interactionLogLabels';
import { browserTimers, nextTask, type Timers } from 'c/rateLimits';

/** A log the protocol accepted: its body, the body as JSON (made once), and `data.header`. */
export interface ReceivedLog {
    body: InteractionLogBody;
    bodyJson: string;
    header?: Record<string, unknown>;
}

/** What the agent (and the connector) hear about one log. */
export type LogOutcome =
    | {
          kind: 'saved';
          label: string;
          recordId: string;
          /** The fields written. */
          fields: Record<string, FieldValue>;
          warnings: string[];
          /** The log's Task, when the activity mirror is on. */
          taskId?: string;
          body: InteractionLogBody;
          header?: Record<string, unknown>;
      }
    | { kind: 'needs-attention'; label: string; message: string; detail?: string };

export interface LogServiceOptions {
    storage: OutboxStorage;
    api: OrgApi;
    onOutcome(outcome: LogOutcome): void;
    /** The queue changed; called at most once per turn of the event loop. */
    onQueue?(snapshot: OutboxSnapshot): void;
    /** Clock, timers and limits of the outbox (tests set them). */
    outbox?: Omit<OutboxOptions, 'storage' | 'saver'>;
}

/**
 * Logs kept prepared in memory at most: the next ones to save. Beyond them (a backlog of
 * thousands), a log is kept only as its entry's text and prepared again when its turn
 * comes, so that memory, and the garbage collector's pauses in the agent's page, stay small.
 */
export const MAX_HELD = 200;

/** A log in memory: its body, and what it was prepared into under which configuration. */
interface HeldLog {
    body: InteractionLogBody;
    header?: Record<string, unknown>;
    prepared?: PreparedLog;
    preparedWith?: WriterConfig;
}

/** The name a log is listed under before it is mapped (no configuration yet). */
function provisionalLabel(body: InteractionLogBody): string {
    return formatLabel(LABELS.logProvisionalName, body.interactionId).slice(0, 120);
}

function keyOf(prepared: PreparedLog | undefined): string | undefined {
    const key = prepared?.fields[FIELD.logKey];
    return typeof key === 'string' ? key : undefined;
}

/** A log keeps the key it was given when it arrived (stored with it), whatever the rule is now. */
function withKey(prepared: PreparedLog, logKey: string | undefined): PreparedLog {
    if (!logKey || keyOf(prepared) === undefined || keyOf(prepared) === logKey) return prepared;
    return { ...prepared, fields: { ...prepared.fields, [FIELD.logKey]: logKey } };
}

export class InteractionLogService {
    private readonly outbox: LogOutbox;
    private readonly api: OrgApi;
    private readonly onOutcome: (outcome: LogOutcome) => void;
    private readonly held = new Map<string, HeldLog>();
    private readonly stopListening?: () => void;
    private readonly now: () => number;
    private readonly timers: Timers;
    private config?: WriterConfig;
    /** Numbers the agent tied to records (a call dialed from one, a Contact created from a screen pop), newest first. */
    private links: NumberLink[] = [];

    constructor(options: LogServiceOptions) {
        this.api = options.api;
        this.onOutcome = options.onOutcome;
        this.now = options.outbox?.now ?? (() => Date.now());
        this.timers = options.outbox?.timers ?? browserTimers;
        this.outbox = new LogOutbox({
            maxInFlight: options.api.capacity,
            ...options.outbox,
            storage: options.storage,
            saver: (entry) => this.save(entry)
        });
        if (options.onQueue) this.stopListening = this.outbox.subscribe(options.onQueue);
    }

    /**
     * What the writer needs (schema, mappings, settings), and how long a log may wait in the
     * browser; the first call starts saving. The mapper is warmed up for the configuration in
     * a task of its own (preparedLog.warmUp), unless another configuration came meanwhile.
     */
    configure(config: WriterConfig, expireAfterMs?: number): void {
        const first = !this.config;
        this.config = config;
        this.outbox.setExpiry(expireAfterMs);
        if (first) this.outbox.start();
        nextTask(this.timers).then(() => {
            if (this.config === config) warmUp(config);
        });
    }

    /** Takes a log the protocol accepted: prepared now when the configuration is in, stored before anything else. */
    receive(log: ReceivedLog): OutboxEntry {
        // A redelivery of a log still held is not prepared again.
        const id = entryId(log.body.interactionId, log.bodyJson);
        const held = this.held.get(id) ?? {
            body: log.body,
            header: log.header
        };
        this.prepare(held, log.bodyJson);
        const name = held.prepared?.fields[FIELD.name];
        const entry = this.outbox.enqueue({
            id,
            group: log.body.interactionId,
            label: typeof name === 'string' && name ? name : provisionalLabel(log.body),
            bodyJson: log.bodyJson,
            headerJson: log.header ? JSON.stringify(log.header) : undefined,
            logKey: keyOf(held.prepared)
        });
        if (this.held.size < MAX_HELD || this.held.has(entry.id)) this.held.set(entry.id, held);
        return entry;
    }

    /**
     * A number the agent tied to records (a call dialed from a record, a Contact created
     * from a screen pop): a log that arrives later without a Name or Related To of its own,
     * for that number, is linked to them (numberLinks).
     */
    rememberNumber(link: Omit<NumberLink, 'at'>): void {
        this.links = rememberLink(this.links, { ...link, at: this.now() });
    }

    /** Forgets what rememberNumber was told about a number (the agent undid a link). */
    forgetNumber(number: string): void {
        this.links = this.links.filter((l) => l.number !== number);
    }

    /** Logs not confirmed yet. */
    get size(): number {
        return this.outbox.size;
    }

    snapshot(): OutboxSnapshot {
        return this.outbox.snapshot();
    }

    retry(id: string): boolean {
        return this.outbox.retry(id);
    }

    retryAll(): void {
        this.outbox.retryAll();
    }

    /** Shows another page of waiting logs in the snapshots. */
    showFrom(offset: number): void {
        this.outbox.showFrom(offset);
    }

    stop(): void {
        this.stopListening?.();
        this.outbox.stop();
    }

    private prepare(held: HeldLog, bodyJson: string): PreparedLog | undefined {
        const config = this.config;
        if (config && held.preparedWith !== config) {
            held.prepared = prepareLog(held.body, config, bodyJson, freshLinks(this.links, this.now()));
            held.preparedWith = config;
        }
        return held.prepared;
    }

    /** A stored entry in memory again: after a reload, its body is parsed here, once. */
    private hold(entry: Readonly<OutboxEntry>): HeldLog {
        let held = this.held.get(entry.id);
        if (!held) {
            held = {
                body: JSON.parse(entry.bodyJson) as InteractionLogBody,
                header: entry.headerJson ? (JSON.parse(entry.headerJson) as Record<string, unknown>) : undefined
            };
            this.held.set(entry.id, held);
        }
        return held;
    }

    /**
     * Saves one entry. Its log is parsed (after a reload) and prepared in a task of its own: a
     * batch's answer confirms its logs and starts the next ones, and that task would otherwise
     * prepare them all too.
     */
    private async save(entry: Readonly<OutboxEntry>): Promise<SaveOutcome> {
        await nextTask(this.timers);
        const config = this.config;
        if (!config) {
            return { ok: false, transient: true, message: LABELS.saveWaitingConfiguration };
        }
        const held = this.hold(entry);
        const prepared = withKey(this.prepare(held, entry.bodyJson) as PreparedLog, entry.logKey);
        const result = await writeInteractionLog(prepared, config, this.api, {
            recordId: entry.recordId,
            taskPending: entry.taskPending,
            taskId: entry.taskId
        });
        if (result.ok) {
            this.held.delete(entry.id);
            const written = result.fields[FIELD.name];
            this.onOutcome({
                kind: 'saved',
                // The record's name as written (a log received before the configuration was listed provisionally).
                label: typeof written === 'string' && written ? written : entry.label,
                recordId: result.recordId,
                fields: result.fields,
                warnings: result.warnings,
                taskId: result.taskId,
                body: held.body,
                header: held.header
            });
            return { ok: true, recordId: result.recordId, warningCount: result.warnings.length };
        }
        // Waiting again: kept as text only when the backlog is large.
        if (this.held.size > MAX_HELD) this.held.delete(entry.id);
        if (!result.transient) {
            this.onOutcome({
                kind: 'needs-attention',
                label: entry.label,
                message: result.message,
                detail: result.detail
            });
        }
        return {
            ok: false,
            transient: result.transient,
            message: result.message,
            detail: result.detail,
            resume: result.resume
        };
    }
}
