/**
 * logKey: the identity of one log. Log_Key__c is an external id, unique and case
 * sensitive: a redelivered message finds the record it made by this key, and two legs of
 * one interaction never share one.
 */
import { hashText } from 'c/safeData';

/** Longest key (the size of Log_Key__c). */
const MAX_KEY_LENGTH = 255;

export interface LogKeyParts {
    interactionId: string;
    userId?: string;
    resourceAddress?: string;
    endTime?: string;
}

/**
 * One interaction leg for one agent: interaction id, Salesforce user, agent station and
 * the leg's end time, joined by `|`. Keys longer than the field keep their start and end
 * with a hash of the whole in between, so they stay unique and readable.
 */
export function buildLogKey(parts: LogKeyParts): string {
    const key = [parts.interactionId, parts.userId ?? '', parts.resourceAddress ?? '', parts.endTime ?? '']
        .map((p) => String(p).replace(/\|/g, '/'))
        .join('|');
    if (key.length <= MAX_KEY_LENGTH) return key;
    return `${key.slice(0, 200)}…${hashText(key)}…${key.slice(key.length - 40)}`;
}
