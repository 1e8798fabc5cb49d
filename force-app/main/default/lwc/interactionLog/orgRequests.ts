/**
 * orgRequests: the save path's requests to the org, few at a time, creates that wait together sent together.
 *
 * Terms:
 * - a request: one call to the org (a Lightning Data Service write, an Apex look-up, or a batch);
 *   at most `requestsAtOnce` are in flight, the rest wait in arrival order;
 * - a batch: the log creates waiting when a request slot frees (at least two, at most
 *   `batchSize`, at most `batchChars` characters of values), sent as one GraphQL mutation
 *   (`executeMutation`) with `allOrNone: false`, so that a refused log never rolls back the others;
 * - a fallback: a create the batch did not confirm, sent again alone through `createRecord`, so
 *   the writer sees exactly the errors it handles (DUPLICATE_VALUE, refused fields, transient ones).
 *   A batch the network or the org's availability failed (a transient error) fails each of its
 *   logs with that error, to be retried as any log is. A batch answered without any data for
 *   another reason (an org without mutations) falls back whole, and for the next `coolDownMs`
 *   creates go alone.
 * - sending: when a slot frees, what waits is sent in a task of its own, not in the task of the
 *   answer that freed it. The saves that answer finishes, and the ones the outbox starts next,
 *   queue their creates first, so they leave as one batch (none goes alone ahead of the others),
 *   and no task both takes an answer and builds and sends the next request. A task sends one
 *   request: when several slots are free, each request is built and sent in a task of its own.
 *
 * A lone create goes alone: batching only changes how a backlog drains, never how one log is saved.
 */
import { TARGET_OBJECT, type FieldValue } from './logSchema';
import { isTransient, normalizeSaveError } from './saveErrors';
import type { OrgApi } from './logWriter';
import { browserTimers, nextTask, type Timers } from 'c/rateLimits';

/** One GraphQL mutation request: `executeMutation` from lightning/graphql, the query made by `gql`. */
export interface MutationApi {
    gql(strings: TemplateStringsArray, ...values: unknown[]): unknown;
    executeMutation(request: {
        query: unknown;
        variables: Record<string, unknown>;
        operationName: string;
    }): Promise<{ data?: unknown; errors?: unknown }>;
}

export interface OrgRequestOptions {
    requestsAtOnce?: number;
    batchSize?: number;
    batchChars?: number;
    coolDownMs?: number;
    now?: () => number;
    timers?: Timers;
}

type Fields = Record<string, FieldValue>;

interface Waiting {
    /** A create that may join a batch, or any other request. */
    create?: Fields;
    /** The characters the create takes (charsOf), worked out once. */
    chars: number;
    run: () => Promise<unknown>;
    resolve(value: unknown): void;
    reject(error: unknown): void;
}

const OPERATION = 'SaveInteractionLogs';

/** The characters a log's values take: what a request carries, counted without serialising it. */
function charsOf(fields: Fields): number {
    let chars = 0;
    for (const [name, value] of Object.entries(fields)) chars += name.length + String(value).length + 6;
    return chars;
}

/** The record id each alias came back with (`data.uiapi.<alias>.Record.Id`); nothing when no data came back. */
function createdIds(data: unknown): Map<string, string> | undefined {
    const uiapi = (data as { uiapi?: Record<string, { Record?: { Id?: unknown } } | null> } | null)?.uiapi;
    if (!uiapi || typeof uiapi !== 'object') return undefined;
    const ids = new Map<string, string>();
    for (const alias of Object.keys(uiapi)) {
        const id = uiapi[alias]?.Record?.Id;
        if (typeof id === 'string' && id) ids.set(alias, id);
    }
    return ids;
}

export class OrgRequests implements OrgApi {
    readonly requestsAtOnce: number;
    private readonly batchSize: number;
    private readonly batchChars: number;
    private readonly coolDownMs: number;
    private readonly now: () => number;
    private readonly timers: Timers;
    private readonly waiting: Waiting[] = [];
    private inFlight = 0;
    private sendScheduled = false;
    private alonesUntil = 0;
    /** Requests of each kind sent (for the benchmark and the tests). */
    readonly sent = { batches: 0, batched: 0, alone: 0, fallbacks: 0 };

    constructor(
        private readonly api: OrgApi,
        private readonly mutations?: MutationApi,
        options: OrgRequestOptions = {}
    ) {
        this.requestsAtOnce = Math.max(1, options.requestsAtOnce ?? 3);
        this.batchSize = Math.max(1, options.batchSize ?? 25);
        this.batchChars = options.batchChars ?? 1_000_000;
        this.coolDownMs = options.coolDownMs ?? 60_000;
        this.now = options.now ?? (() => Date.now());
        this.timers = options.timers ?? browserTimers;
    }

