/**
 * logSchema: the record side of the save path. What the mapper and the writer know about
 * an object's fields (the facts getObjectInfo returns on the platform, or the field
 * metadata in force-app offline), the fixed API names of the data model, and the rules
 * about which fields a user may set.
 */

/** Text-like data types: any transform's value can be written to them as text. */
export const TEXT_DATA_TYPES = ['String', 'ComboBox', 'TextArea', 'Phone', 'Email', 'Url', 'EncryptedString'] as const;

/** Field data types the mapper writes, named as the UI API (getObjectInfo) names them. */
export const FIELD_DATA_TYPES = [
    ...TEXT_DATA_TYPES,
    'Picklist',
    'MultiPicklist',
    'Double',
    'Int',
    'Currency',
    'Percent',
    'Boolean',
    'DateTime',
    'Date',
    'Time',
    'Reference'
] as const;
export type FieldDataType = (typeof FIELD_DATA_TYPES)[number];

export interface ReferenceTarget {
    /** API name of the object the lookup points at, e.g. Contact. */
    apiName: string;
    /** The object's three-character record id prefix, e.g. 003. */
    keyPrefix?: string;
}

export interface FieldSchema {
    apiName: string;
    dataType: FieldDataType;
    label?: string;
    /** Maximum length of text fields, in characters. */
    length?: number;
    /** Total digits of number fields. */
    precision?: number;
    /** Digits after the decimal point of number fields. */
    scale?: number;
    /** Whether the running user may set the field on a new record. */
    createable: boolean;
    /** Whether the running user may change the field on an existing record (default: as createable). */
    updateable?: boolean;
    /** Whether the field is calculated (formula); never written. */
    calculated?: boolean;
    picklistValues?: string[];
    restrictedPicklist?: boolean;
    referenceTo?: ReferenceTarget[];
    externalId?: boolean;
    unique?: boolean;
}

export interface ObjectSchema {
    apiName: string;
    fields: Record<string, FieldSchema>;
}

export type FieldValue = string | number | boolean;

/** The Interaction Log object. Its field names are fixed: reports, tests and admins rely on them. */
export const TARGET_OBJECT = 'Interaction_Log__c';
export const FIELD = {
    name: 'Name',
    interactionId: 'Interaction_Id__c',
    logKey: 'Log_Key__c',
    rawPayload: 'Raw_Payload__c',
    warnings: 'Mapping_Warnings__c',
    warningCount: 'Mapping_Warning_Count__c',
    subject: 'Subject__c',
    channel: 'Channel__c',
    direction: 'Direction__c',
    callerName: 'Caller_Name__c',
    callerNumber: 'Caller_Number__c',
    originatingAddress: 'Updated_Originating_Address__c',
    resourceAddress: 'Resource_Address__c',
    establishedTime: 'Established_Time__c',
    startDate: 'Start_Date__c',
    startTime: 'Start_Time__c',
    endTime: 'End_Time__c',
    nameId: 'Name_Id__c',
    relatedToId: 'Related_To_Id__c',
    taskId: 'Task_Id__c',
    customFields: 'Custom_Fields__c'
} as const;

/**
 * The evidence a log is created with and never updated by the writer: its identity, the
 * body as received and what could not be mapped. (The org's InteractionLogEvidence trigger
 * also keeps the times from changing once set.)
 */
export const WRITTEN_ONCE: readonly string[] = [
    FIELD.logKey,
    FIELD.interactionId,
    FIELD.rawPayload,
    FIELD.warnings,
    FIELD.warningCount
];

/** Mirrors Apex InteractionLogEvidence.EVIDENCE: what no one but an admin with Correct Evidence changes once set. */
export const EVIDENCE: readonly string[] = [
    ...WRITTEN_ONCE,
    FIELD.establishedTime,
    FIELD.startDate,
    FIELD.startTime,
    FIELD.endTime
];

/** Longest raw payload kept (the size of Raw_Payload__c). */
export const RAW_PAYLOAD_MAX = 131072;

/** A field of the schema, read as an own property (a field named `__proto__` is no field). */
export function fieldOf(schema: ObjectSchema, api: string): FieldSchema | undefined {
    return Object.prototype.hasOwnProperty.call(schema.fields, api) ? schema.fields[api] : undefined;
}

/** Whether the running user may set the field on a new record. */
export function isWritable(schema: ObjectSchema, api: string): boolean {
    const f = fieldOf(schema, api);
    return Boolean(f && f.createable && !f.calculated);
}

/**
 * The fields of an update: the ones the running user may change, plus the record id.
 * The one rule for "drop what cannot be updated", for logs and Tasks alike.
 */
export function updatableFields(
    fields: Record<string, FieldValue | null>,
    schema: ObjectSchema,
    recordId: string
): Record<string, FieldValue | null> {
    const out: Record<string, FieldValue | null> = { Id: recordId };
    for (const [name, value] of Object.entries(fields)) {
        if (fieldOf(schema, name)?.updateable === false) continue;
        out[name] = value;
    }
    return out;
}

// ---------------------------------------------------------------------------
// The schema from the UI API
// ---------------------------------------------------------------------------

/** The parts of a UI API ObjectInfo field the mapper needs. */
export interface UiApiField {
    apiName: string;
    dataType: string;
    label?: string;
    length?: number;
    precision?: number;
    scale?: number;
    createable?: boolean;
    updateable?: boolean;
    calculated?: boolean;
    unique?: boolean;
    referenceToInfos?: { apiName: string }[];
}

export interface UiApiObjectInfo {
    apiName: string;
    fields: Record<string, UiApiField>;
}

/** Facts the UI API does not give, described by the Apex controller. */
export interface DescribeExtras {
    picklists?: Record<string, { values: string[]; restricted: boolean }>;
    keyPrefixes?: Record<string, string>;
}

const KNOWN_TYPES = new Set<string>(FIELD_DATA_TYPES);

/** Builds the object schema from getObjectInfo and the controller's describe extras. */
export function schemaFromObjectInfo(info: UiApiObjectInfo, extras: DescribeExtras = {}): ObjectSchema {
    const fields: Record<string, FieldSchema> = {};
    for (const f of Object.values(info.fields ?? {})) {
        if (!f || typeof f.apiName !== 'string' || !KNOWN_TYPES.has(f.dataType)) continue;
        const picklist = extras.picklists?.[f.apiName];
        fields[f.apiName] = {
            apiName: f.apiName,
            dataType: f.dataType as FieldDataType,
            label: f.label,
            length: f.length || undefined,
            precision: f.precision || undefined,
            scale: f.scale,
            createable: Boolean(f.createable) && !f.calculated,
            updateable: Boolean(f.updateable) && !f.calculated,
            calculated: Boolean(f.calculated),
            unique: f.unique,
            picklistValues: picklist?.values,
            restrictedPicklist: picklist?.restricted,
            referenceTo: f.referenceToInfos?.map((r) => ({
                apiName: r.apiName,
                keyPrefix: extras.keyPrefixes?.[r.apiName]
            }))
        };
    }
    return { apiName: info.apiName, fields };
}
