/**
 * interactionLogWriter: saves one log through Lightning Data Service, exactly once.
 *
 * - Maps the body with the mapper, using the real object schema (getObjectInfo plus the
 *   picklist and key-prefix facts the Apex controller describes).
 * - Creates the record; when Salesforce answers DUPLICATE_VALUE on Log_Key__c (a
 *   redelivered message, a second tab), finds that record and updates it instead.
 * - When Salesforce refuses fields, saves again once without them, with the errors in
 *   Mapping_Warnings__c and the raw payload kept, so the log is in Salesforce even when a
 *   mapping is wrong.
 * - Says whether a failure is transient (retry later) or needs a person, in words for the
 *   agent and in detail for the admin.
 *
 * The LDS functions are passed in, so this module has no Salesforce imports.
 */
import {
    applyWarnings,
    FIELD,
    FIELD_DATA_TYPES,
    mapInteractionLog,
    TARGET_OBJECT,
    type FieldDataType,
    type FieldMapping,
    type FieldSchema,
    type FieldValue,
    type ObjectSchema
} from 'c/interactionLogMapper';

export interface LdsAdapter {
    createRecord(input: { apiName: string; fields: Record<string, FieldValue> }): Promise<{ id: string }>;
    updateRecord(input: { fields: Record<string, FieldValue | null> }): Promise<{ id: string }>;
    /** Finds the record holding a log key (Apex, with sharing) when the duplicate error does not name it. */
    findRecordIdByLogKey(logKey: string): Promise<string | null | undefined>;
    /** The Task that mirrors a log (Task_Id__c), or nothing (Apex, with sharing). */
    findTaskIdForLog(logId: string): Promise<string | null | undefined>;
}

/** The activity mirror, present when the setting Create Task is on. */
export interface TaskMirror {
    /** The Task object as getObjectInfo describes it, with the controller's picklist facts. */
    schema: ObjectSchema;
}

export interface WriterConfig {
    schema: ObjectSchema;
    mappings: readonly FieldMapping[];
    userId?: string;
    storeRawPayload: boolean;
    task?: TaskMirror;
}

/** What an earlier save of the same message left to know. */
export interface SaveHints {
    /** The log record an earlier save of this message made or found. */
    recordId?: string;
    /** The log is saved but its Task is not yet: the mirror failed last time. */
    taskPending?: boolean;
    /** A Task created last time whose link to the log was not saved. */
    taskId?: string;
    /** The body as the outbox stored it, kept as the raw payload. */
    bodyJson?: string;
}

export type WriteResult =
    | {
          ok: true;
          recordId: string;
          created: boolean;
          fields: Record<string, FieldValue>;
          warnings: string[];
          /** The mirroring Task, when the activity mirror is on. */
          taskId?: string;
      }
    | {
          ok: false;
          transient: boolean;
          message: string;
          detail: string;
          /** Set when the log is saved and only its Task is missing: where to resume. */
          resume?: Required<Pick<SaveHints, 'recordId' | 'taskPending'>> & Pick<SaveHints, 'taskId'>;
      };

// ---------------------------------------------------------------------------
// Schema from the UI API
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

/** Builds the mapper's object schema from getObjectInfo and the controller's describe extras. */
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

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export interface SaveError {
    status?: number;
    network: boolean;
    /** Errors not tied to a field. */
    errors: { code: string; message: string; field?: string }[];
    /** Errors tied to a field, by field API name. */
    fieldErrors: Record<string, { code: string; message: string }[]>;
}

const TRANSIENT_CODES = new Set([
    'UNABLE_TO_LOCK_ROW',
    'INVALID_SESSION_ID',
    'SERVER_UNAVAILABLE',
    'SERVICE_UNAVAILABLE',
    'REQUEST_LIMIT_EXCEEDED',
    'REQUEST_RUNNING_TOO_LONG',
    'QUERY_TIMEOUT',
    'CONCURRENT_REQUESTS_LIMIT_EXCEEDED'
]);

