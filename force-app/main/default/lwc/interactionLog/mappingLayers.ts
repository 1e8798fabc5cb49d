/**
 * mappingLayers: the mapping records (Interaction_Log_Field_Mapping__mdt) and which of
 * them apply. Package default records ship with the package; an admin's Org override for
 * the same target field wins over them, and an override with an empty Source Path switches
 * the field off.
 */
import { TARGET_OBJECT } from './logSchema';

export const LAYER_PACKAGE_DEFAULT = 'Package_Default';
export const LAYER_ORG_OVERRIDE = 'Org_Override';

/** Mirrors Apex InteractionLogConfigController.MappingRecord: one mapping record as the controller returns it. */
export interface MappingRecord {
    developerName: string;
    label?: string;
    sourcePath?: string | null;
    targetObject?: string | null;
    targetField?: string | null;
    transform?: string | null;
    active?: boolean | null;
    layer?: string | null;
    description?: string | null;
}

/** One mapping record in the mapper's plain words. */
export interface FieldMapping {
    /** DeveloperName of the record, used in warnings. */
    name: string;
    /** Dot/bracket paths into the body, separated by `|`; the first with a value wins. */
    sourcePath: string;
    targetObject?: string;
    targetField: string;
    transform: string;
    active: boolean;
    /** Package_Default or Org_Override. */
    layer?: string;
    description?: string;
}

export function toFieldMappings(records: readonly MappingRecord[] | undefined): FieldMapping[] {
    return (records ?? []).map((r) => ({
        name: r.developerName,
        sourcePath: r.sourcePath ?? '',
        targetObject: r.targetObject ?? undefined,
        targetField: r.targetField ?? '',
        transform: r.transform ?? '',
        active: r.active !== false,
        layer: r.layer ?? undefined,
        description: r.description ?? undefined
    }));
}

/**
 * The mapping records that apply, one per target field: an active Org override always
 * wins over the package default for the same field; an override with an empty source
 * path switches the field off. Sorted by target field so the output is stable.
 */
const effectiveCache = new WeakMap<readonly FieldMapping[], Map<string, FieldMapping[]>>();

export function effectiveMappings(
    mappings: readonly FieldMapping[],
    targetObject: string = TARGET_OBJECT
): FieldMapping[] {
    // The same records arrive with every message: choose once per list of records.
    let byObject = effectiveCache.get(mappings);
    if (!byObject) {
        byObject = new Map();
        effectiveCache.set(mappings, byObject);
    }
    const cached = byObject.get(targetObject);
    if (cached) return cached;
    const result = chooseMappings(mappings, targetObject);
    byObject.set(targetObject, result);
    return result;
}

function chooseMappings(mappings: readonly FieldMapping[], targetObject: string): FieldMapping[] {
    const chosen = new Map<string, FieldMapping>();
    const sorted = [...mappings]
        .filter((m) => m && m.active && typeof m.targetField === 'string' && m.targetField.trim() !== '')
        .filter((m) => (m.targetObject ?? TARGET_OBJECT) === targetObject)
        .sort((a, b) => layerRank(b) - layerRank(a) || String(a.name).localeCompare(String(b.name)));
    for (const mapping of sorted) {
        const key = mapping.targetField.trim();
        if (!chosen.has(key)) chosen.set(key, mapping);
    }
    return [...chosen.values()]
        .filter((m) => (m.sourcePath ?? '').trim() !== '')
        .sort((a, b) => a.targetField.localeCompare(b.targetField));
}

function layerRank(mapping: FieldMapping): number {
    return mapping.layer === LAYER_ORG_OVERRIDE ? 1 : 0;
}
