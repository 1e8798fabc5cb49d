/**
 * interactionLogSetup: what the connector's place shows while it cannot be hosted: why,
 * and, when an admin must act, the steps to take. It renders the hosting plan it is given.
 */
import { LightningElement, api } from 'lwc';
import type { HostingPlan } from 'c/interactionLogSettings';
import { LABELS } from 'c/interactionLogLabels';

export default class InteractionLogSetup extends LightningElement {
    /** The plan that says the connector cannot be hosted, and why. */
    @api plan?: HostingPlan;
    /** True while Salesforce cannot be reached (nothing for an admin to do yet). */
    @api waiting = false;

    readonly labels = LABELS;

    get heading(): string {
        return this.waiting ? LABELS.setupWaitingTitle : LABELS.setupTitle;
    }

    get steps(): { key: string; text: string }[] {
        return (this.plan?.steps ?? []).map((text, i) => ({ key: `step-${i}`, text }));
    }

    get hasSteps(): boolean {
        return this.steps.length > 0;
    }
}
