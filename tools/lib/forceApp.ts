/**
 * Reads the package's own metadata in force-app (source format) into the shapes the
 * mapper and the tools use: the object schema of Interaction_Log__c as getObjectInfo
 * would describe it, the field mapping records and the setting records.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type {
    FieldDataType,
    FieldMapping,
    FieldSchema,
    ObjectSchema
} from '../../force-app/main/default/lwc/interactionLog/interactionLog';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_SOURCE = join(PROJECT_ROOT, 'force-app', 'main', 'default');

import { STANDARD_KEY_PREFIXES, TASK_SCHEMA } from './standardObjects';

export { STANDARD_KEY_PREFIXES };

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ['values', 'value', 'fields', 'referenceTo'].includes(name)
});

export class MetadataError extends Error {
    constructor(
        readonly file: string,
        message: string
    ) {
        super(`${file}: ${message}`);
        this.name = 'MetadataError';
    }
}

/** Parses one metadata XML file; a malformed file throws a MetadataError naming it. */
export function readXml(file: string): Record<string, unknown> {
    const text = readFileSync(file, 'utf8');
    try {
        return parser.parse(text, true) as Record<string, unknown>;
    } catch (error) {
        throw new MetadataError(file, `is not well-formed XML (${(error as Error).message})`);
    }
}

function str(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object') return undefined;
    return String(value);
}

function num(value: unknown): number | undefined {
    const s = str(value);
    return s === undefined || s === '' ? undefined : Number(s);
}

const TYPE_MAP: Record<string, FieldDataType> = {
    Text: 'String',
    TextArea: 'TextArea',
    LongTextArea: 'TextArea',
    Html: 'TextArea',
    EncryptedText: 'EncryptedString',
    Phone: 'Phone',
    Email: 'Email',
    Url: 'Url',
    Picklist: 'Picklist',
    MultiselectPicklist: 'MultiPicklist',
    Number: 'Double',
    Currency: 'Currency',
    Percent: 'Percent',
    Checkbox: 'Boolean',
    DateTime: 'DateTime',
    Date: 'Date',
    Time: 'Time',
    Lookup: 'Reference',
    MasterDetail: 'Reference',
    AutoNumber: 'String'
};

export interface FieldFile {
    file: string;
    metadataType: string;
    /** `<required>true</required>` in the field's metadata. */
    required: boolean;
    schema: FieldSchema;
}

/** Converts one `<CustomField>` into the schema facts getObjectInfo would report. */
export function fieldSchemaFromXml(file: string): FieldFile {
    const doc = readXml(file);
    const field = doc.CustomField as Record<string, unknown> | undefined;
    if (!field) throw new MetadataError(file, 'has no <CustomField> root element');
    const apiName = str(field.fullName) ?? basename(file).replace('.field-meta.xml', '');
    const metadataType = str(field.type) ?? '';
    const dataType = TYPE_MAP[metadataType];
    if (!dataType)
        throw new MetadataError(file, `has the field type "${metadataType}", which the mapper does not know`);
    const calculated = str(field.formula) !== undefined;
    const schema: FieldSchema = {
        apiName,
        dataType,
        label: str(field.label),
        createable: !calculated && metadataType !== 'AutoNumber',
        calculated
    };
    if (dataType === 'String' || dataType === 'TextArea' || dataType === 'EncryptedString') {
        schema.length = num(field.length) ?? (metadataType === 'TextArea' ? 255 : undefined);
    }
    if (dataType === 'Phone') schema.length = 40;
    if (dataType === 'Email') schema.length = 80;
    if (dataType === 'Url') schema.length = 255;
    if (metadataType === 'Picklist' || metadataType === 'MultiselectPicklist') schema.length = 255;
    if (['Double', 'Currency', 'Percent'].includes(dataType)) {
        schema.precision = num(field.precision) ?? 18;
        schema.scale = num(field.scale) ?? 0;
    }
    const valueSet = field.valueSet as Record<string, unknown> | undefined;
    if (valueSet) {
        const definition = valueSet.valueSetDefinition as Record<string, unknown> | undefined;
        const values = (definition?.value as Record<string, unknown>[] | undefined) ?? [];
        schema.picklistValues = values.map((v) => str(v.fullName) ?? '').filter((v) => v !== '');
        schema.restrictedPicklist = str(valueSet.restricted) === 'true';
    }
    if (dataType === 'Reference') {
        const targets = (field.referenceTo as unknown[] | undefined) ?? [];
        schema.referenceTo = targets.map((t) => {
            const name = str(t) ?? '';
            return { apiName: name, keyPrefix: STANDARD_KEY_PREFIXES[name] };
        });
    }
    if (str(field.externalId) === 'true') schema.externalId = true;
    if (str(field.unique) === 'true') schema.unique = true;
    return { file, metadataType, required: str(field.required) === 'true', schema };
}

