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
 * Terms: a number link is `{ number, nameId?, relatedToId?, callingCode?, at }`; two
 * numbers are the same by the screen pop's one rule (`comparePhones` is 'exact': E.164
 * where both carry a country code, a national number read with the link's calling code),
 * never because they only end alike.
 */
import { comparePhones } from 'c/screenPop';
import { FIELD, type FieldValue } from './logSchema';

export interface NumberLink {
    number: string;
    nameId?: string;
    relatedToId?: string;
    /** The calling code a national number is read with (the setting's Default Country, or the agent's locale). */
    callingCode?: string;
    /** When the number was tied to the records (ms since the epoch). */
    at: number;
}

/** Links remembered, newest first, and for how long. */
export const MAX_LINKS = 20;
export const LINK_MEMORY_MS = 4 * 3_600_000;

/** The log fields that hold the customer's number or address, the caller's first. */
export const ADDRESS_FIELDS: readonly string[] = [
    FIELD.callerNumber,
    FIELD.originatingAddress,
    'Destination_Address__c',
    'Updated_Destination_Address__c'
];

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
    const addresses = ADDRESS_FIELDS.map((f) => fields[f]).filter((v): v is string => typeof v === 'string');
    const link = links.find((l) => addresses.some((a) => comparePhones(l.number, a, l.callingCode) === 'exact'));
    if (!link) return false;
    if (link.nameId) fields[FIELD.nameId] = link.nameId;
    if (link.relatedToId) fields[FIELD.relatedToId] = link.relatedToId;
    return true;
}
