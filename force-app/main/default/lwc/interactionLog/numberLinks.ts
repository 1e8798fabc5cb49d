/**
 * numberLinks: a number the agent tied to a record links the log of that call to it.
 *
 * Two moments tie a number to records: the agent calls from a record page (the record and
 * the records the call is about), or creates a Contact from a screen pop's "New Contact
 * with <number>" (that Contact). A log that arrives without a Name or Related To of its
 * own, and whose addresses hold that number, gets them. (For a dialed call the connector
 * is told the same records in `clickToDialResponse`, so it normally sends them itself;
 * this covers a connector that does not.)
 *
 * Terms: a number link is `{ number, nameId?, relatedToId?, at }`; two numbers are the
 * same when their digits are equal, or one ends with the other and the shorter has at
 * least 7 digits (a national number against its E.164 form).
 */
import { FIELD, type FieldValue } from './logSchema';

export interface NumberLink {
    number: string;
    nameId?: string;
    relatedToId?: string;
    /** When the number was tied to the records (ms since the epoch). */
    at: number;
}

/** Links remembered, newest first, and for how long. */
export const MAX_LINKS = 20;
export const LINK_MEMORY_MS = 4 * 3_600_000;

/** The log fields that may hold the number. */
const ADDRESS_FIELDS = [
    'Destination_Address__c',
    'Updated_Destination_Address__c',
    FIELD.callerNumber,
    FIELD.originatingAddress,
    'DNIS__c'
];

const digitsOf = (value: string): string => value.replace(/\D/g, '');

function sameNumber(a: string, b: string): boolean {
    if (a === '' || b === '') return false;
    if (a === b) return true;
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    return short.length >= 7 && long.endsWith(short);
}

/** Adds a link to the list (newest first, at most MAX_LINKS, none older than LINK_MEMORY_MS). */
export function rememberLink(links: readonly NumberLink[], link: NumberLink): NumberLink[] {
    return [link, ...freshLinks(links, link.at)].slice(0, MAX_LINKS);
}

/** The links still remembered at `now`. */
export function freshLinks(links: readonly NumberLink[], now: number): NumberLink[] {
    return links.filter((d) => now - d.at < LINK_MEMORY_MS);
}

/**
 * Fills Name_Id__c and Related_To_Id__c from the newest link whose number is among the
 * log's addresses, when the log names neither. Returns whether it did.
 */
export function linkByNumber(fields: Record<string, FieldValue>, links: readonly NumberLink[]): boolean {
    if (links.length === 0 || fields[FIELD.nameId] !== undefined || fields[FIELD.relatedToId] !== undefined) {
        return false;
    }
    const addresses = ADDRESS_FIELDS.map((f) => fields[f])
        .filter((v): v is string => typeof v === 'string')
        .map(digitsOf);
    const link = links.find((l) => addresses.some((a) => sameNumber(a, digitsOf(l.number))));
    if (!link) return false;
    if (link.nameId) fields[FIELD.nameId] = link.nameId;
    if (link.relatedToId) fields[FIELD.relatedToId] = link.relatedToId;
    return true;
}