/** Every `<CustomField>` file of an object, in file name order. */
export function readObjectFields(sourceDir: string, objectApiName: string): FieldFile[] {
    const dir = join(sourceDir, 'objects', objectApiName, 'fields');
    if (!existsSync(dir)) throw new MetadataError(dir, `does not exist: is ${objectApiName} in this source folder?`);
    return readdirSync(dir)
        .filter((f) => f.endsWith('.field-meta.xml'))
        .sort()
        .map((f) => fieldSchemaFromXml(join(dir, f)));
}

/**
 * The object schema built from source, plus the standard fields a record has: Name
 * (Text 80) and OwnerId. Everything is createable, as for a user with the Agent
 * permission set.
 */
export function loadObjectSchema(
    sourceDir: string = DEFAULT_SOURCE,
    objectApiName = 'Interaction_Log__c',
    extraFieldDirs: readonly string[] = []
): ObjectSchema {
    const fields: Record<string, FieldSchema> = {
        Name: { apiName: 'Name', dataType: 'String', label: 'Name', length: 80, createable: true },
        OwnerId: {
            apiName: 'OwnerId',
            dataType: 'Reference',
            label: 'Owner',
            createable: true,
            referenceTo: [
                { apiName: 'User', keyPrefix: STANDARD_KEY_PREFIXES.User },
                { apiName: 'Group', keyPrefix: STANDARD_KEY_PREFIXES.Group }
            ]
        }
    };
    const files = [
        ...readObjectFields(sourceDir, objectApiName),
        ...extraFieldDirs.flatMap((dir) => readFieldFolder(dir, objectApiName))
    ];
    for (const { schema } of files) {
        fields[schema.apiName] = schema;
    }
    return { apiName: objectApiName, fields };
}

/**
 * Fields an admin added in an org: the `*.field-meta.xml` files of a folder, as
 * `sf project retrieve start` writes an object's `fields/` folder. A project folder that
 * holds `objects/<object>/fields/` (or `force-app/main/default/...`) works too.
 */
export function readFieldFolder(dir: string, objectApiName = 'Interaction_Log__c'): FieldFile[] {
    if (!existsSync(dir)) throw new MetadataError(dir, 'does not exist');
    const nested = [
        join(dir, 'objects', objectApiName, 'fields'),
        join(dir, 'force-app', 'main', 'default', 'objects', objectApiName, 'fields')
    ];
    const folder = readdirSync(dir).some((f) => f.endsWith('.field-meta.xml'))
        ? dir
        : nested.find((candidate) => existsSync(candidate));
    if (!folder) throw new MetadataError(dir, `has no *.field-meta.xml files (nor objects/${objectApiName}/fields/)`);
    return readdirSync(folder)
        .filter((f) => f.endsWith('.field-meta.xml'))
        .sort()
        .map((f) => fieldSchemaFromXml(join(folder, f)));
}

export interface CustomMetadataRecord {
    file: string;
    /** Type without the __mdt suffix, e.g. Interaction_Log_Field_Mapping. */
    type: string;
    developerName: string;
    label: string;
    values: Record<string, string | null>;
}

/** Reads one `<CustomMetadata>` record file (`Type.Record.md-meta.xml`). */
export function readCustomMetadataRecord(file: string): CustomMetadataRecord {
    const doc = readXml(file);
    const record = doc.CustomMetadata as Record<string, unknown> | undefined;
    if (!record) throw new MetadataError(file, 'has no <CustomMetadata> root element');
    const name = basename(file).replace(/\.md-meta\.xml$/, '');
    const dot = name.indexOf('.');
    if (dot < 0) throw new MetadataError(file, 'is not named Type.Record.md-meta.xml');
    const values: Record<string, string | null> = {};
    for (const entry of (record.values as Record<string, unknown>[] | undefined) ?? []) {
        const fieldName = str(entry.field);
        if (!fieldName) throw new MetadataError(file, 'has a <values> entry without <field>');
        const raw = (entry.value as unknown[] | undefined)?.[0];
        if (raw === undefined || raw === null) {
            values[fieldName] = null;
        } else if (typeof raw === 'object') {
            const r = raw as Record<string, unknown>;
            values[fieldName] = r['@_xsi:nil'] === 'true' ? null : (str(r['#text']) ?? '');
        } else {
            values[fieldName] = String(raw);
        }
    }
    return {
        file,
        type: name.slice(0, dot),
        developerName: name.slice(dot + 1),
        label: str(record.label) ?? name.slice(dot + 1),
        values
    };
}

/** All records of one custom metadata type found in a folder (default: force-app's customMetadata). */
export function readCustomMetadataRecords(dir: string, type: string): CustomMetadataRecord[] {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new MetadataError(dir, 'is not a folder of custom metadata records');
    }
    return readdirSync(dir)
        .filter((f) => f.startsWith(type + '.') && f.endsWith('.md-meta.xml'))
        .sort()
        .map((f) => readCustomMetadataRecord(join(dir, f)));
}

/** A mapping record in the shape the mapper takes (as the Apex controller returns it). */
export function toFieldMapping(record: CustomMetadataRecord): FieldMapping {
    const v = record.values;
    return {
        name: record.developerName,
        sourcePath: v.Source_Path__c ?? '',
        targetObject: v.Target_Object__c ?? undefined,
        targetField: v.Target_Field__c ?? '',
        transform: v.Transform__c ?? '',
        active: v.Active__c === 'true',
        layer: v.Layer__c ?? undefined,
        description: v.Description__c ?? undefined
    };
}

