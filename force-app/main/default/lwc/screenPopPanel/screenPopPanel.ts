/**
 * screenPopPanel: what a screen pop tells the agent under the connector: a message, and
 * the records to choose from or the record to create. It only renders the view it is
 * given and says what the agent chose: `choose` (recordId, objectType), `create`, `dismiss`.
 */
import { LightningElement, api } from 'lwc';
import type { ScreenPopView } from 'c/screenPop';
import { LABELS } from 'c/interactionLogLabels';

export default class ScreenPopPanel extends LightningElement {
    @api view?: ScreenPopView;

    readonly labels = LABELS;

    handleChoice(event: Event): void {
        const data = (event.currentTarget as HTMLElement | null)?.dataset;
        if (!data?.id) return;
        this.dispatchEvent(new CustomEvent('choose', { detail: { recordId: data.id, objectType: data.object } }));
    }

    handleCreate(): void {
        this.dispatchEvent(new CustomEvent('create'));
    }

    handleDismiss(): void {
        this.dispatchEvent(new CustomEvent('dismiss'));
    }
}
