/**
 * studioModel: what the mapping studio shows and computes, without the platform.
 *
 * Terms:
 * - a record: one Interaction_Log_Field_Mapping__mdt record (package default or Org override);
 * - the effective mapping of a field: the record that applies to it (mappingLayers);
 * - a recent log: a log's raw payload, parsed (the body the connector sent);
 * - a draft: the admin's change to one field, not applied yet; the preview maps the recent
 *   logs with the records as they are and with the draft as the field's Org override, with
 *   the package's own mapper;
 * - a re-map: a stored log mapped again from its raw payload; only what changed, and only
 *   what is not evidence (EVIDENCE), is written back.
 */
import {
    effectiveMappings,
    EVIDENCE,
    fieldOf,
    joinSourcePath,
    KEPT_FIELDS,
    LAYER_ORG_OVERRIDE,
    mapInteractionLog,
    resolveSource,
    splitSourcePath,
    TARGET_OBJECT,
    toFieldMappings,
    type FieldMapping,
    type FieldValue,
    type MappingRecord,
    type ObjectSchema
} from 'c/interactionLog';
import { formatLabel } from 'c/interactionLogLabels';
import { STUDIO_LABELS } from './studioLabels';
import { isPlainObject } from 'c/safeData';

/** Mirrors Apex InteractionLogMappingStudio.RecentLog. */
export interface RecentLog {
    recordId: string;
    name: string;
    createdDate?: string;
    rawPayload: string;
}

/** Mirrors Apex InteractionLogMappingStudio.Studio. */
export interface Studio {
    mappings: MappingRecord[];
    recent: RecentLog[];
    retentionDays?: number | null;
    logCount?: number | null;
    payloadCount?: number | null;
}

export interface Draft {
    targetField: string;
    /** Paths, first with a value wins. */
    paths: string[];
    transform: string;
    active: boolean;
}

export interface StudioRow {
    targetField: string;
    fieldLabel: string;
    /** Package default, Org override, or an inactive override over the default. */
    layer: string;
    paths: string;
    transform: string;
    /** Where the value came from in the recent logs: each path's count, and none. */
    source: string;
    hasOverride: boolean;
    overrideActive: boolean;
}

export interface PreviewRow {
    key: string;
    log: string;
    before: string;
    after: string;
    changed: boolean;
    warnings: string;
}

