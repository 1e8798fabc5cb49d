/**
 * The org emulator: plays the org behind lightning/uiRecordApi and the Apex controller,
 * for the workbench, the browser tests and the benchmark. Everything it knows comes from
 * the package's own metadata in force-app: the object schema (types, lengths, picklists,
 * required, unique, references with key prefixes), the field mapping and setting records.
 * It validates every write as Salesforce does and answers with the UI API's error codes
 * and shapes. Records survive a restart (an append-only file in the data folder).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldSchema, ObjectSchema } from '../force-app/main/default/lwc/interactionLog/interactionLog';
import { LAYER_ORG_OVERRIDE } from '../force-app/main/default/lwc/interactionLog/mappingLayers';
import { normalizeRecordId } from '../force-app/main/default/lwc/safeData/safeData';
import {
    DEFAULT_SOURCE,
    loadConfiguration,
    loadObjectSchema,
    objectInfoOf,
    readCustomMetadataRecords
} from '../tools/lib/forceApp';
import { TASK_SCHEMA } from '../tools/lib/standardObjects';
import { loadDirectory, loadUsers, type DirectoryRecord, type DirectoryUser } from '../test/fixtures';

export type FieldValue = string | number | boolean | null;

export interface StoredRecord {
    Id: string;
    /** Set on records of other objects than Interaction_Log__c (the activity mirror's Tasks). */
    apiName?: string;
    CreatedDate: string;
    LastModifiedDate: string;
    fields: Record<string, FieldValue>;
}

export interface UiApiErrorBody {
    message: string;
    enhancedErrorType: 'RecordError';
    output: {
        errors: { errorCode: string; message: string; field?: string }[];
        fieldErrors: Record<string, { errorCode: string; field: string; message: string }[]>;
    };
}

export type WriteOutcome =
    | { ok: true; record: StoredRecord }
    | { ok: false; status: number; body: UiApiErrorBody | { errorCode: string; message: string }[] };

/** How the emulator misbehaves on purpose, so people and tests can watch the outbox work. */
export interface Faults {
    /** Drop every UI API and Apex request without an answer, as when the network is down. */
    offline: boolean;
    /** Answer every UI API and Apex request with this HTTP status (e.g. 503); 0 for none. */
    failStatus: number;
    /** Answer 401 INVALID_SESSION_ID, as when the session expired. */
    sessionExpired: boolean;
    /** Wait this long before answering. */
    latencyMs: number;
    /** Refuse these fields with INVALID_FIELD, as when field-level security hides them. */
    rejectFields: string[];
    /** Refuse the next N record writes with UNABLE_TO_LOCK_ROW. */
    lockNextWrites: number;
}

export const NO_FAULTS: Readonly<Faults> = {
    offline: false,
    failStatus: 0,
    sessionExpired: false,
    latencyMs: 0,
    rejectFields: [],
    lockNextWrites: 0
};

/** A mapping record as InteractionLogConfigController.MappingRecord returns it. */
interface StudioMapping {
    developerName: string;
    label: string;
    sourcePath: string | null;
    targetObject: string | null;
    targetField: string | null;
    transform: string | null;
    active: boolean;
    layer: string | null;
    description: string | null;
}

/** The emulated org's id (UserInfo.getOrganizationId()). */
const ORG_ID = '00D000000000001AAA';
const OBJECT = 'Interaction_Log__c';
/** Mirrors the Apex trigger's InteractionLogEvidence.EVIDENCE: written once, then changed only by an admin. */
const EVIDENCE = [
    'Log_Key__c',
    'Interaction_Id__c',
    'Raw_Payload__c',
    'Mapping_Warnings__c',
    'Mapping_Warning_Count__c',
    'Established_Time__c',
    'Start_Date__c',
    'Start_Time__c',
    'End_Time__c'
];
const EVIDENCE_WRITTEN_ONCE =
    'This is evidence of the interaction: it is written once, when the log is saved, and only an admin with the Correct Interaction Log Evidence permission can change it.';
const KEY_PREFIX = 'a00';
const TASK_PREFIX = '00T';
const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export interface EmulatorOptions {
    /** Folder for records.jsonl; none keeps records in memory only. */
    dataDir?: string;
    /** The connector URL of the workbench's own Org override setting record. */
    connectorUrl?: string;
    /** The workbench user. */
    userId?: string;
    /** Folders of Interaction_Log__c fields an admin added in the org (`*.field-meta.xml`), as `npm run map -- --fields` reads. */
    extraFieldDirs?: readonly string[];
}

