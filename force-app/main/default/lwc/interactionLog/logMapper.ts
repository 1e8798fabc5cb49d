/**
 * logMapper: turns the body of a CRM Connector `requestSaveInteractionLog` message into
 * the fields of an Interaction_Log__c record.
 *
 * Pure: no DOM, no Salesforce imports, never throws. Everything it knows about the
 * payload comes from the mapping records, and everything it knows about the record comes
 * from the object schema. Whatever cannot be mapped becomes a line in the warnings (and in
 * Mapping_Warnings__c).
 */
import { normalizeRecordId, safeStringify, truncate, withoutControls } from 'c/safeData';
import { isWhoObject } from 'c/crmRecord';
import { checkBody, MAX_ID_LENGTH, type BodyCheck, type InteractionLogBody } from './logBody';
import { compileSource, resolveCompiled, type CompiledSource } from './sourcePaths';
import { applyTransform, fitValue, isTransform, isTransformCompatible, type Transform } from './transforms';
import { effectiveMappings, type FieldMapping } from './mappingLayers';
import { buildLogKey, legTime } from './logKey';
import { applyCustomFields } from './customFields';
import { linkByNumber, type NumberLink } from './numberLinks';
import {
    FIELD,
    fieldOf,
    isWritable,
    RAW_PAYLOAD_MAX,
    type FieldSchema,
    type FieldValue,
    type ObjectSchema
} from './logSchema';

export interface MapOptions {
    /** The Salesforce user saving the log; part of the log key. */
    userId?: string;
    /** Keep the body as received in Raw_Payload__c (Interaction_Log_Setting__mdt). */
    storeRawPayload?: boolean;
    /** The body already serialised (the protocol did it once): the raw payload is this text. */
    bodyJson?: string;
    /** An agent's custom field entry replaces a mapped value (default) or the mapping wins (setting). */
    customFieldsWin?: boolean;
    /** Numbers the agent tied to records lately, newest first: a log without links of its own gets theirs. */
    numberLinks?: readonly NumberLink[];
}

export interface MapResult {
    fields: Record<string, FieldValue>;
    warnings: string[];
}

// ---------------------------------------------------------------------------
// Routing record ids to lookups
// ---------------------------------------------------------------------------

const candidateCache = new WeakMap<ObjectSchema, { who: FieldSchema[]; what: FieldSchema[] }>();

/**
 * Custom lookups on the object that may hold a Who (Contact, Lead) or a What (anything
 * else), worked out once per schema.
 */
function routeCandidates(schema: ObjectSchema, who: boolean): FieldSchema[] {
    let cached = candidateCache.get(schema);
    if (!cached) {
        const lookups = Object.values(schema.fields).filter(
            (f) => f.dataType === 'Reference' && f.apiName.endsWith('__c') && (f.referenceTo ?? []).length > 0
        );
        const isWho = (f: FieldSchema) => (f.referenceTo ?? []).every((t) => isWhoObject(t.apiName));
        const isWhat = (f: FieldSchema) => (f.referenceTo ?? []).every((t) => !isWhoObject(t.apiName));
        cached = { who: lookups.filter(isWho), what: lookups.filter(isWhat) };
        candidateCache.set(schema, cached);
    }
    return who ? cached.who : cached.what;
}

/**
 * The log's lookup for records of an object (Contact → Contact__c), among the lookups the
 * mapper routes ids to; undefined when the object has none.
 */
export function lookupFieldFor(schema: ObjectSchema, objectApiName: string): FieldSchema | undefined {
    return routeCandidates(schema, isWhoObject(objectApiName)).find((f) =>
        (f.referenceTo ?? []).some((t) => t.apiName === objectApiName)
    );
}

function route(
    rawId: string,
    sourceField: string,
    who: boolean,
    schema: ObjectSchema,
    fields: Record<string, FieldValue>,
    warn: (field: string, text: string) => void
): void {
    const candidates = routeCandidates(schema, who);
    const targets = candidates.flatMap((f) => (f.referenceTo ?? []).map((t) => t.apiName));
    const id = normalizeRecordId(rawId);
    if (!id) {
        warn(sourceField, `${JSON.stringify(rawId)} is not a Salesforce record id; no lookup was set`);
        return;
    }
    const prefix = id.slice(0, 3);
    const match = candidates.find((f) => (f.referenceTo ?? []).some((t) => t.keyPrefix === prefix));
    if (!match) {
        warn(
            sourceField,
            `id ${id} (prefix ${prefix}) matches none of the lookups for ${targets.join(', ') || 'no object'}; kept as text only`
        );
        return;
    }
    if (!match.createable) {
        warn(match.apiName, `not createable for this user; ${id} kept in ${sourceField} only`);
        return;
    }
    fields[match.apiName] = id;
}

// ---------------------------------------------------------------------------
// ---------------------------------------------------------------------------

