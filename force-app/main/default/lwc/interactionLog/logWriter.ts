/**
 * logWriter: writes one prepared log to Salesforce, exactly once, then its Task.
 *
 * - Creates the record; when Salesforce answers DUPLICATE_VALUE on Log_Key__c (a
 *   redelivered message, a second tab), finds that record and updates it instead.
 * - When Salesforce refuses fields, writes again once without them, with the reasons in
 *   Mapping_Warnings__c, so the log is in Salesforce even when a mapping is wrong.
 * - Never throws: every outcome is a WriteResult, transient (retry later) or needing a
 *   person, in words for the agent and in detail for the admin.
 *
 * The org calls are passed in (OrgApi), so this module has no Salesforce imports.
 */
import { applyWarnings } from './logMapper';
import { mirrorTask, type TaskMirror } from './taskMirror';
import {
    describeError,
    duplicateLogKey,
    failureOf,
    isTransient,
    normalizeSaveError,
    rejectedFields,
    type SaveError
} from './saveErrors';
import {
    FIELD,
    fieldOf,
    TARGET_OBJECT,
    updatableFields,
    WRITTEN_ONCE,
    type FieldValue,
    type ObjectSchema
} from './logSchema';
import type { FieldMapping } from './mappingLayers';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

/** The calls the save path makes to the org: Lightning Data Service writes and two Apex look-ups. */
export interface OrgApi {
    createRecord(input: { apiName: string; fields: Record<string, FieldValue> }): Promise<{ id: string }>;
    updateRecord(input: { fields: Record<string, FieldValue | null> }): Promise<{ id: string }>;
    /** The record holding a log key, when the duplicate error does not name it (Apex, user mode). */
    findRecordIdByLogKey(logKey: string): Promise<string | null | undefined>;
    /** The Task that mirrors a log (Task_Id__c), or nothing (Apex, user mode). */
    findTaskIdForLog(logId: string): Promise<string | null | undefined>;
    /** How many saves may wait on these calls at once (orgRequests); three when not said. */
    readonly capacity?: number;
}

export interface WriterConfig {
    schema: ObjectSchema;
    mappings: readonly FieldMapping[];
    userId?: string;
    storeRawPayload: boolean;
    /** An agent's custom field entry replaces a mapped value (default) or the mapping wins. */
    customFieldsWin?: boolean;
    /** Present when the setting Create Task is on. */
    task?: TaskMirror;
}

/** What one body becomes before any network call: the log's fields and warnings, and its Task's fields. */
export interface PreparedLog {
    fields: Record<string, FieldValue>;
    warnings: string[];
    /** The mirroring Task's fields, when the activity mirror is on. */
    taskFields?: Record<string, FieldValue>;
}

/** What an earlier save of the same message left to know. */
export interface SaveHints {
    /** The log record an earlier save of this message made or found. */
    recordId?: string;
    /** The log is saved but its Task is not yet: the mirror failed last time. */
    taskPending?: boolean;
    /** A Task created last time whose link to the log was not saved. */
    taskId?: string;
}

export type WriteResult =
    | {
          ok: true;
          recordId: string;
          created: boolean;
          /** The fields written, after any Salesforce refused. */
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
          resume?: { recordId: string; taskPending: boolean; taskId?: string };
      };

type Written<T> =
    | { ok: true; value: T; fields: Record<string, FieldValue>; refused: Map<string, string> }
    | { ok: false; error: SaveError; detail: string };

/**
 * The one "write again without the refused fields" path, for logs and Tasks alike: a
 * write Salesforce refuses for named fields is tried once more without them.
 */
export async function writeDroppingRefused<T>(
    fields: Record<string, FieldValue>,
    write: (fields: Record<string, FieldValue>) => Promise<T>,
    onRefused: (reduced: Record<string, FieldValue>, refused: Map<string, string>) => void = () => undefined
): Promise<Written<T>> {
    let first: SaveError;
    try {
        return { ok: true, value: await write(fields), fields, refused: new Map() };
    } catch (raw) {
        first = normalizeSaveError(raw);
    }
    const refused = isTransient(first) ? new Map<string, string>() : rejectedFields(first, fields);
    if (refused.size === 0) return { ok: false, error: first, detail: describeError(first) };
    const reduced = Object.fromEntries(Object.entries(fields).filter(([name]) => !refused.has(name)));
    onRefused(reduced, refused);
    try {
        return { ok: true, value: await write(reduced), fields: reduced, refused };
    } catch (raw) {
        const second = normalizeSaveError(raw);
        return {
            ok: false,
            error: second,
            detail: `${describeError(first)}\nAfter removing ${[...refused.keys()].join(', ')}:\n${describeError(second)}`
        };
    }
}

