/**
 * recordContextMessages: how the host describes the CRM records the agent is working on,
 * in the shape the vendor's sample uses for Name and Related To options.
 */
import { isWhoObject, recordUrl, type RecordSummary } from 'c/crmRecord';
import { HOST_MESSAGE_TYPE, type HostMessage } from './hostMessages';

/** The assumed action that carries the record context (see the notes at the top). */
export const RECORD_CONTEXT_ACTION = 'crmPageInfo';

export interface PageInfo {
    recordId: string;
    recordName: string;
    /** The object's API name (Contact, Account, Case, a custom object...). */
    objectType: string;
    /** The record's Lightning address, relative to the org. */
    url: string;
}

export interface RecordObject {
    isName: boolean;
    isRelatedTo: boolean;
    pageInfo: PageInfo;
}

export interface RecordContext {
    /** Records that can be the log's Name (Contacts, Leads), the focused one first; null when none. */
    nameObjects: RecordObject[] | null;
    /** Records that can be the log's Related To, the focused one first; null when none. */
    relatedToObjects: RecordObject[] | null;
    /** The record the agent is looking at, or null. */
    pageInfo: PageInfo | null;
}

export function pageInfoFor(record: RecordSummary): PageInfo {
    return {
        recordId: record.recordId,
        recordName: record.recordName,
        objectType: record.objectType,
        url: recordUrl(record.objectType, record.recordId)
    };
}

/**
 * The record context for a list of records, the focused one first: Contacts and Leads are
 * Name options, everything else Related To options; duplicates are dropped.
 */
export function recordContextFor(records: readonly RecordSummary[]): RecordContext {
    const seen = new Set<string>();
    const names: RecordObject[] = [];
    const related: RecordObject[] = [];
    for (const record of records) {
        if (seen.has(record.recordId)) continue;
        seen.add(record.recordId);
        const isName = isWhoObject(record.objectType);
        (isName ? names : related).push({ isName, isRelatedTo: !isName, pageInfo: pageInfoFor(record) });
    }
    return {
        nameObjects: names.length ? names : null,
        relatedToObjects: related.length ? related : null,
        pageInfo: records.length ? pageInfoFor(records[0]) : null
    };
}

export function recordContextMessage(context: RecordContext): HostMessage {
    return { type: HOST_MESSAGE_TYPE, action: RECORD_CONTEXT_ACTION, data: context };
}