/**
 * Maps a message body onto Interaction_Log__c fields. Never throws: whatever cannot be
 * mapped becomes a line in `warnings` (and in Mapping_Warnings__c).
 */
export function mapInteractionLog(
    body: unknown,
    mappings: readonly FieldMapping[],
    schema: ObjectSchema,
    options: MapOptions = {}
): MapResult {
    return mapChecked(body, checkBody(body), mappings, schema, options);
}

/** Maps a body the protocol's gate has already checked (the save path checks each body once). */
export function mapBody(
    body: InteractionLogBody,
    mappings: readonly FieldMapping[],
    schema: ObjectSchema,
    options: MapOptions = {}
): MapResult {
    return mapChecked(body, { ok: true, body }, mappings, schema, options);
}

function mapChecked(
    body: unknown,
    check: BodyCheck,
    mappings: readonly FieldMapping[],
    schema: ObjectSchema,
    options: MapOptions
): MapResult {
    const fields: Record<string, FieldValue> = {};
    const warnings: string[] = [];
    const warn = (field: string, text: string): void => {
        warnings.push(`${field}: ${text}`);
    };
    if (!check.ok) {
        warn('Message', check.reason);
    }
    try {
        mapInto(body, check, mappings, schema, fields, warn, options.numberLinks);
        warnings.push(...applyCustomFields(body, schema, fields, { agentWins: options.customFieldsWin }));
    } catch (error) {
        // Defence in depth: the steps above are written not to throw.
        warn('Mapper', `stopped early (${error instanceof Error ? error.message : String(error)})`);
    }
    finish(body, check, schema, options, fields, warnings);
    return { fields, warnings };
}

/** One mapping record made ready for the mapper: its field, transform and parsed paths, or why it cannot work. */
type Step =
    | { target: string; problem: string }
    | { target: string; field: FieldSchema; transform: Transform; source: CompiledSource; problem?: undefined };

const planCache = new WeakMap<readonly FieldMapping[], WeakMap<ObjectSchema, Step[]>>();

/**
 * The mapping records that apply, checked against the schema once per list of records and
 * schema (the same ones arrive with every message), so mapping a body only reads and fits.
 */
function planFor(mappings: readonly FieldMapping[], schema: ObjectSchema): Step[] {
    let bySchema = planCache.get(mappings);
    if (!bySchema) {
        bySchema = new WeakMap();
        planCache.set(mappings, bySchema);
    }
    let plan = bySchema.get(schema);
    if (!plan) {
        plan = effectiveMappings(mappings, schema.apiName).map((mapping) => planStep(mapping, schema));
        bySchema.set(schema, plan);
    }
    return plan;
}

function planStep(mapping: FieldMapping, schema: ObjectSchema): Step {
    const target = mapping.targetField.trim();
    const field = fieldOf(schema, target);
    const transform = String(mapping.transform ?? '').trim();
    if (!field) {
        return { target, problem: `mapping ${mapping.name} targets a field that does not exist on ${schema.apiName}` };
    }
    if (field.calculated) {
        return { target, problem: `mapping ${mapping.name} targets a formula field, which cannot be written` };
    }
    if (!isTransform(transform)) {
        return { target, problem: `mapping ${mapping.name} has an unknown transform "${mapping.transform}"` };
    }
    if (!isTransformCompatible(transform, field.dataType)) {
        return {
            target,
            problem: `mapping ${mapping.name} cannot write a ${transform} value to a ${field.dataType} field`
        };
    }
    return { target, field, transform, source: compileSource(mapping.sourcePath) };
}

function mapInto(
    body: unknown,
    check: BodyCheck,
    mappings: readonly FieldMapping[],
    schema: ObjectSchema,
    fields: Record<string, FieldValue>,
    warn: (field: string, text: string) => void,
    numberLinks: readonly NumberLink[] = []
): void {
    const budget = RAW_PAYLOAD_MAX * 2;
    for (const step of planFor(mappings, schema)) {
        const target = step.target;
        if (step.problem !== undefined) {
            warn(target, step.problem);
            continue;
        }
        const found = resolveCompiled(body, step.source);
        if (!found) continue;
        if (!step.field.createable) {
            warn(target, 'not createable for this user; value skipped');
            continue;
        }
        const outcome = applyTransform(step.transform, found.value, budget);
        if (!outcome.ok) {
            warn(target, `${outcome.reason} (from ${found.path}); value skipped`);
            continue;
        }
        if (outcome.note) warn(target, outcome.note);
        const fit = fitValue(outcome.typed, step.field);
        if (!fit.ok) {
            if (fit.reason !== 'empty') warn(target, `${fit.reason}; value skipped`);
            continue;
        }
        for (const note of fit.notes) warn(target, note);
        fields[target] = fit.value;
    }
    linkByNumber(fields, numberLinks);
    const nameId = fields[FIELD.nameId];
    if (typeof nameId === 'string') route(nameId, FIELD.nameId, true, schema, fields, warn);
    const relatedId = fields[FIELD.relatedToId];
    if (typeof relatedId === 'string') route(relatedId, FIELD.relatedToId, false, schema, fields, warn);
    if (check.ok && fields[FIELD.interactionId] === undefined && isWritable(schema, FIELD.interactionId)) {
        fields[FIELD.interactionId] = truncate(withoutControls(check.body.interactionId).trim(), MAX_ID_LENGTH);
    }
}

