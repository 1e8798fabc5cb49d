/**
 * crmRecord: what the package knows about a CRM record, in one place.
 * - Which objects are a Name (a Who: Contact, Lead) and which a Related To (a What).
 * - A record's Lightning address.
 * - The summary every module passes around: id, display name, object.
 *
 * Pure: no DOM, no Salesforce imports.
 */

/** Objects whose records are a Name (a Who: a person); every other object is a Related To (a What). */
export const WHO_OBJECTS: readonly string[] = ['Contact', 'Lead'];

export function isWhoObject(objectApiName: string): boolean {
    return WHO_OBJECTS.includes(objectApiName);
}

/** A record as this package knows it: id, display name and object. */
export interface RecordSummary {
    recordId: string;
    recordName: string;
    /** The object's API name (Contact, Account, Case, a custom object...). */
    objectType: string;
}

/** A record's Lightning address, relative to the org. */
export function recordUrl(objectApiName: string, recordId: string): string {
    return `/lightning/r/${encodeURIComponent(objectApiName)}/${encodeURIComponent(recordId)}/view`;
}