/** A recent log's body, or nothing when its payload is not JSON. */
export function parsePayload(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

function shown(value: FieldValue | null | undefined): string {
    return value === undefined || value === null || value === '' ? '—' : String(value);
}

/** The Org override record of a field of the Interaction Log, active or not, when the org has one. */
export function overrideOf(records: readonly MappingRecord[], field: string): MappingRecord | undefined {
    return records.find(
        (r) =>
            (r.targetObject ?? TARGET_OBJECT) === TARGET_OBJECT &&
            r.targetField === field &&
            r.layer === LAYER_ORG_OVERRIDE
    );
}

/** How many recent logs each path (by its place) filled, and how many none did: "#1: 8 · #2: 1 · none: 1". */
function sourceSummary(paths: string[], bodies: readonly unknown[]): string {
    if (bodies.length === 0) return STUDIO_LABELS.studioNoRecentLogs;
    const counts = paths.map(() => 0);
    let none = 0;
    for (const body of bodies) {
        const index = paths.findIndex((p) => resolveSource(body, p) !== undefined);
        if (index >= 0) counts[index] += 1;
        else none += 1;
    }
    return [
        ...paths.map((_, i) => formatLabel(STUDIO_LABELS.studioSourceCount, i + 1, counts[i])),
        formatLabel(STUDIO_LABELS.studioSourceNone, none)
    ].join(' · ');
}

/** One row per field that has a mapping record, in field order. */
export function studioRows(
    records: readonly MappingRecord[],
    schema: ObjectSchema,
    bodies: readonly unknown[]
): StudioRow[] {
    const effective = new Map(
        effectiveMappings(toFieldMappings(records)).map((m) => [m.targetField, m] as [string, FieldMapping])
    );
    const fields = [
        ...new Set(
            records
                .filter((r) => (r.targetObject ?? TARGET_OBJECT) === TARGET_OBJECT && r.targetField)
                .map((r) => r.targetField as string)
        )
    ].sort();
    return fields.map((field) => {
        const override = overrideOf(records, field);
        const mapping = effective.get(field);
        const paths = splitSourcePath(mapping?.sourcePath ?? '');
        let layer = STUDIO_LABELS.studioLayerDefault;
        if (override?.active) layer = paths.length ? STUDIO_LABELS.studioLayerOverride : STUDIO_LABELS.studioLayerOff;
        else if (override) layer = STUDIO_LABELS.studioLayerReverted;
        return {
            targetField: field,
            fieldLabel: fieldOf(schema, field)?.label ?? field,
            layer,
            paths: paths.join('\n'),
            transform: mapping?.transform ?? '',
            source: paths.length ? sourceSummary(paths, bodies) : '—',
            hasOverride: override !== undefined,
            overrideActive: override?.active === true
        };
    });
}

/** The fields a mapping could write that none does (the package's own bookkeeping aside). */
export function unmappedFields(records: readonly MappingRecord[], schema: ObjectSchema): string[] {
    const mapped = new Set(effectiveMappings(toFieldMappings(records)).map((m) => m.targetField));
    return Object.values(schema.fields)
        .filter((f) => f.createable !== false && !f.calculated && f.dataType !== 'Reference')
        .filter((f) => f.apiName.endsWith('__c') && !mapped.has(f.apiName) && !KEPT_FIELDS.has(f.apiName))
        .map((f) => f.apiName)
        .sort();
}

/** Every path to a value in the recent bodies, with an example: what the admin picks paths from. */
export function payloadPaths(bodies: readonly unknown[], max = 500): { path: string; example: string }[] {
    const found = new Map<string, string>();
    const walk = (value: unknown, path: string, depth: number): void => {
        if (found.size >= max || depth > 12) return;
        if (Array.isArray(value)) {
            value.slice(0, 5).forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
        } else if (isPlainObject(value)) {
            for (const key of Object.keys(value)) {
                const step = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path ? `${path}.` : ''}${key}` : `${path}['${key}']`;
                walk((value as Record<string, unknown>)[key], step, depth + 1);
            }
        } else if (path && !found.has(path) && value !== null && value !== '') {
            found.set(path, String(value).slice(0, 60));
        }
    };
    for (const body of bodies) walk(body, '', 0);
    return [...found.entries()]
        .map(([path, example]) => ({ path, example }))
        .sort((a, b) => a.path.localeCompare(b.path));
}

/** A draft's paths as a Source Path: trimmed, empty lines dropped, separated by `|`. */
export function sourcePathOf(draft: Pick<Draft, 'paths'>): string {
    return joinSourcePath(draft.paths);
}

/** The records with the draft as its field's Org override (replacing the one there is). */
export function withDraft(records: readonly MappingRecord[], draft: Draft): MappingRecord[] {
    const override = overrideOf(records, draft.targetField);
    const applied: MappingRecord = {
        developerName: override?.developerName ?? `Org_${draft.targetField.replace(/__c$/i, '')}`.slice(0, 40),
        targetObject: TARGET_OBJECT,
        targetField: draft.targetField,
        sourcePath: sourcePathOf(draft),
        transform: draft.transform,
        active: draft.active,
        layer: LAYER_ORG_OVERRIDE
    };
    return [...records.filter((r) => r !== override), applied];
}

/** The draft a row starts from: its field's effective paths and transform. */
export function draftFor(row: Pick<StudioRow, 'targetField' | 'paths' | 'transform'>): Draft {
    return {
        targetField: row.targetField,
        paths: row.paths ? row.paths.split('\n') : [],
        transform: row.transform || 'text',
        active: true
    };
}

/** Before and after the draft, for each recent log, with the warnings the draft brings. */
export function previewRows(
    recent: readonly RecentLog[],
    records: readonly MappingRecord[],
    draft: Draft,
    schema: ObjectSchema
): PreviewRow[] {
    const before = toFieldMappings(records);
    const after = toFieldMappings(withDraft(records, draft));
    return recent.map((log) => {
        const body = parsePayload(log.rawPayload);
        const was = mapInteractionLog(body, before, schema, { storeRawPayload: false });
        const now = mapInteractionLog(body, after, schema, { storeRawPayload: false });
        const beforeValue = shown(was.fields[draft.targetField]);
        const afterValue = shown(now.fields[draft.targetField]);
        const known = new Set(was.warnings);
        return {
            key: log.recordId,
            log: log.name,
            before: beforeValue,
            after: afterValue,
            changed: beforeValue !== afterValue,
            warnings: now.warnings.filter((w) => !known.has(w)).join('\n')
        };
    });
}

/** Whether a stored value and a mapped one are the same for the field's type. */
function sameValue(stored: unknown, mapped: FieldValue | undefined, dataType: string | undefined): boolean {
    const empty = (v: unknown) => v === undefined || v === null || v === '';
    if (empty(stored) || empty(mapped)) return empty(stored) && empty(mapped);
    if (dataType === 'DateTime') return Date.parse(String(stored)) === Date.parse(String(mapped));
    if (typeof mapped === 'number' || typeof stored === 'number') return Number(stored) === Number(mapped);
    return String(stored) === String(mapped);
}

/**
 * What re-mapping a stored log changes: the fields the current mappings write whose value
 * differs, never its evidence, never a field it cannot update. Empty when nothing changes,
 * so that re-mapping twice changes nothing more.
 */
export function remapChanges(
    stored: Record<string, unknown>,
    records: readonly MappingRecord[],
    schema: ObjectSchema
): { changes: Record<string, FieldValue | null>; warnings: string[] } | undefined {
    const body = parsePayload(String(stored.Raw_Payload__c ?? ''));
    if (body === undefined) return undefined;
    const mappings = toFieldMappings(records);
    const mapped = mapInteractionLog(body, mappings, schema, { storeRawPayload: false });
    const changes: Record<string, FieldValue | null> = {};
    for (const mapping of effectiveMappings(mappings)) {
        const field = mapping.targetField;
        const facts = fieldOf(schema, field);
        if (!facts || facts.updateable === false || EVIDENCE.includes(field) || field === 'Name') continue;
        if (!Object.prototype.hasOwnProperty.call(stored, field)) continue;
        if (!sameValue(stored[field], mapped.fields[field], facts.dataType))
            changes[field] = mapped.fields[field] ?? null;
    }
    return { changes, warnings: mapped.warnings };
}