function isGone(raw: unknown): boolean {
    const error = normalizeSaveError(raw);
    const codes = [...error.errors, ...Object.values(error.fieldErrors).flat()].map((x) => x.code);
    return (
        error.status === 404 ||
        codes.some((c) => c === 'ENTITY_IS_DELETED' || c === 'INVALID_ID_FIELD' || c === 'NOT_FOUND')
    );
}

/**
 * The fields of an update of a log: what the user may change, without the evidence written
 * once at creation (WRITTEN_ONCE; the org's InteractionLogEvidence trigger refuses changes
 * to it). The times stay: a redelivery may fill one that was empty.
 */
function logUpdate(fields: Record<string, FieldValue>, schema: ObjectSchema, recordId: string) {
    const update = updatableFields(fields, schema, recordId);
    for (const name of WRITTEN_ONCE) delete update[name];
    return update;
}

/**
 * Creates the log, or updates the record it already has: the one known from an earlier
 * save, or the one holding its log key. Throws what Salesforce answered.
 */
async function upsertLog(
    fields: Record<string, FieldValue>,
    schema: ObjectSchema,
    api: OrgApi,
    knownRecordId: string | undefined
): Promise<{ recordId: string; created: boolean }> {
    const update = async (id: string) => ({
        recordId: (await api.updateRecord({ fields: logUpdate(fields, schema, id) })).id ?? id,
        created: false
    });
    if (knownRecordId) {
        try {
            return await update(knownRecordId);
        } catch (raw) {
            // The record was deleted since: create it again.
            if (!isGone(raw)) throw raw;
        }
    }
    try {
        return {
            recordId: (await api.createRecord({ apiName: schema.apiName || TARGET_OBJECT, fields })).id,
            created: true
        };
    } catch (raw) {
        const duplicate = duplicateLogKey(normalizeSaveError(raw));
        const logKey = fields[FIELD.logKey];
        if (!duplicate || typeof logKey !== 'string') throw raw;
        const existingId = duplicate.recordId ?? (await api.findRecordIdByLogKey(logKey)) ?? undefined;
        if (!existingId) throw raw;
        return update(existingId);
    }
}

/**
 * Writes one prepared log, then (when the setting says so) its Task in the Activity
 * timeline. A Task that fails never loses the log: the result says where to resume, and
 * the next attempt finishes the Task.
 */
export async function writeInteractionLog(
    log: PreparedLog,
    config: WriterConfig,
    api: OrgApi,
    hints: SaveHints = {}
): Promise<WriteResult> {
    try {
        if (typeof log.fields[FIELD.logKey] !== 'string' && fieldOf(config.schema, FIELD.logKey)) {
            return {
                ok: false,
                transient: false,
                message: LABELS.saveNoInteractionId,
                detail: log.warnings.join('\n')
            };
        }
        const warnings = [...log.warnings];
        const written = await writeDroppingRefused(
            log.fields,
            (fields) => upsertLog(fields, config.schema, api, hints.recordId),
            (reduced, refused) => {
                for (const [name, reason] of refused)
                    warnings.push(`${name}: Salesforce refused the value (${reason})`);
                applyWarnings(reduced, warnings, config.schema);
            }
        );
        if (!written.ok) return { ok: false, ...failureOf(written.error, written.detail) };
        const saved = { ok: true as const, ...written.value, fields: written.fields, warnings };
        if (!config.task || !log.taskFields) return saved;
        const mirror = await mirrorTask(log.taskFields, saved, config.task, api, hints);
        if (mirror.ok) return { ...saved, taskId: mirror.taskId };
        return {
            ok: false,
            transient: mirror.transient,
            message: formatLabel(LABELS.saveTaskPending, mirror.message),
            detail: mirror.detail,
            resume: { recordId: saved.recordId, taskPending: true, taskId: mirror.taskId }
        };
    } catch (unexpected) {
        return {
            ok: false,
            transient: true,
            message: LABELS.saveRetryLater,
            detail: unexpected instanceof Error ? `${unexpected.name}: ${unexpected.message}` : String(unexpected)
        };
    }
}
