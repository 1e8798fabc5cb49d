/**
 * interactionLogLink: the Link to Customer action of an Interaction Log. A thin shell over
 * c/customerLink and c/screenPop: it reads the log, offers the records matching its
 * caller (screen pop's search and matching: exact matches first, partial ones marked), a
 * search by name, and a new Contact with the number; a choice sets the log's lookup for
 * that object (and Name Id or Related To Id), and its Task's WhoId or WhatId.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { CloseActionScreenEvent } from 'lightning/actions';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { NavigationMixin } from 'lightning/navigation';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import LOCALE from '@salesforce/i18n/locale';
import INTERACTION_LOG_OBJECT from '@salesforce/schema/Interaction_Log__c';
import searchCustomers from '@salesforce/apex/InteractionLogRecordController.searchCustomers';
import searchRecords from '@salesforce/apex/InteractionLogRecordController.searchRecords';
import { CUSTOMER_LOOKUPS, hasCustomer, linkFields, logAddresses, taskLinkFields } from 'c/customerLink';
import {
    callingCodeForLocale,
    customersMatching,
    describeChoice,
    hasSearchTerms,
    newRecordPageReference,
    searchTermsFrom,
    type CustomerRecord,
    type MatchedCustomer
} from 'c/screenPop';
import { ADDRESS_FIELDS, errorMessage, FIELD, schemaFromObjectInfo, type UiApiObjectInfo } from 'c/interactionLog';
import { formatLabel, LABELS } from 'c/interactionLogLabels';
import { browserTimers, type Timers } from 'c/rateLimits';

/** The log's fields this action reads. */
const LOG_FIELDS = ['Name', ...ADDRESS_FIELDS, ...CUSTOMER_LOOKUPS, FIELD.nameId, FIELD.relatedToId, FIELD.taskId].map(
    (f) => `Interaction_Log__c.${f}`
);
/** A search waits for the agent to stop typing this long. */
export const SEARCH_DELAY_MS = 300;

interface UiRecord {
    fields?: Record<string, { value?: unknown } | undefined>;
}

interface Row {
    key: string;
    recordId: string;
    label: string;
    title: string;
}

export default class InteractionLogLink extends NavigationMixin(LightningElement) {
    @api recordId?: string;

    readonly labels = LABELS;
    readonly logFields = LOG_FIELDS;
    matches: MatchedCustomer[] = [];
    results: CustomerRecord[] = [];
    searched = '';
    problem?: string;
    busy = false;
    private log: Record<string, unknown> = {};
    private objectInfo?: UiApiObjectInfo;
    private searchTimer?: unknown;
    private readonly timers: Timers = browserTimers;

    @wire(getObjectInfo, { objectApiName: INTERACTION_LOG_OBJECT })
    wiredObjectInfo({ data }: { data?: UiApiObjectInfo }): void {
        if (data) this.objectInfo = data;
    }

    @wire(getRecord, { recordId: '$recordId', optionalFields: '$logFields', fields: ['Interaction_Log__c.Name'] })
    wiredLog({ data, error }: { data?: UiRecord; error?: unknown }): void {
        if (error) {
            this.problem = errorMessage(error);
            return;
        }
        if (!data) return;
        this.log = Object.fromEntries(Object.entries(data.fields ?? {}).map(([name, field]) => [name, field?.value]));
        this.findMatches();
    }

    get addresses(): string[] {
        return logAddresses(this.log);
    }

    get caller(): string {
        return this.addresses[0] ?? '';
    }

    get hasAddress(): boolean {
        return this.addresses.length > 0;
    }

    get alreadyLinked(): boolean {
        return hasCustomer(this.log);
    }

    get matchesHeading(): string {
        return formatLabel(LABELS.linkMatches, this.caller);
    }

    get noMatchesText(): string | undefined {
        return this.hasAddress && !this.busy && this.matches.length === 0
            ? formatLabel(LABELS.linkNoMatches, this.caller)
            : undefined;
    }

