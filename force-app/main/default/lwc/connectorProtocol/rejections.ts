/**
 * rejections: messages the gate refused, counted by reason for the admin view of the
 * status panel.
 */
import { LABELS } from 'c/interactionLogLabels';
import type { RejectionReason } from './messageGate';

export const REASON_LABELS: Readonly<Record<RejectionReason, string>> = {
    origin: LABELS.reasonOrigin,
    source: LABELS.reasonSource,
    type: LABELS.reasonType,
    shape: LABELS.reasonShape,
    body: LABELS.reasonBody,
    size: LABELS.reasonSize,
    'unknown-action': LABELS.reasonUnknownAction
};

export class RejectionCounter {
    private readonly counts = new Map<RejectionReason, number>();
    private lastDetail = '';

    record(reason: RejectionReason, detail: string): void {
        this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
        this.lastDetail = detail;
    }

    get total(): number {
        let sum = 0;
        for (const n of this.counts.values()) sum += n;
        return sum;
    }

    get last(): string {
        return this.lastDetail;
    }

    /** Counts by reason, in a fixed order, without zeros. */
    summary(): { reason: RejectionReason; label: string; count: number }[] {
        return (Object.keys(REASON_LABELS) as RejectionReason[])
            .map((reason) => ({ reason, label: REASON_LABELS[reason], count: this.counts.get(reason) ?? 0 }))
            .filter((row) => row.count > 0);
    }
}
