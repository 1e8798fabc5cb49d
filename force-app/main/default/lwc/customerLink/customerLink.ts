/**
 * customerLink: a log linked to its customer after it was saved.
 *
 * Terms:
 * - unlinked log: a log with no Contact, Lead, Account, Case or Opportunity lookup (an
 *   unknown caller, or an agent who picked no record);
 * - link: the lookup for the record's object (as the mapper routes ids) and Name Id or
 *   Related To Id; the log's Task follows (WhoId for a person, WhatId for the rest);
 * - expected customer: a "New Contact with <number>" a screen pop offered and the agent
 *   chose; the Contact the agent then creates with that number is the customer of that
 *   call's log, and of nothing else.
 *
 * `CustomerLinker` links the log of a screen pop's call to the Contact created from it,
 * whichever comes first, the log or the Contact, and can undo it. Pure: the org calls, the
 * clock and what the agent is told are passed in.
 */
import {
    ADDRESS_FIELDS,
    errorMessage,
    FIELD,
    fieldOf,
    lookupFieldFor,
    type FieldValue,
    type ObjectSchema
} from 'c/interactionLog';
import { isWhoObject, type RecordSummary } from 'c/crmRecord';
import { comparePhones, type CustomerRecord } from 'c/screenPop';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

/** The list view of logs without a customer (shipped with the package). */
export const UNLINKED_LIST_VIEW = 'Logs_Without_Customer';

/** The lookups that say a log has its customer. */
export const CUSTOMER_LOOKUPS: readonly string[] = ['Contact__c', 'Lead__c', 'Account__c', 'Case__c', 'Opportunity__c'];

/** How long a screen pop's New Contact is waited for. */
export const CREATE_WINDOW_MS = 30 * 60_000;

export function hasCustomer(fields: Record<string, unknown>): boolean {
    return CUSTOMER_LOOKUPS.some((f) => typeof fields[f] === 'string' && fields[f] !== '');
}

/** The numbers and addresses a log holds, for a search and for matching. */
export function logAddresses(fields: Record<string, unknown>): string[] {
    const values = ADDRESS_FIELDS.map((f) => fields[f]).filter(
        (v): v is string => typeof v === 'string' && v.trim() !== ''
    );
    return [...new Set(values.map((v) => v.trim()))];
}

/**
 * The fields that link a log to a record: the lookup for its object and Name Id (a person)
 * or Related To Id; undefined when the log has no lookup for that object the user can set.
 */
export function linkFields(schema: ObjectSchema, record: RecordSummary): Record<string, string> | undefined {
    const lookup = lookupFieldFor(schema, record.objectType);
    if (!lookup || lookup.updateable === false) return undefined;
    const idField = isWhoObject(record.objectType) ? FIELD.nameId : FIELD.relatedToId;
    const fields: Record<string, string> = { [lookup.apiName]: record.recordId };
    const id = fieldOf(schema, idField);
    if (id && id.updateable !== false) fields[idField] = record.recordId;
    return fields;
}

/** The Task's side of a link: WhoId for a Contact or Lead, WhatId for anything else. */
export function taskLinkFields(taskId: string, record: RecordSummary): Record<string, string> {
    return { Id: taskId, [isWhoObject(record.objectType) ? 'WhoId' : 'WhatId']: record.recordId };
}

/** The values a link replaced, to undo it (a field that was empty goes back to empty). */
export function valuesBefore(
    link: Record<string, string>,
    before: Record<string, unknown>
): Record<string, FieldValue | null> {
    const out: Record<string, FieldValue | null> = {};
    for (const name of Object.keys(link)) {
        const value = before[name];
        out[name] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
    }
    return out;
}

/** A log as the linker remembers it: saved, without a customer. */
export interface SavedLog {
    recordId: string;
    label: string;
    fields: Record<string, FieldValue>;
    taskId?: string;
}

/** What the agent is shown about the last automatic link, with Undo. */
export interface LinkNotice {
    text: string;
    canUndo: boolean;
}

export interface CustomerLinkerOptions {
    /** The Contacts the agent created since a moment (Apex, user mode). */
    contactsCreatedSince(since: Date): Promise<CustomerRecord[] | null | undefined>;
    /** Lightning Data Service updateRecord, for the log and its Task. */
    updateRecord(input: { fields: Record<string, FieldValue | null> }): Promise<unknown>;
    /** The save service: a log that arrives later for this number gets this customer. */
    rememberNumber(link: { number: string; nameId?: string; relatedToId?: string; callingCode?: string }): void;
    forgetNumber(number: string): void;
    /** The log object as the user may write it. */
    schema(): ObjectSchema | undefined;
    /** The calling code national numbers are read with. */
    callingCode(): string | undefined;
    onNotice(notice: LinkNotice | undefined): void;
    now?: () => number;
}

interface Expected {
    number: string;
    at: number;
    contact?: CustomerRecord;
}

interface Linked {
    log: SavedLog;
    record: CustomerRecord;
    link: Record<string, string>;
    before: Record<string, FieldValue | null>;
}

