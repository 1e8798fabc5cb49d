/**
 * contextTracker: keeps the connector told which records the agent is working on. It
 * gathers where the records come from (console tabs, the page, the record page the
 * component sits on), asks Salesforce to describe the records it does not know yet, and
 * sends the context only when it changed and only while the connector is connected.
 * A newer change always wins over an answer that arrives late.
 */
import { recordContextFor, type RecordContext } from 'c/connectorProtocol';
import { errorMessage } from 'c/interactionLog';
import { formatLabel, LABELS } from 'c/interactionLogLabels';
import { contextKey, contextRecordIds, DescribedRecords, type ContextSources } from './recordSources';

export interface ContextTrackerOptions {
    /** InteractionLogRecordController.describeRecords. */
    describe(recordIds: string[]): Promise<unknown>;
    /** Sends the context to the connector. */
    send(context: RecordContext): void;
    /** Why the context could not be sent (undefined once it could). */
    onProblem(problem: string | undefined): void;
}

export class RecordContextTracker {
    private readonly options: ContextTrackerOptions;
    private readonly described = new DescribedRecords();
    private sources: ContextSources = {};
    private connected = false;
    private sentKey = '';
    private run = 0;

    constructor(options: ContextTrackerOptions) {
        this.options = options;
    }

    /** Where the records come from changed (a page, a record page, the console's tabs). */
    update(sources: ContextSources): void {
        this.sources = { ...this.sources, ...sources };
        this.refresh();
    }

    /** The connector (re)started its session: it knows no records yet. */
    connect(): void {
        this.connected = true;
        this.sentKey = '';
        this.refresh();
    }

    /** The component left the page: a description still on its way is not sent. */
    disconnect(): void {
        this.connected = false;
        this.run += 1;
    }

    private async refresh(): Promise<void> {
        if (!this.connected) return;
        const run = ++this.run;
        const ids = contextRecordIds(this.sources);
        const unknown = this.described.unknown(ids);
        if (unknown.length > 0) {
            try {
                this.described.learn(unknown, await this.options.describe(unknown));
                this.options.onProblem(undefined);
            } catch (error) {
                if (run === this.run) {
                    this.options.onProblem(formatLabel(LABELS.contextUndescribable, errorMessage(error)));
                }
                return;
            }
        }
        if (run !== this.run) return;
        const records = this.described.summaries(ids);
        const key = contextKey(records);
        if (key === this.sentKey) return;
        this.sentKey = key;
        this.options.send(recordContextFor(records));
    }
}