/** Name, log key, raw payload and warnings: the fields every log gets. */
function finish(
    body: unknown,
    check: BodyCheck,
    schema: ObjectSchema,
    options: MapOptions,
    fields: Record<string, FieldValue>,
    warnings: string[]
): void {
    const has = (api: string): boolean => isWritable(schema, api);
    const text = (api: string): string | undefined => {
        const v = fields[api];
        return typeof v === 'string' && v !== '' ? v : undefined;
    };
    const interactionId = text(FIELD.interactionId);
    if (has(FIELD.name)) {
        fields[FIELD.name] = truncate(buildName(fields, interactionId), 80);
    }
    // Only a well-formed body identifies an interaction; anything else gets no key.
    if (check.ok && interactionId && has(FIELD.logKey)) {
        const time = legTimeOf(fields, warnings);
        if (time === undefined) {
            warnings.push(
                `${FIELD.logKey}: the log has no time that can be read (established, start or end); its key uses a digest of the message, so only the same message delivered again updates this record`
            );
        }
        fields[FIELD.logKey] = buildLogKey({
            interactionId,
            userId: options.userId,
            resourceAddress: text(FIELD.resourceAddress),
            time,
            bodyJson: time === undefined ? (options.bodyJson ?? safeStringify(body)) : undefined
        });
    }
    if (options.storeRawPayload !== false && has(FIELD.rawPayload) && body !== undefined) {
        const max = Math.min(schema.fields[FIELD.rawPayload].length ?? RAW_PAYLOAD_MAX, RAW_PAYLOAD_MAX);
        const raw = options.bodyJson ?? safeStringify(body, 0, max + 1);
        if (raw.length > max)
            warnings.push(`${FIELD.rawPayload}: the body is larger than ${max} characters; truncated`);
        fields[FIELD.rawPayload] = truncate(raw, max);
    }
    applyWarnings(fields, warnings, schema);
}

const DAY_MS = 86_400_000;

function timeOf(value: FieldValue | undefined): number | undefined {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The leg's time for its key: the first of its established time, its start (date and
 * time) and its end time that was mapped. Says when the end comes before the start or a
 * day after it (reports would show a wrong talk time).
 */
function legTimeOf(fields: Record<string, FieldValue>, warnings: string[]): string | undefined {
    const established = timeOf(fields[FIELD.establishedTime]);
    const date = fields[FIELD.startDate];
    const clock = fields[FIELD.startTime];
    const started = typeof date === 'string' && typeof clock === 'string' ? timeOf(`${date}T${clock}`) : undefined;
    const ended = timeOf(fields[FIELD.endTime]);
    const from = established ?? started;
    if (from !== undefined && ended !== undefined) {
        if (ended < from) {
            warnings.push(
                `${FIELD.endTime}: ends before the interaction was established or started; talk time is left empty`
            );
        } else if (ended - from > DAY_MS) {
            warnings.push(
                `${FIELD.endTime}: the interaction lasts more than a day (${Math.round((ended - from) / 3_600_000)} hours)`
            );
        }
    }
    const first = established ?? started ?? ended;
    return first === undefined ? undefined : legTime(first);
}

/** Writes the warnings into Mapping_Warnings__c and their count into Mapping_Warning_Count__c. */
export function applyWarnings(
    fields: Record<string, FieldValue>,
    warnings: readonly string[],
    schema: ObjectSchema
): void {
    if (isWritable(schema, FIELD.warningCount)) {
        fields[FIELD.warningCount] = warnings.length;
    }
    if (isWritable(schema, FIELD.warnings)) {
        if (warnings.length > 0) {
            fields[FIELD.warnings] = truncate(warnings.join('\n'), schema.fields[FIELD.warnings].length ?? 32768);
        } else {
            delete fields[FIELD.warnings];
        }
    }
}

function buildName(fields: Record<string, FieldValue>, interactionId: string | undefined): string {
    const text = (api: string): string => {
        const v = fields[api];
        return typeof v === 'string' ? v.trim() : '';
    };
    const subject = text(FIELD.subject);
    if (subject) return subject;
    const who = text(FIELD.callerName) || text(FIELD.callerNumber) || text(FIELD.originatingAddress);
    const what = [text(FIELD.direction), text(FIELD.channel)].filter(Boolean).join(' ');
    const parts = [what || 'Interaction', who ? `with ${who}` : ''].filter(Boolean).join(' ');
    if (parts !== 'Interaction') return parts;
    return interactionId ? `Interaction ${interactionId}` : 'Interaction (no ID)';
}
