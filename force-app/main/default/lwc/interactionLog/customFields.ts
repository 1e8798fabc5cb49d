/**
 * customFields: the agent's custom fields, written into the log's own fields.
 *
 * Terms:
 * - entry: one item of `interactionData.logDetails.customFields`, `{ logFieldName, currentValue }`,
 *   what the agent filled in the connector for this interaction (the vendor's sample client
 *   writes `currentValue` into the CRM field named `logFieldName`);
 * - target: the Interaction_Log__c field whose API name equals `logFieldName`, ignoring case;
 * - kept field: a field the package fills for its own bookkeeping (identity, evidence, times,
 *   links, warnings); an entry never writes one.
 *
 * One rule decides what an entry may write (`customFieldTarget`); the connector's
 * `customFieldsDataResponse` offers exactly the fields this rule accepts, so whatever the
 * agent is shown, the save can write. Values are read and fitted by the field's type with
 * the same transforms as mapped values. Whatever is not written becomes a warning line.
 */
import { isPlainObject, own, truncate } from 'c/safeData';
import { applyTransform, fitValue, transformFor } from './transforms';
import { FIELD, WRITTEN_ONCE, type FieldSchema, type FieldValue, type ObjectSchema } from './logSchema';

/** Where the entries are read, first that is present (the second is the older shape). */
const ENTRY_PATHS: readonly (readonly string[])[] = [
    ['interactionData', 'logDetails', 'customFields'],
    ['interactionData', 'customFields']
];

/** Fields the package keeps for itself: an agent's entry never writes them. */
export const KEPT_FIELDS: ReadonlySet<string> = new Set<string>([
    ...WRITTEN_ONCE,
    FIELD.name,
    FIELD.establishedTime,
    FIELD.startDate,
    FIELD.startTime,
    FIELD.endTime,
    FIELD.nameId,
    FIELD.relatedToId,
    FIELD.taskId,
    FIELD.customFields,
    'Raw_Payload_Cleared__c'
]);

/** Names listed in one warning line at most; the rest are counted. */
const NAMES_SHOWN = 10;

export type CustomFieldTarget =
    { ok: true; field: FieldSchema } | { ok: false; reason: 'unknown' | 'kept' | 'read-only'; field?: FieldSchema };

const byLowerName = new WeakMap<ObjectSchema, Map<string, FieldSchema>>();

function lowerIndex(schema: ObjectSchema): Map<string, FieldSchema> {
    let index = byLowerName.get(schema);
    if (!index) {
        index = new Map(Object.values(schema.fields).map((f) => [f.apiName.toLowerCase(), f]));
        byLowerName.set(schema, index);
    }
    return index;
}

/**
 * The field an entry named `name` may write, or why none: no such field, a field the
 * package keeps (or a lookup or formula), or one the running user cannot set.
 */
export function customFieldTarget(schema: ObjectSchema, name: string): CustomFieldTarget {
    const field = lowerIndex(schema).get(name.trim().toLowerCase());
    if (!field) return { ok: false, reason: 'unknown' };
    if (KEPT_FIELDS.has(field.apiName) || field.dataType === 'Reference' || field.calculated) {
        return { ok: false, reason: 'kept', field };
    }
    if (!field.createable) return { ok: false, reason: 'read-only', field };
    return { ok: true, field };
}

function entriesOf(body: unknown): { found: boolean; entries: unknown } {
    for (const path of ENTRY_PATHS) {
        let node: unknown = body;
        for (const key of path) node = isPlainObject(node) ? own(node, key) : undefined;
        if (node !== undefined && node !== null) return { found: true, entries: node };
    }
    return { found: false, entries: undefined };
}

function listed(names: string[]): string {
    const shown = names.slice(0, NAMES_SHOWN).map((n) => JSON.stringify(truncate(n, 80)));
    const more = names.length - shown.length;
    return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

export interface CustomFieldOptions {
    /** The agent's entry replaces a mapped value (true, the default) or the mapping wins. */
    agentWins?: boolean;
}

/**
 * Writes the entries of a body into `fields` (which holds the mapped values), returning the
 * warning lines for what was not written. Later entries for the same field win over earlier ones.
 */
export function applyCustomFields(
    body: unknown,
    schema: ObjectSchema,
    fields: Record<string, FieldValue>,
    options: CustomFieldOptions = {}
): string[] {
    const warnings: string[] = [];
    const { found, entries } = entriesOf(body);
    if (!found) return warnings;
    if (!Array.isArray(entries)) {
        warnings.push(`${FIELD.customFields}: customFields is not a list; no custom field was written`);
        return warnings;
    }
    const mapped = new Set(Object.keys(fields));
    const unknown: string[] = [];
    let unnamed = 0;
    for (const entry of entries) {
        const name = isPlainObject(entry) ? own(entry, 'logFieldName') : undefined;
        if (typeof name !== 'string' || name.trim() === '') {
            unnamed += 1;
            continue;
        }
        const value = own(entry, 'currentValue');
        if (value === undefined || value === null || value === '') continue;
        const target = customFieldTarget(schema, name);
        if (!target.ok) {
            if (target.reason === 'unknown') unknown.push(name.trim());
            else if (target.reason === 'kept')
                warnings.push(
                    `${target.field?.apiName}: the package fills this field itself; custom field not written`
                );
            else warnings.push(`${target.field?.apiName}: you cannot edit this field; custom field not written`);
            continue;
        }
        const api = target.field.apiName;
        if (mapped.has(api) && options.agentWins === false) {
            warnings.push(`${api}: filled by a mapping record, which wins (setting); custom field not written`);
            continue;
        }
        const typed = applyTransform(transformFor(target.field.dataType), value, target.field.length ?? 131072);
        if (!typed.ok) {
            warnings.push(`${api}: ${typed.reason} (custom field); value skipped`);
            continue;
        }
        const fit = fitValue(typed.typed, target.field);
        if (!fit.ok) {
            if (fit.reason !== 'empty') warnings.push(`${api}: ${fit.reason} (custom field); value skipped`);
            continue;
        }
        for (const note of fit.notes) warnings.push(`${api}: ${note} (custom field)`);
        fields[api] = fit.value;
    }
    if (unknown.length > 0) {
        warnings.push(
            `${FIELD.customFields}: no field named ${listed(unknown)} on ${schema.apiName}; kept in ${FIELD.customFields} only`
        );
    }
    if (unnamed > 0) {
        warnings.push(`${FIELD.customFields}: ${unnamed} entries have no logFieldName; not written`);
    }
    return warnings;
}
