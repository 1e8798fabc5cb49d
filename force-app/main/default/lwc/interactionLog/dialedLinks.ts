/**
 * dialedLinks: a call the agent dialed from a record links its log to that record.
 *
 * When the agent calls from a record page, the host remembers the number and the records
 * the call is about (the Name: a Contact or Lead; the Related To: anything else). A log
 * that arrives without a Name or Related To of its own, and whose addresses hold that
 * number, gets them. The connector is told the same records in `clickToDialResponse`, so
 * it normally sends them itself; this covers a connector that does not.
 *
 * Terms: a dialed record is `{ number, nameId?, relatedToId?, at }`; two numbers are the
 * same call when their digits are equal, or one ends with the other and the shorter has at
 * least 7 digits (a national number against its E.164 form).
 */
import { FIELD, type FieldValue } from './logSchema';

export interface DialedRecord {
    number: string;
    nameId?: string;
    relatedToId?: string;
    /** When it was dialed (ms since the epoch). */
    at: number;
}

/** Dials remembered, newest first, and for how long. */
export const MAX_DIALS = 20;
export const DIAL_MEMORY_MS = 4 * 3_600_000;

/** The log fields that may hold the dialed number. */
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

/** Adds a dial to the list (newest first, at most MAX_DIALS, none older than DIAL_MEMORY_MS). */
export function rememberDial(dials: readonly DialedRecord[], dial: DialedRecord): DialedRecord[] {
    return [dial, ...freshDials(dials, dial.at)].slice(0, MAX_DIALS);
}

/** The dials still remembered at `now`. */
export function freshDials(dials: readonly DialedRecord[], now: number): DialedRecord[] {
    return dials.filter((d) => now - d.at < DIAL_MEMORY_MS);
}

/**
 * Fills Name_Id__c and Related_To_Id__c from the newest dial whose number is among the
 * log's addresses, when the log names neither. Returns whether it did.
 */
export function linkDialed(fields: Record<string, FieldValue>, dials: readonly DialedRecord[]): boolean {
    if (dials.length === 0 || fields[FIELD.nameId] !== undefined || fields[FIELD.relatedToId] !== undefined) {
        return false;
    }
    const addresses = ADDRESS_FIELDS.map((f) => fields[f])
        .filter((v): v is string => typeof v === 'string')
        .map(digitsOf);
    const dial = dials.find((d) => addresses.some((a) => sameNumber(a, digitsOf(d.number))));
    if (!dial) return false;
    if (dial.nameId) fields[FIELD.nameId] = dial.nameId;
    if (dial.relatedToId) fields[FIELD.relatedToId] = dial.relatedToId;
    return true;
}