/** Most logs without a customer remembered (the latest), and most New Contacts waited for. */
const MAX_LOGS = 50;
const MAX_EXPECTED = 5;

export class CustomerLinker {
    private expected: Expected[] = [];
    private logs: (SavedLog & { at: number })[] = [];
    private last?: { linked?: Linked; number: string };
    private readonly now: () => number;

    constructor(private readonly options: CustomerLinkerOptions) {
        this.now = options.now ?? (() => Date.now());
    }

    /** Whether a New Contact is still awaited (the component checks for it while so). */
    get waiting(): boolean {
        this.expire();
        return this.expected.some((e) => !e.contact);
    }

    /** The agent chose a screen pop's New Contact with this number. */
    expectContact(number: string): void {
        this.expire();
        this.expected = [{ number, at: this.now() }, ...this.expected.filter((e) => e.number !== number)].slice(
            0,
            MAX_EXPECTED
        );
    }

    /** A log was saved: remembered if it has no customer, and linked if its Contact was created already. */
    async logSaved(log: SavedLog): Promise<void> {
        if (hasCustomer(log.fields)) return;
        this.expire();
        const entry = { ...log, at: this.now() };
        this.logs = [entry, ...this.logs.filter((l) => l.recordId !== log.recordId)].slice(0, MAX_LOGS);
        const found = this.expected.find((e) => e.contact && this.holds(log, e.number));
        if (found?.contact) await this.link(entry, found.contact, found.number);
    }

    /** Looks for the Contacts of awaited New Contacts; links what it finds. Never throws. */
    async check(): Promise<void> {
        const awaited = this.expected.filter((e) => !e.contact);
        if (awaited.length === 0) return;
        let contacts: CustomerRecord[];
        try {
            const since = Math.min(...awaited.map((e) => e.at));
            contacts = (await this.options.contactsCreatedSince(new Date(since))) ?? [];
        } catch {
            return; // Tried again on the next check; nothing was linked.
        }
        const links: Promise<void>[] = [];
        for (const expected of awaited) {
            const contact = contacts.find(
                (c) =>
                    c.objectType === 'Contact' &&
                    (c.phones ?? []).some(
                        (p) => comparePhones(expected.number, p, this.options.callingCode()) === 'exact'
                    )
            );
            if (!contact) continue;
            expected.contact = contact;
            this.options.rememberNumber({
                number: expected.number,
                nameId: contact.recordId,
                callingCode: this.options.callingCode()
            });
            this.last = { number: expected.number };
            const log = this.logs.find((l) => l.at >= expected.at - CREATE_WINDOW_MS && this.holds(l, expected.number));
            if (log) links.push(this.link(log, contact, expected.number));
            else this.options.onNotice({ text: formatLabel(LABELS.linkPending, contact.recordName), canUndo: true });
        }
        await Promise.all(links);
    }

    /** Takes back the last automatic link: the log and its Task as they were, and the number forgotten. */
    async undo(): Promise<void> {
        const last = this.last;
        if (!last) return;
        this.last = undefined;
        this.options.forgetNumber(last.number);
        this.expected = this.expected.filter((e) => e.number !== last.number);
        const linked = last.linked;
        try {
            if (linked) {
                await this.options.updateRecord({ fields: { Id: linked.log.recordId, ...linked.before } });
                if (linked.log.taskId) {
                    const task = taskLinkFields(linked.log.taskId, linked.record);
                    const undone: Record<string, FieldValue | null> = { Id: linked.log.taskId };
                    for (const name of Object.keys(task)) if (name !== 'Id') undone[name] = null;
                    await this.options.updateRecord({ fields: undone });
                }
            }
            this.options.onNotice({ text: LABELS.linkUndone, canUndo: false });
        } catch (error) {
            this.options.onNotice({ text: formatLabel(LABELS.linkFailed, errorMessage(error)), canUndo: false });
        }
    }

    private holds(log: SavedLog, number: string): boolean {
        return logAddresses(log.fields).some((a) => comparePhones(number, a, this.options.callingCode()) === 'exact');
    }

    private async link(log: SavedLog, record: CustomerRecord, number: string): Promise<void> {
        const schema = this.options.schema();
        const link = schema ? linkFields(schema, record) : undefined;
        this.logs = this.logs.filter((l) => l.recordId !== log.recordId);
        if (!link) return;
        const before = valuesBefore(link, log.fields);
        try {
            await this.options.updateRecord({ fields: { Id: log.recordId, ...link } });
            if (log.taskId) await this.options.updateRecord({ fields: taskLinkFields(log.taskId, record) });
            this.last = { number, linked: { log, record, link, before } };
            this.options.onNotice({
                text: formatLabel(LABELS.linkDone, log.label, record.recordName),
                canUndo: true
            });
        } catch (error) {
            this.options.onNotice({ text: formatLabel(LABELS.linkFailed, errorMessage(error)), canUndo: false });
        }
    }

    private expire(): void {
        const now = this.now();
        this.expected = this.expected.filter((e) => now - e.at < CREATE_WINDOW_MS);
        this.logs = this.logs.filter((l) => now - l.at < CREATE_WINDOW_MS * 4);
    }
}
