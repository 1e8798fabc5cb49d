/**
 * customerSearch: which CRM record to open when an interaction arrives.
 *
 * The connector sends the customer's addresses (`aniValues`: a phone number, or for digital
 * channels an email address). The host searches Contacts, Leads and Accounts with the
 * agent's sharing (Apex, SOSL) and this module decides, from what came back:
 * - exactly one customer whose number or address is the same: open it;
 * - several: let the agent choose;
 * - numbers that only end alike (another country, no area code): offer them, marked as
 *   partial matches, with a new Contact; never open one on its own;
 * - none: offer a new Contact with the number or address filled in.
 * SOSL matches phone numbers loosely, so every candidate is checked again here
 * (phoneNumbers) before it counts as a match.
 *
 * Pure: no Salesforce imports but the labels, no DOM.
 */
import type { RecordSummary } from 'c/crmRecord';
import { formatLabel, LABELS } from 'c/interactionLogLabels';
import { comparePhones, stripUri, type PhoneMatch } from './phoneNumbers';

/** A record the search returned, with the addresses it can be matched on. */
export interface CustomerRecord extends RecordSummary {
    phones?: string[] | null;
    emails?: string[] | null;
    /** For Contacts, their Account. */
    accountId?: string | null;
    accountName?: string | null;
    /** A second line for the choice list (Account name, Company...). */
    detail?: string | null;
}

export interface SearchTerms {
    /** Phone numbers as digits only (at least 3, at most 15). */
    phones: string[];
    /** The phone numbers as sent (without tel:/sip:), for matching. */
    numbers: string[];
    /** The calling code national numbers are read with (`1`, `44`...). */
    callingCode?: string;
    /** Email addresses, lower case. */
    emails: string[];
    /** The first address as the connector sent it, for messages and the new record. */
    display: string;
    /** The first phone number as sent (for a new record's Phone), if any. */
    phoneAsSent?: string;
    /** The first email address as sent (for a new record's Email), if any. */
    emailAsSent?: string;
}

/** A customer the search found, and whether the number only partly matched (offered, never opened). */
export type MatchedCustomer = CustomerRecord & { partial?: boolean };

export type ScreenPopDecision =
    | { kind: 'open'; record: CustomerRecord }
    | {
          kind: 'choose';
          records: MatchedCustomer[];
          create?: { objectApiName: 'Contact'; defaults: Record<string, string> };
      }
    | { kind: 'create'; objectApiName: 'Contact'; defaults: Record<string, string> };

/** Most records offered for a choice; beyond this the agent searches Salesforce. */
export const MAX_CHOICES = 10;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;

/** The phone number's digits when the value is a phone number, else undefined. */
export function phoneDigits(value: string): string | undefined {
    const candidate = stripUri(value.trim());
    if (!PHONE_CHARACTERS.test(candidate)) return undefined;
    const digits = candidate.replace(/\D/g, '');
    return digits.length >= 3 && digits.length <= 15 ? digits : undefined;
}

export function emailAddress(value: string): string | undefined {
    const candidate = value.trim().replace(/^mailto:/i, '');
    return EMAIL.test(candidate) && candidate.length <= 254 ? candidate.toLowerCase() : undefined;
}

/**
 * What to search for, from the connector's aniValues (already trimmed and non-empty);
 * national numbers are read with `callingCode` (North America's when none is given).
 */
export function searchTermsFrom(aniValues: readonly string[], callingCode: string | undefined = '1'): SearchTerms {
    const phones: string[] = [];
    const numbers: string[] = [];
    const emails: string[] = [];
    let phoneAsSent: string | undefined;
    let emailAsSent: string | undefined;
    for (const value of aniValues) {
        const email = emailAddress(value);
        if (email) {
            if (!emails.includes(email)) emails.push(email);
            emailAsSent ??= value.trim().replace(/^mailto:/i, '');
            continue;
        }
        const digits = phoneDigits(value);
        if (digits) {
            if (!phones.includes(digits)) {
                phones.push(digits);
                numbers.push(stripUri(value.trim()));
            }
            phoneAsSent ??= stripUri(value.trim());
        }
    }
    return { phones, numbers, callingCode, emails, display: aniValues[0] ?? '', phoneAsSent, emailAsSent };
}