export function loadFieldMappings(dir: string = join(DEFAULT_SOURCE, 'customMetadata')): FieldMapping[] {
    return readCustomMetadataRecords(dir, 'Interaction_Log_Field_Mapping').map(toFieldMapping);
}

// ---------------------------------------------------------------------------
// What the org would answer: getObjectInfo and the Apex controller's configuration
// ---------------------------------------------------------------------------

/** The UI API ObjectInfo of an object, as getObjectInfo returns it for an admin, built from source. */
export function loadObjectInfo(
    sourceDir: string = DEFAULT_SOURCE,
    objectApiName = 'Interaction_Log__c',
    extraFieldDirs: readonly string[] = []
) {
    return objectInfoOf(loadObjectSchema(sourceDir, objectApiName, extraFieldDirs), 'Interaction Log', 'a00');
}

/** The UI API ObjectInfo shape of an object schema. */
export function objectInfoOf(schema: ObjectSchema, label: string, keyPrefix: string) {
    const fields: Record<string, Record<string, unknown>> = {};
    for (const f of Object.values(schema.fields)) {
        fields[f.apiName] = {
            apiName: f.apiName,
            dataType: f.dataType,
            label: f.label ?? f.apiName,
            length: f.length ?? 0,
            precision: f.precision ?? 0,
            scale: f.scale ?? 0,
            createable: f.createable,
            updateable: f.updateable ?? f.createable,
            calculated: Boolean(f.calculated),
            unique: Boolean(f.unique),
            externalId: Boolean(f.externalId),
            custom: f.apiName.endsWith('__c'),
            reference: f.dataType === 'Reference',
            referenceToInfos: (f.referenceTo ?? []).map((r) => ({ apiName: r.apiName, nameFields: ['Name'] }))
        };
    }
    return { apiName: schema.apiName, label, keyPrefix, fields };
}

/** What InteractionLogConfigController.getConfiguration returns, built from the records and fields in source. */
export function loadConfiguration(
    sourceDir: string = DEFAULT_SOURCE,
    mappingDirs: string[] = [join(sourceDir, 'customMetadata')],
    extraFieldDirs: readonly string[] = []
) {
    const bool = (v: string | null | undefined) => v === 'true';
    const mappings = mappingDirs
        .flatMap((dir) => readCustomMetadataRecords(dir, 'Interaction_Log_Field_Mapping'))
        .filter((r) => bool(r.values.Active__c))
        .map((r) => ({
            developerName: r.developerName,
            label: r.label,
            sourcePath: r.values.Source_Path__c,
            targetObject: r.values.Target_Object__c,
            targetField: r.values.Target_Field__c,
            transform: r.values.Transform__c,
            active: true,
            layer: r.values.Layer__c,
            description: r.values.Description__c
        }));
    const settings = readCustomMetadataRecords(join(sourceDir, 'customMetadata'), 'Interaction_Log_Setting')
        .filter((r) => bool(r.values.Active__c))
        .map((r) => ({
            developerName: r.developerName,
            label: r.label,
            layer: r.values.Layer__c,
            active: true,
            connectorUrl: r.values.Connector_Url__c,
            allowedOrigins: r.values.Allowed_Origins__c,
            storeRawPayload: bool(r.values.Store_Raw_Payload__c),
            createTask: bool(r.values.Create_Task__c),
            toastBehavior: r.values.Toast_Behavior__c,
            callCenterSettings: r.values.Call_Center_Settings__c,
            defaultCountry: r.values.Default_Country__c,
            pendingExpiryDays: r.values.Pending_Expiry_Days__c ? Number(r.values.Pending_Expiry_Days__c) : null,
            customFieldPrecedence: r.values.Custom_Field_Precedence__c ?? null,
            directoryGroup: r.values.Directory_Group__c ?? null
        }));
    type Picklists = Record<string, { values: string[]; restricted: boolean }>;
    const keyPrefixes: Record<string, string> = {};
    // As the Apex class: key prefixes of the objects the log's lookups point at, not the Task's.
    const describe = (object: ObjectSchema, withKeyPrefixes: boolean): Picklists => {
        const picklists: Picklists = {};
        for (const f of Object.values(object.fields)) {
            if (f.picklistValues)
                picklists[f.apiName] = { values: f.picklistValues, restricted: Boolean(f.restrictedPicklist) };
            if (withKeyPrefixes)
                for (const r of f.referenceTo ?? []) if (r.keyPrefix) keyPrefixes[r.apiName] = r.keyPrefix;
        }
        return picklists;
    };
    const picklists = describe(loadObjectSchema(sourceDir, 'Interaction_Log__c', extraFieldDirs), true);
    const taskPicklists = describe(TASK_SCHEMA, false);
    return { mappings, settings, picklists, taskPicklists, keyPrefixes };
}
