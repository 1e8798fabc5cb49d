/**
 * recordSources: which CRM records the agent is working on, so the connector can offer
 * them as the log's Name and Related To.
 *
 * - In a Lightning console app: the records of the open workspace tabs and subtabs (from
 *   `lightning/platformWorkspaceApi`), the focused one first.
 * - Elsewhere: the record page the agent is on (the page reference of the utility bar,
 *   or the record page the component sits on).
 * Each record comes with the records it belongs to (a Contact's Account, a Case's Contact
 * and Account), as Salesforce describes them: on a Case, the caller is a Name option.
 *
 * Pure: the component passes in what the platform said; the message shape itself lives in
 * connectorProtocol.
 */
import { normalizeRecordId, recordIdOf as idOf } from 'c/safeData';
import type { RecordSummary } from 'c/crmRecord';

/** Most records described to the connector at once. */
export const MAX_CONTEXT_RECORDS = 10;

/** The parts of a workspace tabInfo this module reads. */
export interface TabInfo {
    tabId?: string;
    recordId?: string | null;
    focused?: boolean;
    subtabs?: TabInfo[] | null;
}

/** The parts of a page reference this module reads. */
export interface PageReferenceLike {
    type?: string;
    attributes?: { recordId?: string; objectApiName?: string } | null;
}

/** The record a page reference shows, when it is a record page. */
export function recordIdFromPageReference(reference: PageReferenceLike | null | undefined): string | undefined {
    return reference?.type === 'standard__recordPage' ? idOf(reference.attributes?.recordId) : undefined;
}

/**
 * The records of the open console tabs: the focused tab (or subtab) first, then its
 * workspace, then the other tabs in order, each once.
 */
export function recordIdsFromTabs(tabs: readonly TabInfo[] | null | undefined, focusedTabId?: string): string[] {
    const ordered: TabInfo[] = [];
    const walk = (list: readonly TabInfo[] | null | undefined) => {
        for (const tab of list ?? []) {
            if (!tab) continue;
            ordered.push(tab);
            walk(tab.subtabs);
        }
    };
    walk(tabs);
    const isFocused = (t: TabInfo) => (focusedTabId ? t.tabId === focusedTabId : t.focused === true);
    const focusedIndex = ordered.findIndex(isFocused);
    const ids: string[] = [];
    const add = (tab: TabInfo | undefined) => {
        const id = idOf(tab?.recordId);
        if (id && !ids.includes(id)) ids.push(id);
    };
    if (focusedIndex >= 0) {
        add(ordered[focusedIndex]);
        // The workspace a focused subtab belongs to comes next.
        const parent = (tabs ?? []).find((t) => t?.subtabs?.some(isFocused));
        add(parent);
    }
    ordered.forEach(add);
    return ids.slice(0, MAX_CONTEXT_RECORDS);
}

/** Where the records come from, in order of preference. */
export interface ContextSources {
    /** Console: record ids of the open tabs, focused first (recordIdsFromTabs). */
    consoleRecordIds?: string[];
    /** The current page reference (utility bar or app page in standard navigation). */
    pageReference?: PageReferenceLike | null;
    /** The record page the component is placed on (`@api recordId`). */
    pageRecordId?: string | null;
}

export function contextRecordIds(sources: ContextSources): string[] {
    if (sources.consoleRecordIds && sources.consoleRecordIds.length > 0) {
        return sources.consoleRecordIds.slice(0, MAX_CONTEXT_RECORDS);
    }
    const fromPage = recordIdFromPageReference(sources.pageReference) ?? idOf(sources.pageRecordId);
    return fromPage ? [fromPage] : [];
}

/** A record as Salesforce describes it, with the ids of the records it belongs to. */
export interface DescribedRecord extends RecordSummary {
    relatedIds?: string[];
}

function isSummary(value: unknown): value is DescribedRecord {
    const r = value as RecordSummary | null;
    return (
        typeof r === 'object' &&
        r !== null &&
        typeof r.recordId === 'string' &&
        typeof r.recordName === 'string' &&
        typeof r.objectType === 'string'
    );
}

/**
 * Records described once: their names are remembered, and so is a record the agent
 * cannot see (or that was deleted), so focusing its tab again asks Salesforce nothing.
 */
export class DescribedRecords {
    private readonly known = new Map<string, DescribedRecord | null>();
    /** Ids described as records in their own right (with their relations), not only named. */
    private readonly described = new Set<string>();

    /** The ids not described yet in their own right. */
    unknown(ids: readonly string[]): string[] {
        return ids.filter((id) => !this.described.has(id));
    }

    /**
     * Takes what Salesforce answered for the ids asked: those records with their relations,
     * then the related records (named only); an asked id it left out cannot be seen.
     */
    learn(asked: readonly string[], answer: unknown): void {
        for (const record of Array.isArray(answer) ? answer : []) {
            if (!isSummary(record)) continue;
            const id = normalizeRecordId(record.recordId);
            if (!id) continue;
            if (asked.includes(id)) {
                const relatedIds = (Array.isArray(record.relatedIds) ? record.relatedIds : [])
                    .map((r) => idOf(r))
                    .filter((r): r is string => r !== undefined);
                this.known.set(id, { ...record, recordId: id, relatedIds });
            } else {
                // A related record: its name, keeping what is known of its own relations.
                const before = this.known.get(id);
                this.known.set(id, { ...record, recordId: id, relatedIds: before?.relatedIds ?? [] });
            }
        }
        for (const id of asked) {
            this.described.add(id);
            if (!this.known.has(id)) this.known.set(id, null);
        }
    }

    /**
     * The records to offer for these ids, in order, each followed by the records it belongs
     * to; without the ones the agent cannot see, each once, at most MAX_CONTEXT_RECORDS.
     */
    summaries(ids: readonly string[]): RecordSummary[] {
        const out: RecordSummary[] = [];
        const add = (id: string) => {
            const record = this.known.get(id);
            if (!record || out.some((r) => r.recordId === id)) return;
            out.push({ recordId: record.recordId, recordName: record.recordName, objectType: record.objectType });
        };
        for (const id of ids) {
            add(id);
            for (const related of this.known.get(id)?.relatedIds ?? []) add(related);
        }
        return out.slice(0, MAX_CONTEXT_RECORDS);
    }
}

/** A stable key for a context, to tell the connector only when it changed. */
export function contextKey(records: readonly RecordSummary[]): string {
    return records.map((r) => `${r.recordId}:${r.recordName}`).join('|');
}
