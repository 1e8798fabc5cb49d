/**
 * taskMirror: the log's entry in the Activity timeline, a completed Task (when the
 * setting Create Task is on). Its fields are prepared with the log's, before any network
 * call; writing it is idempotent by the log: only the save that created the log (or one
 * resuming a failed mirror) creates a Task, every other save updates the Task the log
 * names in Task_Id__c.
 */
import { mapBody } from './logMapper';
import type { InteractionLogBody } from './logBody';
import { FIELD, fieldOf, updatableFields, type FieldSchema, type FieldValue, type ObjectSchema } from './logSchema';
import { failureOf, normalizeSaveError, type SaveFailure } from './saveErrors';
import type { FieldMapping } from './mappingLayers';
import type { OrgApi, SaveHints } from './logWriter';
import { writeDroppingRefused } from './logWriter';

export interface TaskMirror {
    /** The Task object as getObjectInfo describes it, with the controller's picklist facts. */
    schema: ObjectSchema;
}

type MirrorResult = { ok: true; taskId?: string } | ({ ok: false; taskId?: string } & SaveFailure);

function referenceAccepts(field: FieldSchema | undefined, id: FieldValue | undefined): id is string {
    return (
        typeof id === 'string' &&
        Boolean(field?.createable) &&
        (field?.referenceTo ?? []).some((t) => t.keyPrefix === id.slice(0, 3))
    );
}

/** The Task's fields: its mapping records, then the log's Who, What, duration and outcome. */
export function taskFields(
    body: InteractionLogBody,
    logFields: Readonly<Record<string, FieldValue>>,
    logSchema: ObjectSchema,
    mirror: TaskMirror,
    mappings: readonly FieldMapping[]
): Record<string, FieldValue> {
    const task = mirror.schema;
    const fields = mapBody(body, mappings, task).fields;
    const put = (name: string, value: FieldValue | undefined) => {
        if (value !== undefined && fieldOf(task, name)?.createable && fields[name] === undefined) fields[name] = value;
    };
    put('Subject', logFields[FIELD.name]);
    put('Status', 'Completed');
    put('TaskSubtype', logFields[FIELD.channel] === 'Voice' ? 'Call' : 'Task');
    const lookups = Object.values(logSchema.fields).filter(
        (f) => f.dataType === 'Reference' && f.apiName.endsWith('__c')
    );
    const ids = lookups.map((f) => logFields[f.apiName]);
    put(
        'WhoId',
        ids.find((id) => referenceAccepts(fieldOf(task, 'WhoId'), id))
    );
    put(
        'WhatId',
        ids.find((id) => referenceAccepts(fieldOf(task, 'WhatId'), id))
    );
    const established = Date.parse(String(logFields[FIELD.establishedTime] ?? ''));
    const ended = Date.parse(String(logFields[FIELD.endTime] ?? ''));
    if (Number.isFinite(established) && Number.isFinite(ended) && ended >= established) {
        put('CallDurationInSeconds', Math.round((ended - established) / 1000));
    }
    return fields;
}

/** Creates or updates the Task that mirrors a saved log, and links a new one to the log. */
export async function mirrorTask(
    fields: Record<string, FieldValue>,
    log: { recordId: string; created: boolean },
    mirror: TaskMirror,
    api: OrgApi,
    hints: SaveHints
): Promise<MirrorResult> {
    const fail = (raw: unknown, taskId?: string): MirrorResult => ({
        ok: false,
        taskId,
        ...failureOf(normalizeSaveError(raw))
    });
    const mayCreate = log.created || hints.taskPending === true;
    let taskId = hints.taskId;
    // A Task the log already names needs no link; a new one, or one created last time, does.
    let linked = false;
    if (!taskId && !log.created) {
        try {
            taskId = (await api.findTaskIdForLog(log.recordId)) ?? undefined;
        } catch (error) {
            return fail(error);
        }
        linked = Boolean(taskId);
    }
    if (!taskId && !mayCreate) return { ok: true };
    const known = taskId;
    const written = await writeDroppingRefused(fields, async (values) =>
        known
            ? ((await api.updateRecord({ fields: updatableFields(values, mirror.schema, known) })).id ?? known)
            : (await api.createRecord({ apiName: mirror.schema.apiName || 'Task', fields: values })).id
    );
    if (!written.ok) return { ok: false, taskId, ...failureOf(written.error, written.detail) };
    const saved = written.value;
    if (!linked) {
        try {
            await api.updateRecord({ fields: { Id: log.recordId, [FIELD.taskId]: saved } });
        } catch (error) {
            return fail(error, saved);
        }
    }
    return { ok: true, taskId: saved };
}