    /** The records offered: those matching the caller, then what the search found, each list with its heading. */
    get sections(): { key: string; emptyId: string; heading?: string; empty?: string; rows: Row[] }[] {
        const results = { key: 'results', emptyId: 'no-results', empty: this.noResultsText, rows: this.resultRows };
        if (!this.hasAddress) return [results];
        const matches = {
            key: 'matches',
            emptyId: 'no-matches',
            heading: this.matchesHeading,
            empty: this.noMatchesText,
            rows: this.matchRows
        };
        return [matches, results];
    }

    get noAddress(): boolean {
        return !this.hasAddress;
    }

    get matchRows(): Row[] {
        return this.matches.map((r) =>
            this.row(r, r.partial ? formatLabel(LABELS.spPartialChoice, describeChoice(r)) : describeChoice(r))
        );
    }

    get resultRows(): Row[] {
        return this.results.map((r) => this.row(r, describeChoice(r)));
    }

    get noResultsText(): string | undefined {
        return this.searched && this.results.length === 0
            ? formatLabel(LABELS.linkNoResults, this.searched)
            : undefined;
    }

    get createLabel(): string | undefined {
        const number = this.addresses.find((a) => /\d/.test(a));
        return number ? formatLabel(LABELS.spCreate, number) : undefined;
    }

    handleSearch(event: Event): void {
        const term = String((event.target as HTMLInputElement).value ?? '').trim();
        this.timers.clearTimeout(this.searchTimer);
        this.searchTimer = this.timers.setTimeout(() => this.search(term), SEARCH_DELAY_MS);
    }

    async handleChoose(event: Event): Promise<void> {
        const recordId = (event.currentTarget as HTMLElement).dataset.id;
        const record = [...this.matches, ...this.results].find((r) => r.recordId === recordId);
        if (!record || !this.recordId || !this.objectInfo) return;
        const link = linkFields(schemaFromObjectInfo(this.objectInfo), record);
        if (!link) {
            this.problem = formatLabel(LABELS.linkCannot, record.objectType);
            return;
        }
        this.busy = true;
        try {
            await updateRecord({ fields: { Id: this.recordId, ...link } });
            const taskId = this.log[FIELD.taskId];
            if (typeof taskId === 'string' && taskId) await updateRecord({ fields: taskLinkFields(taskId, record) });
            this.dispatchEvent(
                new ShowToastEvent({
                    title: formatLabel(LABELS.linkSaved, record.recordName),
                    message: '',
                    variant: 'success'
                })
            );
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.problem = formatLabel(LABELS.linkFailed, errorMessage(error));
        } finally {
            this.busy = false;
        }
    }

    handleCreate(): void {
        const number = this.addresses.find((a) => /\d/.test(a));
        if (!number) return;
        this.dispatchEvent(new CloseActionScreenEvent());
        this[NavigationMixin.Navigate](newRecordPageReference('Contact', encodeDefaultFieldValues({ Phone: number })));
    }

    handleCancel(): void {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    private row(record: CustomerRecord, label: string): Row {
        return {
            key: record.recordId,
            recordId: record.recordId,
            label,
            title: formatLabel(LABELS.linkChooseTitle, record.recordName)
        };
    }

    private async findMatches(): Promise<void> {
        const terms = searchTermsFrom(this.addresses, callingCodeForLocale(LOCALE));
        if (!hasSearchTerms(terms)) return;
        this.busy = true;
        try {
            const found = (await searchCustomers({ phones: terms.phones, emails: terms.emails })) as CustomerRecord[];
            this.matches = customersMatching(found ?? [], terms);
        } catch (error) {
            this.problem = errorMessage(error);
        } finally {
            this.busy = false;
        }
    }

    private async search(term: string): Promise<void> {
        if (term.length < 2) {
            this.results = [];
            this.searched = '';
            return;
        }
        try {
            this.results = ((await searchRecords({ term })) as CustomerRecord[]) ?? [];
            this.searched = term;
        } catch (error) {
            this.problem = errorMessage(error);
        }
    }
}
