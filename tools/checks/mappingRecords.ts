/**
 * The field mapping records can work: each targets a field that exists on an object the
 * mappings write, with a transform that can write its type and a known layer; and every
 * row of the vendor's table has its field and an active package default mapping.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
    isTransformCompatible,
    LAYER_ORG_OVERRIDE,
    LAYER_PACKAGE_DEFAULT,
    TARGET_OBJECT,
    TRANSFORMS,
    type FieldSchema
} from '../../force-app/main/default/lwc/interactionLog/interactionLog';
import { readCustomMetadataRecords, toFieldMapping, type FieldFile } from '../lib/forceApp';
import { TASK_SCHEMA } from '../lib/standardObjects';
import { VENDOR_ROWS } from '../lib/vendorTable';
import { add, type Context } from './context';

export function checkMappingRecords(ctx: Context, fields: FieldFile[]): void {
    const byName = new Map(fields.map((f) => [f.schema.apiName, f]));
    // Field mapping records.
    const mdDir = join(ctx.source, 'customMetadata');
    const records = existsSync(mdDir) ? readCustomMetadataRecords(mdDir, 'Interaction_Log_Field_Mapping') : [];
    // The objects mappings may write: the package's own, and the standard Task of the activity mirror.
    const targets = new Map<string, Map<string, { schema: FieldSchema; type: string }>>([
        [TARGET_OBJECT, new Map(fields.map((f) => [f.schema.apiName, { schema: f.schema, type: f.metadataType }]))],
        [
            TASK_SCHEMA.apiName,
            new Map(Object.values(TASK_SCHEMA.fields).map((f) => [f.apiName, { schema: f, type: f.dataType }]))
        ]
    ]);
    for (const record of records) {
        const m = toFieldMapping(record);
        const object = m.targetObject ?? '';
        const targetFields = targets.get(object);
        if (!targetFields) {
            add(
                ctx,
                'metadata',
                record.file,
                `targets the object "${object}"; mappings can write ${[...targets.keys()].join(' and ')}.`
            );
            continue;
        }
        const field = targetFields.get(m.targetField);
        if (!field) {
            add(
                ctx,
                'metadata',
                record.file,
                `targets ${object}.${m.targetField}, which does not exist: create the field or fix Target_Field__c.`
            );
            continue;
        }
        if (field.schema.calculated)
            add(ctx, 'metadata', record.file, `targets the formula field ${m.targetField}, which cannot be written.`);
        if (!(TRANSFORMS as readonly string[]).includes(m.transform)) {
            add(
                ctx,
                'metadata',
                record.file,
                `has the transform "${m.transform}"; use one of ${TRANSFORMS.join(', ')}.`
            );
        } else if (!isTransformCompatible(m.transform, field.schema.dataType)) {
            add(
                ctx,
                'metadata',
                record.file,
                `uses the ${m.transform} transform on ${m.targetField}, a ${field.type} field: pick a transform that can write it.`
            );
        }
        if (m.layer !== LAYER_PACKAGE_DEFAULT && m.layer !== LAYER_ORG_OVERRIDE) {
            add(
                ctx,
                'metadata',
                record.file,
                `has the layer "${m.layer ?? ''}"; use ${LAYER_PACKAGE_DEFAULT} or ${LAYER_ORG_OVERRIDE}.`
            );
        }
        if (m.layer === LAYER_PACKAGE_DEFAULT && !m.description)
            add(ctx, 'metadata', record.file, 'is a shipped default without a description.');
    }

    // The vendor's table: every row has its field and an active package default mapping.
    for (const [row, apiName] of Object.entries(VENDOR_ROWS)) {
        if (!byName.has(apiName)) {
            add(
                ctx,
                'metadata',
                join(ctx.source, 'objects', TARGET_OBJECT, 'fields'),
                `has no field ${apiName} for the vendor row "${row}".`
            );
        }
        const defaults = records
            .map(toFieldMapping)
            .filter(
                (m) =>
                    m.targetObject === TARGET_OBJECT &&
                    m.targetField === apiName &&
                    m.active &&
                    m.layer === LAYER_PACKAGE_DEFAULT
            );
        if (defaults.length === 0)
            add(
                ctx,
                'metadata',
                mdDir,
                `has no active package default mapping for the vendor row "${row}" (${apiName}).`
            );
    }
}