    /** How many saves may wait on these requests at once: enough to fill every slot with a batch. */
    get capacity(): number {
        return this.mutations ? this.requestsAtOnce * this.batchSize : this.requestsAtOnce;
    }

    createRecord(input: { apiName: string; fields: Fields }): Promise<{ id: string }> {
        const batchable = input.apiName === TARGET_OBJECT ? input.fields : undefined;
        return this.enqueue(() => this.api.createRecord(input), batchable) as Promise<{ id: string }>;
    }

    updateRecord(input: { fields: Record<string, FieldValue | null> }): Promise<{ id: string }> {
        return this.enqueue(() => this.api.updateRecord(input)) as Promise<{ id: string }>;
    }

    findRecordIdByLogKey(logKey: string): Promise<string | null | undefined> {
        return this.enqueue(() => this.api.findRecordIdByLogKey(logKey)) as Promise<string | null | undefined>;
    }

    findTaskIdForLog(logId: string): Promise<string | null | undefined> {
        return this.enqueue(() => this.api.findTaskIdForLog(logId)) as Promise<string | null | undefined>;
    }

    private enqueue(run: () => Promise<unknown>, create?: Fields): Promise<unknown> {
        return new Promise((resolve, reject) => {
            this.waiting.push({ run, create, chars: create ? charsOf(create) : 0, resolve, reject });
            this.pump();
        });
    }

    /** Sends the next request, in a task of its own, once a slot is free; the one after it in a task of its own again. */
    private pump(): void {
        if (this.sendScheduled || this.inFlight >= this.requestsAtOnce || !this.waiting.length) return;
        this.sendScheduled = true;
        nextTask(this.timers).then(() => {
            this.sendScheduled = false;
            this.send();
            this.pump();
        });
    }

    private send(): void {
        if (this.inFlight >= this.requestsAtOnce || !this.waiting.length) return;
        const batch = this.takeBatch();
        this.inFlight += 1;
        const sent = batch ? this.sendBatch(batch) : this.sendAlone(this.waiting.shift() as Waiting);
        sent.finally(() => {
            this.inFlight -= 1;
            this.pump();
        }).catch(() => undefined);
    }

    /** The creates to send together now, or nothing when the next request goes alone. */
    private takeBatch(): Waiting[] | undefined {
        if (!this.mutations || !this.waiting[0].create || this.now() < this.alonesUntil) return undefined;
        const batch: Waiting[] = [];
        let chars = 0;
        for (let i = 0; i < this.waiting.length && batch.length < this.batchSize;) {
            const { create, chars: size } = this.waiting[i];
            if (!create || (batch.length > 0 && chars + size > this.batchChars)) {
                i += 1;
                continue;
            }
            chars += size;
            batch.push(this.waiting.splice(i, 1)[0]);
        }
        if (batch.length > 1) return batch;
        this.waiting.unshift(...batch);
        return undefined;
    }

    private async sendAlone(request: Waiting): Promise<void> {
        this.sent.alone += 1;
        try {
            request.resolve(await request.run());
        } catch (error) {
            request.reject(error);
        }
    }

    private async sendBatch(batch: Waiting[]): Promise<void> {
        const { gql, executeMutation } = this.mutations as MutationApi;
        const aliases = batch.map((_, i) => `c${i}`);
        const params = aliases.map((a) => `$${a}: ${TARGET_OBJECT}CreateInput!`).join(', ');
        const operations = aliases.map((a) => `${a}: ${TARGET_OBJECT}Create(input: $${a}) { Record { Id } }`).join(' ');
        const variables: Record<string, unknown> = {};
        batch.forEach((request, i) => {
            variables[aliases[i]] = { [TARGET_OBJECT]: request.create };
        });
        this.sent.batches += 1;
        let ids: Map<string, string> | undefined;
        try {
            const result = await executeMutation({
                query: gql`mutation ${OPERATION}(${params}) { uiapi(input: { allOrNone: false }) { ${operations} } }`,
                variables,
                operationName: OPERATION
            });
            ids = createdIds(result?.data);
        } catch (error) {
            // The network or the org is away: every log of the batch waits for it, as one alone would.
            if (isTransient(normalizeSaveError(error))) {
                for (const request of batch) request.reject(error);
                return;
            }
        }
        if (!ids) this.alonesUntil = this.now() + this.coolDownMs;
        const unconfirmed: Waiting[] = [];
        batch.forEach((request, i) => {
            const id = ids?.get(aliases[i]);
            if (id) {
                this.sent.batched += 1;
                request.resolve({ id });
            } else {
                unconfirmed.push(request);
            }
        });
        // Sent again alone, ahead of what arrived since: the writer then sees Salesforce's own answer.
        this.sent.fallbacks += unconfirmed.length;
        this.waiting.unshift(...unconfirmed.map((request) => ({ ...request, create: undefined })));
    }
}
