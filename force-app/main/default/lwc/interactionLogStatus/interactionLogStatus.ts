/**
 * interactionLogStatus: the status strip under the connector (connection, last saved log,
 * the count of logs waiting or needing attention, problems) and the panel it opens, with
 * each waiting log's state, error, admin detail and a Retry button.
 *
 * It only renders what it is given; Retry is a `retry` event with the entry's id.
 */
import { LightningElement, api } from 'lwc';
import { recordUrl } from 'c/crmRecord';
import { displayText } from 'c/safeData';
import { EMPTY_SNAPSHOT, TARGET_OBJECT, type OutboxEntry, type OutboxSnapshot } from 'c/interactionLog';
import { formatLabel, LABELS, pluralLabel } from 'c/interactionLogLabels';

export interface RejectionRow {
    reason: string;
    label: string;
    count: number;
}

interface QueueRow {
    id: string;
    label: string;
    retryTitle: string;
    state: string;
    stateText: string;
    saving: boolean;
    error?: string;
    detail?: string;
}

function stateText(entry: OutboxEntry): string {
    if (entry.state === 'failed') return LABELS.stateNeedsAttention;
    if (entry.state === 'saving') return LABELS.stateSaving;
    return entry.attempts > 0 ? formatLabel(LABELS.stateWaitingRetry, entry.attempts) : LABELS.stateWaiting;
}

export default class InteractionLogStatus extends LightningElement {
    /** The connection state, in words, and its icon. */
    @api connectionLabel = '';
    @api connectionIcon = '';
    /** The outbox as it is now. */
    @api snapshot: OutboxSnapshot = EMPTY_SNAPSHOT;
    /** Messages refused, counted by reason, and the detail of the last one. */
    @api rejections: RejectionRow[] = [];
    @api lastRejection = '';
    /** Why logs cannot be saved at all, if so. */
    @api saveBlocked?: string;
    /** Why the connector could not be told the open records, if so. */
    @api contextProblem?: string;
    /** When the configuration in force was read, for admins (the connection badge's tooltip). */
    @api configurationLoaded?: string;
    /** How many of the agent's logs have no customer (0: nothing is shown). */
    @api unlinkedCount = 0;
    /** The last automatic link of a log to its customer, with Undo. */
    @api linkNotice?: { text: string; canUndo: boolean };

    readonly labels = LABELS;
    panelOpen = false;

    get unlinkedLabel(): string | undefined {
        const count = this.unlinkedCount;
        if (!count) return undefined;
        return formatLabel(pluralLabel(count, LABELS.unlinkedOne, LABELS.unlinkedOther), count);
    }

    handleOpenUnlinked(): void {
        this.dispatchEvent(new CustomEvent('openunlinked'));
    }

    handleUndoLink(): void {
        this.dispatchEvent(new CustomEvent('undolink'));
    }

    get rejectionTotal(): number {
        return this.rejections.reduce((sum, r) => sum + r.count, 0);
    }

    get lastSaved(): { label: string; url: string } | undefined {
        const last = this.snapshot.lastSaved;
        return last?.recordId
            ? { label: displayText(last.label), url: recordUrl(TARGET_OBJECT, last.recordId) }
            : undefined;
    }

    /** Logs waiting or needing attention, all of them (the panel shows one page). */
    get waiting(): number {
        return this.snapshot.pendingCount + this.snapshot.failedCount;
    }

    get hasQueue(): boolean {
        return this.waiting + this.rejectionTotal > 0;
    }

    get queueLabel(): string {
        const pending = this.snapshot.pendingCount;
        const failed = this.snapshot.failedCount;
        const refused = this.rejectionTotal;
        const parts = [];
        if (pending) parts.push(formatLabel(LABELS.queuePending, pending));
        if (failed) {
            const template = pluralLabel(failed, LABELS.queueNeedsAttentionOne, LABELS.queueNeedsAttentionOther);
            parts.push(formatLabel(template, failed));
        }
        if (refused) parts.push(formatLabel(LABELS.queueRefused, refused));
        return parts.join(', ');
    }

    get queueIcon(): string {
        return this.snapshot.failedCount ? 'utility:warning' : 'utility:clock';
    }

    get panelExpanded(): string {
        return this.panelOpen ? 'true' : 'false';
    }

    get notDurableWarning(): string | undefined {
        const n = this.snapshot.notDurable;
        return n ? formatLabel(pluralLabel(n, LABELS.notDurableOne, LABELS.notDurableOther), n) : undefined;
    }

    get queueRows(): QueueRow[] {
        return [...this.snapshot.failed, ...this.snapshot.pending].map((e) => ({
            id: e.id,
            label: displayText(e.label),
            retryTitle: formatLabel(LABELS.retryTitle, displayText(e.label)),
            state: e.state,
            saving: e.state === 'saving',
            stateText: stateText(e),
            error: e.lastError && displayText(e.lastError),
            detail: e.errorDetail && displayText(e.errorDetail)
        }));
    }

    get hasQueueRows(): boolean {
        return this.waiting > 0;
    }

    /** "Showing 51–100 of 10,000" when the panel does not show every log. */
    get range(): string | undefined {
        const { offset, pageSize } = this.snapshot;
        if (this.waiting <= pageSize && offset === 0) return undefined;
        const last = Math.min(offset + pageSize, this.waiting);
        return formatLabel(LABELS.panelRange, offset + 1, last, this.waiting);
    }

    get noPrevious(): boolean {
        return this.snapshot.offset === 0;
    }

    get noNext(): boolean {
        return this.snapshot.offset + this.snapshot.pageSize >= this.waiting;
    }

    get expiredWarning(): string | undefined {
        const n = this.snapshot.expired;
        return n ? formatLabel(pluralLabel(n, LABELS.expiredOne, LABELS.expiredOther), n) : undefined;
    }

    handlePrevious(): void {
        this.page(this.snapshot.offset - this.snapshot.pageSize);
    }

    handleNext(): void {
        this.page(this.snapshot.offset + this.snapshot.pageSize);
    }

    private page(offset: number): void {
        this.dispatchEvent(new CustomEvent('page', { detail: { offset: Math.max(0, offset) } }));
    }

    get lastRejectionText(): string {
        return displayText(this.lastRejection);
    }

    get rejectionRows(): { reason: string; text: string }[] {
        return this.rejections.map((r) => ({
            reason: r.reason,
            text: formatLabel(LABELS.rejectionCount, r.label, r.count)
        }));
    }

    get hasRejections(): boolean {
        return this.rejections.length > 0;
    }

    togglePanel(): void {
        this.panelOpen = !this.panelOpen;
    }

    handleRetry(event: Event): void {
        const id = (event.currentTarget as HTMLElement | null)?.dataset.id;
        if (id) this.dispatchEvent(new CustomEvent('retry', { detail: { id } }));
    }
}
