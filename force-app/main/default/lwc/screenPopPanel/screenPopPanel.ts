/**
 * screenPopPanel: what a screen pop tells the agent under the connector: a message, and
 * the records to choose from or the record to create. It only renders the view it is
 * given and says what the agent chose: `choose` (recordId, objectType), `create`, `dismiss`.
 */
import { LightningElement, api } from 'lwc';
import type { ScreenPopView } from 'c/screenPop';
import { LABELS } from 'c/interactionLogLabels';
import { displayText } from 'c/safeData';

export default class ScreenPopPanel extends LightningElement {
    @api view?: ScreenPopView;

    readonly labels = LABELS;

    /** The view as the agent may be shown it: addresses and names come from outside, overrides neutralised. */
    get shown(): ScreenPopView | undefined {
        const view = this.view;
        if (!view) return undefined;
        return {
            title: displayText(view.title),
            message: displayText(view.message),
            choices: view.choices?.map((c) => ({ ...c, label: displayText(c.label), title: displayText(c.title) })),
            create: view.create && { ...view.create, label: displayText(view.create.label) }
        };
    }

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
