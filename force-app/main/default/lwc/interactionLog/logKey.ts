/**
 * logKey: the identity of one log. Log_Key__c is an external id, unique and case
 * sensitive: a redelivered message finds the record it made by this key, and two legs of
 * one interaction never share one.
 *
 * One leg = interaction id + Salesforce user + agent station + the leg's time: the first
 * of its established time, its start (date and time) and its end time that can be read,
 * in whole seconds UTC (a leg delivered before and after it ended, or with end times that
 * differ in milliseconds, is one leg). A leg with no readable time at all is keyed by a
 * digest of its body instead: two different legs never merge, and the same body delivered
 * again still finds its record. Each part is escaped (`\` and `|`), so no two different
 * sets of parts join to the same key.
 */
import { hashText } from 'c/safeData';

/** Longest key (the size of Log_Key__c). */
const MAX_KEY_LENGTH = 255;

export interface LogKeyParts {
    interactionId: string;
    userId?: string;
    resourceAddress?: string;
    /** The leg's time, whole seconds UTC (`legTime`). */
    time?: string;
    /** When there is no time: the body as JSON, which the key then digests. */
    bodyJson?: string;
}

/** A time in milliseconds as the key writes it: whole seconds, UTC (`2026-11-20T14:03:31Z`). */
export function legTime(ms: number): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A 64-bit digest of text, as 16 hex digits (two FNV-1a hashes with different seeds). */
export function digest(text: string): string {
    return hashText(text) + hashText(text, 0x01000193);
}

function escapePart(part: string): string {
    return part.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

export function buildLogKey(parts: LogKeyParts): string {
    const when = parts.time ?? (parts.bodyJson !== undefined ? `#${digest(parts.bodyJson)}` : '');
    const key = [parts.interactionId, parts.userId ?? '', parts.resourceAddress ?? '', when]
        .map((p) => escapePart(String(p)))
        .join('|');
    if (key.length <= MAX_KEY_LENGTH) return key;
    // Keep the start and the end readable, with a digest of the whole in between.
    return `${key.slice(0, 200)}…${digest(key)}…${key.slice(key.length - 36)}`;
}
