/**
 * screenPop: which CRM record to open when an interaction arrives.
 *
 * The connector sends the customer's addresses (`aniValues`: a phone number, or for digital
 * channels an email address). The host searches Contacts, Leads and Accounts with the
 * agent's sharing (Apex, SOSL) and this module decides, from what came back:
 * - exactly one customer: open it;
 * - several: let the agent choose;
 * - none: offer a new Contact with the number or address filled in.
 * SOSL matches phone numbers loosely, so every candidate is checked again here against the
 * digits of the number before it counts as a match.
 *
 * Pure: no Salesforce imports, no DOM.
 */
import type { RecordSummary } from 'c/crmRecord';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

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
    /** Email addresses, lower case. */
    emails: string[];
    /** The first address as the connector sent it, for messages and the new record. */
    display: string;
    /** The first phone number as sent (for a new record's Phone), if any. */
    phoneAsSent?: string;
    /** The first email address as sent (for a new record's Email), if any. */
    emailAsSent?: string;
}

export type ScreenPopDecision =
    | { kind: 'open'; record: CustomerRecord }
    | { kind: 'choose'; records: CustomerRecord[] }
    | { kind: 'create'; objectApiName: 'Contact'; defaults: Record<string, string> };

/** Most records offered for a choice; beyond this the agent searches Salesforce. */
export const MAX_CHOICES = 10;

/** Digits a phone number needs before only its trailing digits are compared. */
const MIN_DIGITS_FOR_SUFFIX = 7;
/** Trailing digits compared: a national number without its country code. */
const SUFFIX_DIGITS = 10;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;

/** `tel:+1415...`, `sip:+1415...@pbx.example.com;user=phone` → `+1415...`; anything else unchanged. */
function stripUri(value: string): string {
    const match = /^(?:tel|sip|sips):([^@;]+)/i.exec(value);
    return match ? match[1] : value;
}

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

/** What to search for, from the connector's aniValues (already trimmed and non-empty). */
export function searchTermsFrom(aniValues: readonly string[]): SearchTerms {
    const phones: string[] = [];
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
            if (!phones.includes(digits)) phones.push(digits);
            phoneAsSent ??= stripUri(value.trim());
        }
    }
    return { phones, emails, display: aniValues[0] ?? '', phoneAsSent, emailAsSent };
}

export function hasSearchTerms(terms: SearchTerms): boolean {
    return terms.phones.length + terms.emails.length > 0;
}

/**
 * Whether two phone numbers are the same: long numbers compare their last ten digits (so
 * +1 415 555 0142 is (415) 555-0142), short ones (extensions) must be equal.
 */
export function samePhone(a: string, b: string): boolean {
    const x = a.replace(/\D/g, '');
    const y = b.replace(/\D/g, '');
    if (x === '' || y === '') return false;
    if (x.length < MIN_DIGITS_FOR_SUFFIX || y.length < MIN_DIGITS_FOR_SUFFIX) return x === y;
    const n = Math.min(x.length, y.length, SUFFIX_DIGITS);
    return x.slice(-n) === y.slice(-n);
}

export function matchesTerms(record: CustomerRecord, terms: SearchTerms): boolean {
    const phones = record.phones ?? [];
    const emails = (record.emails ?? []).map((e) => e.trim().toLowerCase());
    return (
        terms.phones.some((p) => phones.some((q) => typeof q === 'string' && samePhone(p, q))) ||
        terms.emails.some((e) => emails.includes(e))
    );
}

const OBJECT_ORDER = ['Contact', 'Lead', 'Account'];

function rank(record: CustomerRecord): number {
    const i = OBJECT_ORDER.indexOf(record.objectType);
    return i === -1 ? OBJECT_ORDER.length : i;
}

/**
 * The customers the search found for these terms: only real matches, one entry per
 * record, an Account left out when a matching Contact already belongs to it (a Contact
 * and its Account sharing the number are one customer), people before companies.
 */
export function customersMatching(candidates: readonly CustomerRecord[], terms: SearchTerms): CustomerRecord[] {
    const seen = new Set<string>();
    const matches = candidates.filter((record) => {
        if (!record || typeof record.recordId !== 'string' || seen.has(record.recordId)) return false;
        seen.add(record.recordId);
        return matchesTerms(record, terms);
    });
    const accountsOfContacts = new Set(
        matches.filter((r) => r.objectType === 'Contact' && r.accountId).map((r) => r.accountId as string)
    );
    return matches
        .filter((r) => !(r.objectType === 'Account' && accountsOfContacts.has(r.recordId)))
        .sort((a, b) => rank(a) - rank(b) || (a.recordName ?? '').localeCompare(b.recordName ?? ''));
}

/** Open the one customer, offer a choice of several, or offer a new Contact. */
export function decideScreenPop(candidates: readonly CustomerRecord[], terms: SearchTerms): ScreenPopDecision {
    const matches = customersMatching(candidates, terms);
    if (matches.length === 1) return { kind: 'open', record: matches[0] };
    if (matches.length > 1) return { kind: 'choose', records: matches.slice(0, MAX_CHOICES) };
    const defaults: Record<string, string> = {};
    if (terms.phoneAsSent) defaults.Phone = terms.phoneAsSent.slice(0, 40);
    if (terms.emailAsSent) defaults.Email = terms.emailAsSent.slice(0, 80);
    return { kind: 'create', objectApiName: 'Contact', defaults };
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
    chosen: (label: string): ScreenPopView => ({
        title: formatLabel(LABELS.spOpenedTitle, label),
        message: formatLabel(LABELS.spChosen, label)
    }),
    decided(decision: ScreenPopDecision, terms: SearchTerms): ScreenPopView {
        const address = terms.display;
        if (decision.kind === 'open') {
            return {
                title: formatLabel(LABELS.spOpenedTitle, decision.record.recordName),
                message: formatLabel(LABELS.spOpened, describeChoice(decision.record), address)
            };
        }
        if (decision.kind === 'choose') {
            const count = decision.records.length;
            return {
                title: formatLabel(LABELS.spChooseTitle, count, address),
                message: formatLabel(LABELS.spChoose, count, address),
                choices: decision.records.map((record) => ({
                    recordId: record.recordId,
                    objectType: record.objectType,
                    label: describeChoice(record),
                    title: formatLabel(LABELS.spOpenChoice, describeChoice(record))
                }))
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