function asRecord(value: unknown): Record<string, unknown> | undefined {
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string {
    return typeof value === 'string' ? value : '';
}

/**
 * Reads whatever LDS rejected with (a UI API FetchResponse with a RecordError body, an
 * array of errors, or a plain Error when the network failed) into one shape.
 */
export function normalizeSaveError(error: unknown): SaveError {
    const result: SaveError = { network: false, errors: [], fieldErrors: {} };
    const e = asRecord(error);
    if (!e) {
        result.network = true;
        result.errors.push({ code: 'UNKNOWN', message: String(error) });
        return result;
    }
    if (typeof e.status === 'number') result.status = e.status;
    const addError = (item: unknown): void => {
        const r = asRecord(item);
        if (!r) return;
        const field = text(r.field) || undefined;
        const entry = { code: text(r.errorCode) || 'UNKNOWN', message: text(r.message) };
        if (field) {
            (result.fieldErrors[field] ??= []).push(entry);
        } else {
            result.errors.push(entry);
        }
    };
    const body = e.body;
    if (Array.isArray(body)) {
        body.forEach(addError);
    } else if (asRecord(body)) {
        const b = body as Record<string, unknown>;
        const output = asRecord(b.output);
        if (output) {
            (Array.isArray(output.errors) ? output.errors : []).forEach(addError);
            for (const [field, list] of Object.entries(asRecord(output.fieldErrors) ?? {})) {
                (Array.isArray(list) ? list : []).forEach((item) => addError({ ...asRecord(item), field }));
            }
        }
        for (const [field, list] of Object.entries(asRecord(b.fieldErrors) ?? {})) {
            (Array.isArray(list) ? list : []).forEach((item) => addError({ ...asRecord(item), field }));
        }
        (Array.isArray(b.pageErrors) ? b.pageErrors : []).forEach((item) =>
            addError({ ...asRecord(item), field: undefined })
        );
        if (result.errors.length === 0 && Object.keys(result.fieldErrors).length === 0) {
            result.errors.push({
                code: text(b.errorCode) || 'UNKNOWN',
                message: text(b.message) || text(e.statusText)
            });
        }
    } else {
        // No response body: the request never reached Salesforce (offline, DNS, aborted).
        result.network = result.status === undefined || result.status === 0;
        result.errors.push({
            code: result.network ? 'NETWORK' : 'UNKNOWN',
            message: text(e.message) || text(e.statusText) || 'No response'
        });
    }
    return result;
}

function allErrors(error: SaveError): { code: string; message: string; field?: string }[] {
    return [
        ...error.errors,
        ...Object.entries(error.fieldErrors).flatMap(([field, list]) => list.map((x) => ({ ...x, field })))
    ];
}

export function isTransient(error: SaveError): boolean {
    if (error.network) return true;
    if (error.status !== undefined && (error.status >= 500 || error.status === 401 || error.status === 429))
        return true;
    return allErrors(error).some((x) => TRANSIENT_CODES.has(x.code));
}

/** The id of the record already holding this log key, when the error is a Log_Key__c duplicate. */
export function duplicateLogKey(error: SaveError): { recordId?: string } | undefined {
    const dup = allErrors(error).find((x) => x.code === 'DUPLICATE_VALUE');
    if (!dup) return undefined;
    // Salesforce says "duplicate value found: Log_Key__c duplicates value on record with id: …".
    if (dup.field && dup.field !== FIELD.logKey) return undefined;
    if (!dup.field && /\w+__c\b/.test(dup.message) && !dup.message.includes(FIELD.logKey)) return undefined;
    const match = /record with id:\s*([a-zA-Z0-9]{15,18})/i.exec(dup.message);
    return { recordId: match ? match[1] : undefined };
}

/** Fields Salesforce refused, with the reason for each; `INVALID_FIELD` names the field in its message. */
export function rejectedFields(error: SaveError, sent: Record<string, unknown>): Map<string, string> {
    const rejected = new Map<string, string>();
    for (const x of allErrors(error)) {
        let field = x.field;
        if (!field) {
            const named = /'([A-Za-z0-9_]+)'|\b([A-Za-z0-9_]+__c)\b/.exec(x.message);
            const candidate = named ? (named[1] ?? named[2]) : undefined;
            if (candidate && Object.prototype.hasOwnProperty.call(sent, candidate)) field = candidate;
        }
        if (field && Object.prototype.hasOwnProperty.call(sent, field) && !rejected.has(field)) {
            rejected.set(field, `${x.code}: ${x.message}`.trim());
        }
    }
    return rejected;
}

function describeError(error: SaveError): string {
    const lines = allErrors(error).map(
        (x) => `${x.field ? x.field + ': ' : ''}${x.code}${x.message ? ' - ' + x.message : ''}`
    );
    return [error.status !== undefined ? `HTTP ${error.status}` : '', ...lines].filter(Boolean).join('\n');
}

/** One short sentence for the agent. */
export function agentMessage(error: SaveError): string {
    const codes = new Set(allErrors(error).map((x) => x.code));
    if (error.network)
        return 'Salesforce cannot be reached. The log is kept and will be saved when the connection is back.';
    if (error.status === 401 || codes.has('INVALID_SESSION_ID')) {
        return 'Your Salesforce session has expired. Log in again; the log is kept and will be saved.';
    }
    if (codes.has('UNABLE_TO_LOCK_ROW')) return 'The record is busy. The log will be saved in a moment.';
    if (isTransient(error)) return 'Salesforce is not answering right now. The log is kept and will be retried.';
    const first = allErrors(error)[0];
    const reason = first?.message ? first.message.replace(/\s+/g, ' ').slice(0, 160) : 'Salesforce refused it';
    return `The log could not be saved: ${reason}. Retry it from the pending logs panel, or ask your admin.`;
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

function forUpdate(
    fields: Record<string, FieldValue>,
    schema: ObjectSchema,
    recordId: string
): Record<string, FieldValue | null> {
    const out: Record<string, FieldValue | null> = { Id: recordId };
    for (const [name, value] of Object.entries(fields)) {
        const f = schema.fields[name];
        if (f && f.updateable === false) continue;
        out[name] = value;
    }
    // A redelivery that maps cleanly clears the warnings of an earlier delivery.
    if (
        !(FIELD.warnings in fields) &&
        schema.fields[FIELD.warnings]?.updateable !== false &&
        schema.fields[FIELD.warnings]
    ) {
        out[FIELD.warnings] = null;
    }
    return out;
}

type Attempt = { ok: true; recordId: string; created: boolean } | { ok: false; error: SaveError };

async function attempt(
    fields: Record<string, FieldValue>,
    config: WriterConfig,
    lds: LdsAdapter,
    knownRecordId: string | undefined
): Promise<Attempt> {
    if (knownRecordId) {
        try {
            const updated = await lds.updateRecord({ fields: forUpdate(fields, config.schema, knownRecordId) });
            return { ok: true, recordId: updated.id ?? knownRecordId, created: false };
        } catch (raw) {
            const error = normalizeSaveError(raw);
            const gone = allErrors(error).some(
                (x) => x.code === 'ENTITY_IS_DELETED' || x.code === 'INVALID_ID_FIELD' || x.code === 'NOT_FOUND'
            );
            if (!gone && error.status !== 404) return { ok: false, error };
            // The record was deleted since: create it again.
        }
    }
    try {
        const created = await lds.createRecord({ apiName: config.schema.apiName || TARGET_OBJECT, fields });
        return { ok: true, recordId: created.id, created: true };
    } catch (raw) {
        const error = normalizeSaveError(raw);
        const duplicate = duplicateLogKey(error);
        const logKey = fields[FIELD.logKey];
        if (!duplicate || typeof logKey !== 'string') return { ok: false, error };
        let existingId = duplicate.recordId;
        if (!existingId) {
            try {
                existingId = (await lds.findRecordIdByLogKey(logKey)) ?? undefined;
            } catch (lookupError) {
                return { ok: false, error: normalizeSaveError(lookupError) };
            }
        }
        if (!existingId) return { ok: false, error };
        try {
            const updated = await lds.updateRecord({ fields: forUpdate(fields, config.schema, existingId) });
            return { ok: true, recordId: updated.id ?? existingId, created: false };
        } catch (updateError) {
            return { ok: false, error: normalizeSaveError(updateError) };
        }
    }
}

/**
 * Saves one log body, then (when the setting says so) its Task in the Activity timeline.
 * Never throws: every outcome is a WriteResult. A Task that fails never loses the log: the
 * result says where to resume, and the next attempt finishes the Task.
 */
export async function writeInteractionLog(
    body: unknown,
    config: WriterConfig,
    lds: LdsAdapter,
    hints: SaveHints = {}
): Promise<WriteResult> {
    const log = await saveLog(body, config, lds, hints.recordId, hints.bodyJson);
    if (!log.ok || !config.task) return log;
    const mirror = await mirrorTask(body, log, config.task, config, lds, hints);
    if (mirror.ok) return { ...log, taskId: mirror.taskId };
    return {
        ok: false,
        transient: mirror.transient,
        message: `The log is saved, but its Activity timeline entry is not yet: ${mirror.message}`,
        detail: mirror.detail,
        resume: { recordId: log.recordId, taskPending: true, taskId: mirror.taskId }
    };
}

async function saveLog(
    body: unknown,
    config: WriterConfig,
    lds: LdsAdapter,
    knownRecordId?: string,
    bodyJson?: string
): Promise<WriteResult> {
    try {
        const mapped = mapInteractionLog(body, config.mappings, config.schema, {
            userId: config.userId,
            storeRawPayload: config.storeRawPayload,
            bodyJson
        });
        if (typeof mapped.fields[FIELD.logKey] !== 'string' && config.schema.fields[FIELD.logKey]) {
            return {
                ok: false,
                transient: false,
                message: 'The log has no interaction id, so it cannot be saved.',
                detail: mapped.warnings.join('\n')
            };
        }
        const fields = mapped.fields;
        const warnings = [...mapped.warnings];
        const first = await attempt(fields, config, lds, knownRecordId);
        if (first.ok) return { ok: true, recordId: first.recordId, created: first.created, fields, warnings };
        if (isTransient(first.error)) {
            return {
                ok: false,
                transient: true,
                message: agentMessage(first.error),
                detail: describeError(first.error)
            };
        }
        const rejected = rejectedFields(first.error, fields);
        if (rejected.size === 0) {
            return {
                ok: false,
                transient: false,
                message: agentMessage(first.error),
                detail: describeError(first.error)
            };
        }
        // Save again without the refused fields, saying why in Mapping_Warnings__c.
        const reduced: Record<string, FieldValue> = {};
        for (const [name, value] of Object.entries(fields)) {
            if (!rejected.has(name)) reduced[name] = value;
        }
        for (const [name, reason] of rejected) warnings.push(`${name}: Salesforce refused the value (${reason})`);
        applyWarnings(reduced, warnings, config.schema);
        const second = await attempt(reduced, config, lds, knownRecordId);
        if (second.ok) {
            return { ok: true, recordId: second.recordId, created: second.created, fields: reduced, warnings };
        }
        return {
            ok: false,
            transient: isTransient(second.error),
            message: agentMessage(second.error),
            detail: `${describeError(first.error)}\nAfter removing ${[...rejected.keys()].join(', ')}:\n${describeError(second.error)}`
        };
    } catch (unexpected) {
        return {
            ok: false,
            transient: true,
            message: 'The log could not be saved yet; it will be retried.',
            detail: unexpected instanceof Error ? `${unexpected.name}: ${unexpected.message}` : String(unexpected)
        };
    }
}

// ---------------------------------------------------------------------------
// The activity mirror
// ---------------------------------------------------------------------------

type SavedLog = Extract<WriteResult, { ok: true }>;
type MirrorResult =
    { ok: true; taskId?: string } | { ok: false; transient: boolean; message: string; detail: string; taskId?: string };

function referenceAccepts(field: FieldSchema | undefined, id: FieldValue | undefined): id is string {
    return (
        typeof id === 'string' &&
        Boolean(field?.createable) &&
        (field?.referenceTo ?? []).some((t) => t.keyPrefix === id.slice(0, 3))
    );
}

/** The Task's fields: its mapping records, then the log's Who, What, duration and outcome. */
export function taskFields(
    body: unknown,
    log: SavedLog,
    mirror: TaskMirror,
    config: WriterConfig
): Record<string, FieldValue> {
    const task = mirror.schema.fields;
    const fields = mapInteractionLog(body, config.mappings, mirror.schema).fields;
    const put = (name: string, value: FieldValue | undefined) => {
        if (value !== undefined && task[name]?.createable && fields[name] === undefined) fields[name] = value;
    };
    const logFields = log.fields;
    put('Subject', logFields[FIELD.name]);
    put('Status', 'Completed');
    put('TaskSubtype', logFields[FIELD.channel] === 'Voice' ? 'Call' : 'Task');
    const lookups = Object.values(config.schema.fields).filter(
        (f) => f.dataType === 'Reference' && f.apiName.endsWith('__c')
    );
    const who = lookups.map((f) => logFields[f.apiName]).find((id) => referenceAccepts(task.WhoId, id));
    const what = lookups.map((f) => logFields[f.apiName]).find((id) => referenceAccepts(task.WhatId, id));
    put('WhoId', who);
    put('WhatId', what);
    const established = Date.parse(String(logFields.Established_Time__c ?? ''));
    const ended = Date.parse(String(logFields[FIELD.endTime] ?? ''));
    if (Number.isFinite(established) && Number.isFinite(ended) && ended >= established) {
        put('CallDurationInSeconds', Math.round((ended - established) / 1000));
    }
    return fields;
}

/**
 * Creates or updates the Task that mirrors a saved log, idempotent by the log: only the save
 * that created the log (or one resuming a failed mirror) creates a Task; every other save
 * updates the Task the log names in Task_Id__c.
 */
async function mirrorTask(
    body: unknown,
    log: SavedLog,
    mirror: TaskMirror,
    config: WriterConfig,
    lds: LdsAdapter,
    hints: SaveHints
): Promise<MirrorResult> {
    const fail = (raw: unknown, taskId?: string): MirrorResult => {
        const error = normalizeSaveError(raw);
        return {
            ok: false,
            transient: isTransient(error),
            message: agentMessage(error),
            detail: describeError(error),
            taskId
        };
    };
    const mayCreate = log.created || hints.taskPending === true;
    let taskId = hints.taskId;
    // A Task the log already names needs no link; a new one, or one created last time, does.
    let linked = false;
    if (!taskId && !log.created) {
        try {
            taskId = (await lds.findTaskIdForLog(log.recordId)) ?? undefined;
        } catch (error) {
            return fail(error);
        }
        linked = Boolean(taskId);
    }
    if (!taskId && !mayCreate) return { ok: true };
    const fields = taskFields(body, log, mirror, config);
    const write = async (values: Record<string, FieldValue>): Promise<string> => {
        if (taskId) {
            const update: Record<string, FieldValue> = { Id: taskId };
            for (const [name, value] of Object.entries(values))
                if (mirror.schema.fields[name]?.updateable !== false) update[name] = value;
            return (await lds.updateRecord({ fields: update })).id ?? taskId;
        }
        return (await lds.createRecord({ apiName: mirror.schema.apiName || 'Task', fields: values })).id;
    };
    let saved: string;
    try {
        saved = await write(fields);
    } catch (raw) {
        const rejected = rejectedFields(normalizeSaveError(raw), fields);
        if (rejected.size === 0) return fail(raw, taskId);
        const reduced = Object.fromEntries(Object.entries(fields).filter(([name]) => !rejected.has(name)));
        try {
            saved = await write(reduced);
        } catch (again) {
            return fail(again, taskId);
        }
    }
    if (!linked) {
        try {
            await lds.updateRecord({ fields: { Id: log.recordId, [FIELD.taskId]: saved } });
        } catch (error) {
            return fail(error, saved);
        }
    }
    return { ok: true, taskId: saved };
}
