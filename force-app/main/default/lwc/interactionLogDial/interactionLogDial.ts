/**
 * interactionLogDial: the Call buttons on a record page. A thin shell over c/clickToDial:
 * it reads the record's numbers with Lightning Data Service, asks the package's message
 * channel whether a CRM Connector host is on the page, and publishes the number the agent
 * chose. Calling a person marked Do Not Call asks first.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { APPLICATION_SCOPE, MessageContext, publish, subscribe, unsubscribe } from 'lightning/messageService';
import DIAL_CHANNEL from '@salesforce/messageChannel/Interaction_Log_Click_To_Dial__c';
import {
    dialFieldsFor,
    dialStateText,
    dialTargetsFor,
    readChannelMessage,
    type DialState,
    type DialTarget,
    type UiRecord
} from 'c/clickToDial';
import { errorMessage } from 'c/interactionLog';
import { formatLabel, LABELS } from 'c/interactionLogLabels';
import { browserTimers, type Timers } from 'c/rateLimits';

/** How long a record page waits for a host to answer before it says none is there. */
export const HOST_ANSWER_MS = 2000;

export default class InteractionLogDial extends LightningElement {
    @api recordId?: string;
    @api objectApiName?: string;

    @wire(MessageContext) messageContext?: unknown;

    readonly labels = LABELS;
    state: DialState = 'checking';
    targets: DialTarget[] = [];
    loadError?: string;
    /** The key of the Do Not Call number the agent is asked about. */
    confirming?: string;
    sent?: string;

    private subscription?: unknown;
    private answerTimer?: unknown;
    private readonly timers: Timers = browserTimers;

    get fields(): string[] {
        return dialFieldsFor(this.objectApiName ?? '').fields;
    }

    get optionalFields(): string[] {
        return dialFieldsFor(this.objectApiName ?? '').optionalFields;
    }

    @wire(getRecord, { recordId: '$recordId', fields: '$fields', optionalFields: '$optionalFields' })
    wiredRecord({ data, error }: { data?: UiRecord; error?: unknown }): void {
        if (data) {
            this.targets = dialTargetsFor(this.objectApiName ?? '', data);
            this.loadError = undefined;
        } else if (error) {
            this.targets = [];
            this.loadError = errorMessage(error);
        }
    }

    override connectedCallback(): void {
        this.subscription = subscribe(this.messageContext, DIAL_CHANNEL, (message: unknown) => this.hear(message), {
            scope: APPLICATION_SCOPE
        });
        this.askHost();
    }

    override disconnectedCallback(): void {
        if (this.subscription) unsubscribe(this.subscription);
        this.subscription = undefined;
        this.timers.clearTimeout(this.answerTimer);
    }

    get stateText(): string | undefined {
        return dialStateText(this.state);
    }

    get showCheckAgain(): boolean {
        return this.state === 'no-connector';
    }

    get hasTargets(): boolean {
        return this.targets.length > 0;
    }

    get showNoNumbers(): boolean {
        return !this.loadError && this.targets.length === 0 && this.recordId !== undefined;
    }

    get rows() {
        const disabled = this.state !== 'ready';
        return this.targets.map((target) => ({
            key: target.key,
            number: target.number,
            label: target.label,
            doNotCall: target.doNotCall,
            disabled,
            title: formatLabel(LABELS.dialCallTitle, target.number, target.label),
            confirming: this.confirming === target.key,
            confirmText: formatLabel(LABELS.dialConfirm, target.request.record.recordName)
        }));
    }

    handleCheckAgain(): void {
        this.askHost();
    }

    handleCall(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        const target = this.targets.find((t) => t.key === key);
        if (!target || this.state !== 'ready') return;
        if (target.doNotCall && this.confirming !== key) {
            this.confirming = key;
            return;
        }
        this.confirming = undefined;
        publish(this.messageContext, DIAL_CHANNEL, { kind: 'dial', request: target.request });
        this.sent = formatLabel(LABELS.dialSent, target.number);
    }

    handleCancel(): void {
        this.confirming = undefined;
    }

    private askHost(): void {
        this.state = 'checking';
        this.timers.clearTimeout(this.answerTimer);
        publish(this.messageContext, DIAL_CHANNEL, { kind: 'hello' });
        this.answerTimer = this.timers.setTimeout(() => {
            if (this.state === 'checking') this.state = 'no-connector';
        }, HOST_ANSWER_MS);
    }

    private hear(raw: unknown): void {
        const message = readChannelMessage(raw);
        if (message?.kind !== 'state') return;
        this.timers.clearTimeout(this.answerTimer);
        this.state = message.enabled ? 'ready' : 'disabled';
        if (!message.enabled) this.confirming = undefined;
    }
}