/** The text entries of a list from a request body; anything else is ignored. */
function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export class OrgEmulator {
    readonly schema: ObjectSchema;
    readonly userId: string;
    faults: Faults = { ...NO_FAULTS, rejectFields: [] };
    private readonly records = new Map<string, StoredRecord>();
    private readonly taskRecords = new Map<string, StoredRecord>();
    private taskCounter = 0;
    private readonly byLogKey = new Map<string, string>();
    private counter = 0;
    private readonly file?: string;
    private readonly connectorUrl?: string;
    private readonly extraFieldDirs: readonly string[];
    /** Org overrides the mapping studio deployed (by DeveloperName), over the package's records. */
    private readonly deployedMappings = new Map<string, StudioMapping>();
    /** Interaction_Log_Mapping_Deployed__e events, in order (the studio's empApi subscription reads them). */
    readonly events: { channel: string; replayId: number; payload: Record<string, unknown> }[] = [];
    /** How long a studio deployment takes here (Salesforce takes seconds). */
    deployDelayMs = 300;
    private deployments = 0;
    /** Interaction_Log_Secret__c: made on first use, kept in the data folder as the org keeps it. */
    private secret?: Buffer;
    private readonly secretFile?: string;
    /** Counts of what happened, for tests and the benchmark. */
    readonly stats = {
        creates: 0,
        updates: 0,
        refused: 0,
        dropped: 0,
        taskCreates: 0,
        taskUpdates: 0,
        searches: 0,
        directoryRequests: 0,
        /** GraphQL mutations run (batches of creates). */
        mutations: 0
    };
    /** The workbench setting record's Create Task (the page reads it when it loads). */
    createTask = false;
    /** The workbench's setting record toasts every saved log; the benchmark sets Problems_Only, the package default. */
    toastBehavior = 'All';

    constructor(options: EmulatorOptions = {}) {
        this.extraFieldDirs = options.extraFieldDirs ?? [];
        this.schema = loadObjectSchema(undefined, OBJECT, this.extraFieldDirs);
        this.userId = options.userId ?? '005000000000001AAA';
        this.connectorUrl = options.connectorUrl;
        if (options.dataDir) {
            mkdirSync(options.dataDir, { recursive: true });
            this.file = join(options.dataDir, 'records.jsonl');
            this.secretFile = join(options.dataDir, 'secret');
            this.replay();
        }
    }

    // -- what the org answers ---------------------------------------------------

    /** InteractionLogOutboxKey.getOutboxKey: HMAC-SHA256 of the org and user under the org's secret. */
    outboxKey(): string {
        if (!this.secret) {
            if (this.secretFile && existsSync(this.secretFile))
                this.secret = Buffer.from(readFileSync(this.secretFile, 'utf8'), 'base64');
            else {
                this.secret = randomBytes(32);
                if (this.secretFile) writeFileSync(this.secretFile, this.secret.toString('base64'));
            }
        }
        return createHmac('sha256', this.secret)
            .update(`interaction-log-outbox-v1:${ORG_ID}:${this.userId}`)
            .digest('base64');
    }

    objectInfo(apiName: string = OBJECT) {
        return apiName === TASK_SCHEMA.apiName
            ? objectInfoOf(TASK_SCHEMA, 'Task', TASK_PREFIX)
            : objectInfoOf(this.schema, 'Interaction Log', 'a00');
    }

    /** InteractionLogConfigController.getConfiguration, plus the workbench's own setting record. */
    configuration(mappings: StudioMapping[] = this.allMappings()) {
        // The mapping records are read once, by allMappings (with what the studio deployed over them).
        const config = loadConfiguration(undefined, [], this.extraFieldDirs);
        config.mappings = mappings.filter((m) => m.active) as typeof config.mappings;
        if (this.connectorUrl) {
            config.settings.push({
                developerName: 'Workbench',
                label: 'Workbench',
                layer: LAYER_ORG_OVERRIDE,
                active: true,
                connectorUrl: this.connectorUrl,
                allowedOrigins: null,
                storeRawPayload: true,
                createTask: this.createTask,
                toastBehavior: this.toastBehavior,
                callCenterSettings:
                    '{"ReqGeneralInfo":{"reqDisplayName":"Workbench Contact Center"},"LogOptions":{"callLogEnabled":true,"interactionHistorySize":20}}',
                defaultCountry: 'US',
                pendingExpiryDays: 7,
                customFieldPrecedence: 'Agent_Entry',
                directoryGroup: null
            });
        }
        return config;
    }

    // -- the mapping studio (InteractionLogMappingStudio) -------------------------

    /** Every mapping record, active or not: the package's, with what the studio deployed over them. */
    allMappings(): StudioMapping[] {
        const shipped = readCustomMetadataRecords(
            join(DEFAULT_SOURCE, 'customMetadata'),
            'Interaction_Log_Field_Mapping'
        ).map((r): StudioMapping => ({
            developerName: r.developerName,
            label: r.label,
            sourcePath: r.values.Source_Path__c ?? null,
            targetObject: r.values.Target_Object__c ?? null,
            targetField: r.values.Target_Field__c ?? null,
            transform: r.values.Transform__c ?? null,
            active: r.values.Active__c === 'true',
            layer: r.values.Layer__c ?? null,
            description: r.values.Description__c ?? null
        }));
        const byName = new Map(shipped.map((m) => [m.developerName, m]));
        for (const [name, m] of this.deployedMappings) byName.set(name, m);
        return [...byName.values()].sort((a, b) => a.developerName.localeCompare(b.developerName));
    }

    /** InteractionLogMappingStudio.getStudio. */
    studio(recentCount: unknown) {
        const wanted = Math.min(Math.max(Number(recentCount) || 10, 1), 50);
        const mappings = this.allMappings();
        const logs = this.list().filter((r) => !r.apiName);
        const withPayload = logs.filter((r) => r.fields.Raw_Payload_Cleared__c !== true);
        const setting = this.configuration(mappings).settings.find((s) => s.layer === LAYER_ORG_OVERRIDE) as
            { rawPayloadRetentionDays?: number | null } | undefined;
        return {
            mappings,
            recent: withPayload
                .filter((r) => typeof r.fields.Raw_Payload__c === 'string' && r.fields.Raw_Payload__c !== '')
                .slice(0, wanted)
                .map((r) => ({
                    recordId: r.Id,
                    name: String(r.fields.Name ?? ''),
                    createdDate: r.CreatedDate,
                    rawPayload: String(r.fields.Raw_Payload__c)
                })),
            retentionDays: setting?.rawPayloadRetentionDays ?? null,
            logCount: logs.length,
            payloadCount: withPayload.length
        };
    }

    /** InteractionLogMappingStudio.applyMapping: the Org override deployed after a moment, then its event. */
    applyMapping(input: { targetField?: unknown; sourcePath?: unknown; transform?: unknown; active?: unknown }) {
        const field = Object.keys(this.schema.fields).find(
            (f) => f.toLowerCase() === String(input.targetField ?? '').toLowerCase()
        );
        if (!field)
            return {
                error: `Interaction Log has no field ${String(input.targetField)} that a mapping can write. Pick a field from the list.`
            };
        const existing = this.allMappings().find((m) => m.layer === LAYER_ORG_OVERRIDE && m.targetField === field);
        const developerName = existing?.developerName ?? `Org_${field.replace(/__c$/i, '')}`.slice(0, 40);
        const jobId = nextId('0Af', ++this.deployments);
        setTimeout(() => {
            this.deployedMappings.set(developerName, {
                developerName,
                label: `Org override: ${field}`.slice(0, 40),
                sourcePath: String(input.sourcePath ?? ''),
                targetObject: OBJECT,
                targetField: field,
                transform: String(input.transform ?? 'text'),
                active: input.active === true,
                layer: LAYER_ORG_OVERRIDE,
                description: `Org override of ${field}, applied from the mapping studio.`
            });
            this.events.push({
                channel: '/event/Interaction_Log_Mapping_Deployed__e',
                replayId: this.events.length + 1,
                payload: { Job_Id__c: jobId, Status__c: 'Succeeded', Message__c: null }
            });
        }, this.deployDelayMs);
        return { jobId };
    }

    /** InteractionLogMappingStudio.logsToRemap: a page of logs created in the days, after an id, with their payload. */
    logsToRemap(input: { fromDate?: unknown; toDate?: unknown; afterId?: unknown; pageSize?: unknown }) {
        const from = input.fromDate ? Date.parse(`${String(input.fromDate)}T00:00:00Z`) : 0;
        const to = input.toDate
            ? Date.parse(`${String(input.toDate)}T00:00:00Z`) + 86_400_000
            : Number.POSITIVE_INFINITY;
        const after = String(input.afterId ?? '');
        const size = Math.min(Math.max(Number(input.pageSize) || 200, 1), 200);
        return this.list()
            .filter((r) => !r.apiName && r.fields.Raw_Payload_Cleared__c !== true)
            .filter((r) => Date.parse(r.CreatedDate) >= from && Date.parse(r.CreatedDate) < to && r.Id > after)
            .sort((a, b) => a.Id.localeCompare(b.Id))
            .slice(0, size)
            .map((r) => ({ Id: r.Id, ...r.fields }));
    }

    findRecordIdByLogKey(logKey: string): string | null {
        return this.byLogKey.get(logKey) ?? null;
    }

    /** InteractionLogSaveController.findTaskIdForLog: the log's Task_Id__c. */
    findTaskIdForLog(logId: string): string | null {
        const taskId = this.get(logId)?.fields.Task_Id__c;
        return typeof taskId === 'string' && taskId !== '' ? taskId : null;
    }

    /**
     * InteractionLogRecordController.searchCustomers. Loose on purpose, as SOSL is: any
     * record sharing a number's last seven digits, or the address, comes back, and the
     * component must decide which ones really match.
     */
    searchCustomers(phones: unknown, emails: unknown): DirectoryRecord[] {
        const tails = strings(phones)
            .map((p) => p.replace(/\D/g, ''))
            .filter((d) => d.length >= 3)
            .map((d) => d.slice(-7));
        const addresses = strings(emails).map((e) => e.trim().toLowerCase());
        this.stats.searches += 1;
        return this.directory.filter(
            (r) =>
                (r.phones ?? []).some((p) => tails.some((t) => p.replace(/\D/g, '').endsWith(t))) ||
                (r.emails ?? []).some((e) => addresses.includes(e.toLowerCase()))
        );
    }

    /**
     * InteractionLogRecordController.describeRecords: the records known, in the order asked
     * (at most ten), each with the records it belongs to (a Contact's Account, a Case's
     * Contact and Account), then those related records.
     */
    describeRecords(
        recordIds: unknown
    ): { recordId: string; recordName: string; objectType: string; relatedIds: string[] }[] {
        const ids = strings(recordIds);
        const find = (id: string | undefined) => this.directory.find((r) => r.recordId === id);
        const summary = (r: DirectoryRecord, relatedIds: string[] = []) => ({
            recordId: r.recordId,
            recordName: r.recordName,
            objectType: r.objectType,
            relatedIds
        });
        const asked = ids
            .slice(0, 10)
            .map((id) => find(normalizeRecordId(id)))
            .filter((r): r is DirectoryRecord => r !== undefined);
        const relatedOf = (r: DirectoryRecord) =>
            (r.objectType === 'Case' ? [r.contactId, r.accountId] : r.objectType === 'Contact' ? [r.accountId] : [])
                .map((id) => find(id))
                .filter((x): x is DirectoryRecord => x !== undefined);
        const described = asked.map((r) =>
            summary(
                r,
                relatedOf(r).map((x) => x.recordId)
            )
        );
        for (const r of asked.flatMap(relatedOf)) {
            if (!described.some((d) => d.recordId === r.recordId)) described.push(summary(r));
        }
        return described;
    }

    /** The CRM records (Contacts, Leads, Accounts, Cases...) the sample messages are about, and those created since. */
    readonly directory: DirectoryRecord[] = loadDirectory().map((r) => ({
        ...r,
        // Real ids carry a checksum of their case; the samples' hand-written ids are normalised as Salesforce would.
        recordId: normalizeRecordId(r.recordId) ?? r.recordId,
        accountId: r.accountId ? (normalizeRecordId(r.accountId) ?? r.accountId) : undefined,
        contactId: r.contactId ? (normalizeRecordId(r.contactId) ?? r.contactId) : undefined
    }));

    /** When each Contact created in the workbench was created (the New Contact page's Save). */
    private readonly createdContacts = new Map<string, number>();
    private contactCounter = 0;

    /** A Contact saved from the workbench's New Contact page, as the agent's Save in Salesforce would. */
    createContact(fields: Record<string, unknown>): DirectoryRecord {
        const text = (name: string) => (typeof fields[name] === 'string' ? String(fields[name]).trim() : '');
        this.contactCounter += 1;
        const recordId = normalizeRecordId(`003${String(900 + this.contactCounter).padStart(12, '0')}AAA`) ?? '';
        const record: DirectoryRecord = {
            recordId,
            recordName: [text('FirstName'), text('LastName')].filter(Boolean).join(' ') || 'New Contact',
            objectType: 'Contact',
            phones: text('Phone') ? [text('Phone')] : [],
            emails: text('Email') ? [text('Email')] : []
        };
        this.directory.push(record);
        this.createdContacts.set(recordId, Date.now());
        return record;
    }

    /** InteractionLogLinkController.contactsCreatedSince: the Contacts created since a moment, newest first. */
    contactsCreatedSince(since: unknown): DirectoryRecord[] {
        const from = typeof since === 'string' ? Date.parse(since) : Number.NaN;
        if (!Number.isFinite(from)) return [];
        return this.directory
            .filter((r) => (this.createdContacts.get(r.recordId) ?? -1) >= from)
            .sort((a, b) => (this.createdContacts.get(b.recordId) ?? 0) - (this.createdContacts.get(a.recordId) ?? 0));
    }

    /** InteractionLogLinkController.countMyLogsWithoutCustomer (the workbench has one user). */
    countMyLogsWithoutCustomer(): number {
        const lookups = ['Contact__c', 'Lead__c', 'Account__c', 'Case__c', 'Opportunity__c'];
        return [...this.records.values()].filter((r) => lookups.every((f) => !r.fields[f])).length;
    }

    /** InteractionLogRecordController.searchRecords: records whose name (a Case's number) starts with the words typed. */
    searchRecords(term: unknown): DirectoryRecord[] {
        const typed = typeof term === 'string' ? term.trim().toLowerCase() : '';
        if (typed.length < 2) return [];
        const words = typed.split(/\s+/);
        return this.directory.filter((r) => {
            const name = r.recordName.toLowerCase().split(/\s+/);
            return words.every((w) => name.some((n) => n.startsWith(w)));
        });
    }

    /** The org's users: InteractionLogDirectoryController.getDirectory. */
    readonly users: readonly DirectoryUser[] = loadUsers();

    getDirectory(): DirectoryUser[] {
        this.stats.directoryRequests += 1;
        return [...this.users];
    }

    /**
     * A CRM record as getRecord returns it: its name, numbers, email and Do Not Call, and the
     * Contact and Account it belongs to, nested as Lightning Data Service nests relationships.
     */
    uiRecord(id: string): { id: string; apiName: string; fields: Record<string, { value: unknown }> } | undefined {
        const key = normalizeRecordId(id) ?? id;
        const record = this.directory.find((r) => r.recordId === key);
        if (!record) return undefined;
        const value = (v: unknown) => ({ value: v ?? null });
        const [phone, mobile] = record.phones ?? [];
        const fields: Record<string, { value: unknown }> = {
            [record.objectType === 'Case' ? 'CaseNumber' : 'Name']: value(record.recordName),
            Phone: value(phone),
            Email: value(record.emails?.[0])
        };
        if (record.objectType === 'Contact' || record.objectType === 'Lead') {
            fields.MobilePhone = value(mobile);
            fields.DoNotCall = value(record.doNotCall === true);
        }
        for (const [relation, relatedId] of [
            ['Account', record.accountId],
            ['Contact', record.contactId]
        ] as const) {
            if (!relatedId) continue;
            fields[`${relation}Id`] = value(relatedId);
            fields[relation] = value(this.uiRecord(relatedId) ?? null);
        }
        return { id: record.recordId, apiName: record.objectType, fields };
    }

    /** The activity mirror's Tasks, newest first. */
    tasks(): StoredRecord[] {
        return [...this.taskRecords.values()].reverse();
    }

    list(): StoredRecord[] {
        return [...this.records.values()].sort(
            (a, b) => b.CreatedDate.localeCompare(a.CreatedDate) || b.Id.localeCompare(a.Id)
        );
    }

    get(id: string): StoredRecord | undefined {
        const key = normalizeRecordId(id) ?? id;
        return this.records.get(key) ?? this.taskRecords.get(key);
    }

    get size(): number {
        return this.records.size;
    }

    // -- writes ------------------------------------------------------------------

    create(apiName: string, fields: Record<string, unknown>): WriteOutcome {
        if (apiName !== OBJECT && apiName !== TASK_SCHEMA.apiName) {
            return this.refuse(404, [
                { errorCode: 'NOT_FOUND', message: `The requested resource does not exist: ${apiName}` }
            ]);
        }
        const locked = this.lock();
        if (locked) return locked;
        const problems = this.validate(fields, undefined, apiName);
        if (problems) return problems;
        const now = new Date().toISOString();
        const isTask = apiName === TASK_SCHEMA.apiName;
        const record: StoredRecord = {
            Id: isTask ? nextId(TASK_PREFIX, ++this.taskCounter) : this.nextId(),
            ...(isTask ? { apiName } : {}),
            CreatedDate: now,
            LastModifiedDate: now,
            fields: { ...(fields as Record<string, FieldValue>) }
        };
        this.store(record);
        if (isTask) this.stats.taskCreates += 1;
        else this.stats.creates += 1;
        return { ok: true, record };
    }

    update(id: string, fields: Record<string, unknown>): WriteOutcome {
        const existing = this.get(id);
        if (!existing) {
            return this.refuse(404, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]);
        }
        const locked = this.lock();
        if (locked) return locked;
        const changes = { ...fields };
        delete changes.Id;
        const problems = this.validate(changes, existing, existing.apiName ?? OBJECT);
        if (problems) return problems;
        const record: StoredRecord = {
            ...existing,
            LastModifiedDate: new Date().toISOString(),
            fields: { ...existing.fields, ...(changes as Record<string, FieldValue>) }
        };
        for (const [k, v] of Object.entries(record.fields)) if (v === null) delete record.fields[k];
        this.store(record);
        if (existing.apiName) this.stats.taskUpdates += 1;
        else this.stats.updates += 1;
        return { ok: true, record };
    }

    /**
     * A GraphQL mutation of the kind the package sends (orgRequests): record creates under
     * aliases, each taking its input from a variable, with `allOrNone: false`. Answers as the
     * GraphQL API does: `data.uiapi.<alias>` with the new record's Id, or null and an error
     * naming the alias. Anything else is refused as the API refuses a document it cannot run.
     */
    mutate(query: unknown, variables: Record<string, unknown> = {}): { data?: unknown; errors?: unknown[] } {
        const text = String(query ?? '');
        const operations = [...text.matchAll(/(\w+)\s*:\s*(\w+)Create\s*\(\s*input\s*:\s*\$(\w+)\s*\)/g)];
        if (!/^\s*mutation\b/.test(text) || !/allOrNone\s*:\s*false/.test(text) || operations.length === 0)
            return { errors: [{ message: 'The workbench runs record creates with allOrNone: false only.' }] };
        this.stats.mutations += 1;
        const uiapi: Record<string, unknown> = {};
        const errors: unknown[] = [];
        for (const [, alias, apiName, variable] of operations) {
            const input = variables[variable] as Record<string, Record<string, unknown>> | undefined;
            const outcome = this.create(apiName, input?.[apiName] ?? {});
            if (outcome.ok) {
                uiapi[alias] = { Record: { Id: outcome.record.Id } };
                continue;
            }
            uiapi[alias] = null;
            const [first] = Array.isArray(outcome.body) ? (outcome.body as { message?: string }[]) : [];
            errors.push({
                message: first?.message ?? 'refused',
                paths: ['uiapi', alias],
                extensions: { detail: outcome.body }
            });
        }
        return errors.length ? { data: { uiapi }, errors } : { data: { uiapi } };
    }

    /** Makes the org behave again. */
    clearFaults(): void {
        this.faults = { ...NO_FAULTS, rejectFields: [] };
    }

    /** Forgets every record (the workbench's Clear button, tests). */
    reset(): void {
        this.deployedMappings.clear();
        this.events.length = 0;
        this.records.clear();
        this.taskRecords.clear();
        this.taskCounter = 0;
        this.byLogKey.clear();
        for (const id of this.createdContacts.keys()) {
            const i = this.directory.findIndex((r) => r.recordId === id);
            if (i >= 0) this.directory.splice(i, 1);
        }
        this.createdContacts.clear();
        for (const key of Object.keys(this.stats) as (keyof typeof this.stats)[]) this.stats[key] = 0;
        if (this.file && existsSync(this.file)) rmSync(this.file);
    }

    private lock(): WriteOutcome | undefined {
        if (this.faults.lockNextWrites > 0) {
            this.faults.lockNextWrites -= 1;
            return this.refuse(
                400,
                recordError(
                    [
                        {
                            errorCode: 'UNABLE_TO_LOCK_ROW',
                            message: 'unable to obtain exclusive access to this record or 1 records'
                        }
                    ],
                    {}
                )
            );
        }
        return undefined;
    }

    private refuse(status: number, body: UiApiErrorBody | { errorCode: string; message: string }[]): WriteOutcome {
        this.stats.refused += 1;
        return { ok: false, status, body };
    }

    /** The checks Salesforce makes on a record write, with its error codes. */
    private validate(
        fields: Record<string, unknown>,
        existing: StoredRecord | undefined,
        apiName: string
    ): WriteOutcome | undefined {
        const schema = apiName === TASK_SCHEMA.apiName ? TASK_SCHEMA : this.schema;
        const errors: { errorCode: string; message: string; field?: string }[] = [];
        const fieldErrors: Record<string, { errorCode: string; field: string; message: string }[]> = {};
        const fieldError = (name: string, errorCode: string, message: string) => {
            (fieldErrors[name] ??= []).push({ errorCode, field: name, message });
        };
        for (const [name, value] of Object.entries(fields)) {
            const field = Object.prototype.hasOwnProperty.call(schema.fields, name) ? schema.fields[name] : undefined;
            if (!field || this.faults.rejectFields.includes(name)) {
                errors.push({
                    errorCode: 'INVALID_FIELD',
                    message: `No such column '${name}' on sobject of type ${apiName}`
                });
                continue;
            }
            if (field.calculated || !field.createable || (existing && field.updateable === false)) {
                fieldError(
                    name,
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`
                );
                continue;
            }
            const was = existing?.fields[name];
            if (
                apiName === OBJECT &&
                existing &&
                EVIDENCE.includes(name) &&
                was !== undefined &&
                was !== null &&
                was !== value
            ) {
                fieldError(name, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', EVIDENCE_WRITTEN_ONCE);
                continue;
            }
            if (value === null || value === undefined) continue;
            const problem = checkValue(field, value);
            if (problem) fieldError(name, problem.code, `${field.label ?? name}: ${problem.message}`);
        }
        const name = fields.Name ?? existing?.fields.Name;
        if (apiName === OBJECT && (name === undefined || name === null || name === '')) {
            fieldError('Name', 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]');
        }
        const key = fields.Log_Key__c;
        if (typeof key === 'string') {
            const holder = this.byLogKey.get(key);
            if (holder && holder !== existing?.Id) {
                errors.push({
                    errorCode: 'DUPLICATE_VALUE',
                    message: `duplicate value found: Log_Key__c duplicates value on record with id: ${holder}`
                });
            }
        }
        if (errors.length === 0 && Object.keys(fieldErrors).length === 0) return undefined;
        return this.refuse(400, recordError(errors, fieldErrors));
    }

    private nextId(): string {
        this.counter += 1;
        return nextId(KEY_PREFIX, this.counter);
    }

    private store(record: StoredRecord): void {
        this.index(record);
        if (this.file) appendFileSync(this.file, JSON.stringify(record) + '\n');
    }

    private index(record: StoredRecord): void {
        if (record.apiName === TASK_SCHEMA.apiName) {
            this.taskRecords.set(record.Id, record);
            return;
        }
        const previous = this.records.get(record.Id);
        const oldKey = previous?.fields.Log_Key__c;
        if (typeof oldKey === 'string' && this.byLogKey.get(oldKey) === record.Id) this.byLogKey.delete(oldKey);
        this.records.set(record.Id, record);
        const key = record.fields.Log_Key__c;
        if (typeof key === 'string') this.byLogKey.set(key, record.Id);
    }

    private replay(): void {
        if (!this.file || !existsSync(this.file)) return;
        for (const line of readFileSync(this.file, 'utf8').split('\n')) {
            if (!line.trim()) continue;
            try {
                const record = JSON.parse(line) as StoredRecord;
                this.index(record);
            } catch {
                // A torn last line after a crash: the records before it are intact.
            }
        }
        this.counter = this.records.size;
        while (this.records.has(this.peekId())) this.counter += 1;
        this.taskCounter = this.taskRecords.size;
    }

    private peekId(): string {
        const saved = this.counter;
        const id = this.nextId();
        this.counter = saved;
        return id;
    }
}

/** A record id: the key prefix, a base-62 counter, and the case-checking suffix. */
function nextId(prefix: string, counter: number): string {
    let n = counter;
    let body = '';
    for (let i = 0; i < 12; i += 1) {
        body = ID_CHARS[n % 62] + body;
        n = Math.floor(n / 62);
    }
    return normalizeRecordId(prefix + body) as string;
}

function recordError(
    errors: UiApiErrorBody['output']['errors'],
    fieldErrors: UiApiErrorBody['output']['fieldErrors']
): UiApiErrorBody {
    const first = errors[0]?.message ?? Object.values(fieldErrors)[0]?.[0]?.message ?? 'Bad request';
    return { message: first, enhancedErrorType: 'RecordError', output: { errors, fieldErrors } };
}

const TEXT_TYPES = new Set(['String', 'ComboBox', 'TextArea', 'Phone', 'Email', 'Url', 'EncryptedString']);

/** One value against one field, as the platform checks it. */
export function checkValue(field: FieldSchema, value: unknown): { code: string; message: string } | undefined {
    const type = field.dataType;
    const wrongType = () => ({
        code: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
        message: `value not of required type: ${JSON.stringify(value).slice(0, 80)}`
    });
    if (TEXT_TYPES.has(type) || type === 'Picklist' || type === 'MultiPicklist') {
        if (typeof value !== 'string') return wrongType();
        const max = field.length ?? 255;
        if (value.length > max) {
            return {
                code: 'STRING_TOO_LONG',
                message: `data value too large: ${value.slice(0, 40)}... (max length=${max})`
            };
        }
        if ((type === 'Picklist' || type === 'MultiPicklist') && field.restrictedPicklist) {
            for (const item of type === 'MultiPicklist' ? value.split(';') : [value]) {
                if (!(field.picklistValues ?? []).includes(item)) {
                    return {
                        code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        message: `bad value for restricted picklist field: ${item}`
                    };
                }
            }
        }
        return undefined;
    }
    switch (type) {
        case 'Double':
        case 'Int':
        case 'Currency':
        case 'Percent': {
            if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType();
            const digits = Math.trunc(Math.abs(value)).toString().length;
            const allowed = (field.precision ?? 18) - (field.scale ?? 0);
            return digits > allowed
                ? {
                      code: 'NUMBER_OUTSIDE_VALID_RANGE',
                      message: `value outside of valid range on numeric field: ${value}`
                  }
                : undefined;
        }
        case 'Boolean':
            return typeof value === 'boolean' ? undefined : wrongType();
        case 'DateTime':
            return typeof value === 'string' &&
                /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
                !Number.isNaN(Date.parse(value))
                ? undefined
                : wrongType();
        case 'Date':
            return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : wrongType();
        case 'Time':
            return typeof value === 'string' && /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/.test(value)
                ? undefined
                : wrongType();
        case 'Reference': {
            if (typeof value !== 'string') return wrongType();
            const id = normalizeRecordId(value);
            if (!id) return { code: 'MALFORMED_ID', message: `id value of incorrect type: ${value}` };
            const prefixes = (field.referenceTo ?? []).map((r) => r.keyPrefix);
            return prefixes.includes(id.slice(0, 3))
                ? undefined
                : { code: 'FIELD_INTEGRITY_EXCEPTION', message: `id value of incorrect type: ${value}` };
        }
        default:
            return wrongType();
    }
}