export function hasSearchTerms(terms: SearchTerms): boolean {
    return terms.phones.length + terms.emails.length > 0;
}

/** Whether two phone numbers are the same number (read with North America's calling code unless told). */
export function samePhone(a: string, b: string, callingCode: string | undefined = '1'): boolean {
    return comparePhones(a, b, callingCode) === 'exact';
}

/** How well a record matches the terms: an email address or a number exactly, a number partly, or not. */
export function matchOf(record: CustomerRecord, terms: SearchTerms): PhoneMatch {
    const emails = (record.emails ?? []).map((e) => (typeof e === 'string' ? e.trim().toLowerCase() : ''));
    if (terms.emails.some((e) => emails.includes(e))) return 'exact';
    let best: PhoneMatch = 'none';
    for (const number of terms.numbers) {
        for (const stored of record.phones ?? []) {
            if (typeof stored !== 'string') continue;
            const match = comparePhones(number, stored, terms.callingCode);
            if (match === 'exact') return 'exact';
            if (match === 'partial') best = 'partial';
        }
    }
    return best;
}

const OBJECT_ORDER = ['Contact', 'Lead', 'Account'];

function rank(record: CustomerRecord): number {
    const i = OBJECT_ORDER.indexOf(record.objectType);
    return i === -1 ? OBJECT_ORDER.length : i;
}

/**
 * The customers the search found for these terms: exact matches first, then partial ones
 * (marked), one entry per record, an Account left out when a matching Contact already
 * belongs to it (a Contact and its Account sharing the number are one customer), people
 * before companies.
 */
export function customersMatching(candidates: readonly CustomerRecord[], terms: SearchTerms): MatchedCustomer[] {
    const seen = new Set<string>();
    const matches: MatchedCustomer[] = [];
    for (const record of candidates) {
        if (!record || typeof record.recordId !== 'string' || seen.has(record.recordId)) continue;
        seen.add(record.recordId);
        const match = matchOf(record, terms);
        if (match === 'exact') matches.push(record);
        else if (match === 'partial') matches.push({ ...record, partial: true });
    }
    const accountsOfContacts = new Set(
        matches.filter((r) => r.objectType === 'Contact' && r.accountId).map((r) => r.accountId as string)
    );
    return matches
        .filter((r) => !(r.objectType === 'Account' && accountsOfContacts.has(r.recordId)))
        .sort(
            (a, b) =>
                Number(Boolean(a.partial)) - Number(Boolean(b.partial)) ||
                rank(a) - rank(b) ||
                (a.recordName ?? '').localeCompare(b.recordName ?? '')
        );
}

function newContact(terms: SearchTerms): { objectApiName: 'Contact'; defaults: Record<string, string> } {
    const defaults: Record<string, string> = {};
    if (terms.phoneAsSent) defaults.Phone = terms.phoneAsSent.slice(0, 40);
    if (terms.emailAsSent) defaults.Email = terms.emailAsSent.slice(0, 80);
    return { objectApiName: 'Contact', defaults };
}

/**
 * Open the one customer whose number or address matches exactly; offer a choice of
 * several (partial matches marked, after the exact ones); offer a new Contact when
 * nothing matches, or only partly.
 */
export function decideScreenPop(candidates: readonly CustomerRecord[], terms: SearchTerms): ScreenPopDecision {
    const matches = customersMatching(candidates, terms);
    const exact = matches.filter((r) => !r.partial);
    if (exact.length === 1) return { kind: 'open', record: exact[0] };
    if (exact.length > 1) return { kind: 'choose', records: matches.slice(0, MAX_CHOICES) };
    if (matches.length > 0)
        return { kind: 'choose', records: matches.slice(0, MAX_CHOICES), create: newContact(terms) };
    return { kind: 'create', ...newContact(terms) };
}

/** One line describing a record in the choice list: "Maria Gonzalez · Contact · Gonzalez Household". */
export function describeChoice(record: CustomerRecord): string {
    const detail = record.detail || record.accountName;
    return [record.recordName || record.recordId, record.objectType, detail].filter(Boolean).join(' · ');
}

// ---------------------------------------------------------------------------
// What the agent sees
// ---------------------------------------------------------------------------

/** The screen pop area under the connector: a message, and the records to choose from or a record to create. */
export interface ScreenPopView {
    /** Short, for a toast or the utility's attention. */
    title: string;
    message: string;
    choices?: { recordId: string; objectType: string; label: string; title: string }[];
    create?: { objectApiName: string; defaults: Record<string, string>; label: string };
    /** The record this screen pop opened: once the agent moves to another page, the view is stale. */
    openedRecordId?: string;
}

export const screenPopViews = {
    unusable: (terms: SearchTerms): ScreenPopView => ({
        title: LABELS.spNoAddressTitle,
        message: formatLabel(LABELS.spNoAddress, terms.display)
    }),
    searching: (terms: SearchTerms): ScreenPopView => ({
        title: formatLabel(LABELS.spSearchingTitle, terms.display),
        message: formatLabel(LABELS.spSearching, terms.display)
    }),
    failed: (terms: SearchTerms, reason: string): ScreenPopView => ({
        title: formatLabel(LABELS.spFailedTitle, terms.display),
        message: formatLabel(LABELS.spFailed, terms.display, reason)
    }),
    /** The agent opened one of the choices. */
    chosen: (label: string, recordId?: string): ScreenPopView => ({
        title: formatLabel(LABELS.spOpenedTitle, label),
        message: formatLabel(LABELS.spChosen, label),
        openedRecordId: recordId
    }),
    decided(decision: ScreenPopDecision, terms: SearchTerms): ScreenPopView {
        const address = terms.display;
        if (decision.kind === 'open') {
            return {
                title: formatLabel(LABELS.spOpenedTitle, decision.record.recordName),
                message: formatLabel(LABELS.spOpened, describeChoice(decision.record), address),
                openedRecordId: decision.record.recordId
            };
        }
        if (decision.kind === 'choose') {
            const count = decision.records.length;
            return {
                title: formatLabel(LABELS.spChooseTitle, count, address),
                message: formatLabel(LABELS.spChoose, count, address),
                choices: decision.records.map((record) => {
                    const label = record.partial
                        ? formatLabel(LABELS.spPartialChoice, describeChoice(record))
                        : describeChoice(record);
                    return {
                        recordId: record.recordId,
                        objectType: record.objectType,
                        label,
                        title: formatLabel(LABELS.spOpenChoice, label)
                    };
                }),
                create: decision.create && {
                    ...decision.create,
                    label: formatLabel(LABELS.spCreate, address)
                }
            };
        }
        return {
            title: formatLabel(LABELS.spNoneTitle, address),
            message: formatLabel(LABELS.spNone, address),
            create: {
                objectApiName: decision.objectApiName,
                defaults: decision.defaults,
                label: formatLabel(LABELS.spCreate, address)
            }
        };
    }
};

// ---------------------------------------------------------------------------
// Page references (lightning/navigation)
// ---------------------------------------------------------------------------

export interface PageReference {
    type: string;
    attributes: Record<string, string>;
    state?: Record<string, string>;
}

export function recordPageReference(recordId: string, objectApiName?: string): PageReference {
    const attributes: Record<string, string> = { recordId, actionName: 'view' };
    if (objectApiName) attributes.objectApiName = objectApiName;
    return { type: 'standard__recordPage', attributes };
}

/** The new-record page with default field values already encoded (lightning/pageReferenceUtils). */
export function newRecordPageReference(objectApiName: string, encodedDefaults?: string): PageReference {
    const reference: PageReference = {
        type: 'standard__objectPage',
        attributes: { objectApiName, actionName: 'new' }
    };
    if (encodedDefaults) reference.state = { defaultFieldValues: encodedDefaults };
    return reference;
}

/** The Reports tab, where the package's Interaction Log reports and dashboard live. */
export function reportsPageReference(): PageReference {
    return { type: 'standard__objectPage', attributes: { objectApiName: 'Report', actionName: 'home' } };
}
