/**
 * Custom metadata records deploy: each names a type the package has, sets only that type's
 * fields, and picks allowed picklist values.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readCustomMetadataRecords, readObjectFields, type FieldFile } from '../lib/forceApp';
import { add, type Context } from './context';

/**
 * Every custom metadata record names a type the package has, sets only fields that type
 * has, and picks picklist values the field allows (a deploy fails on any of these).
 */
export function checkCustomMetadataRecords(ctx: Context): void {
    const dir = join(ctx.source, 'customMetadata');
    if (!existsSync(dir)) return;
    const types = new Map<string, Map<string, FieldFile>>();
    const fieldsOf = (type: string): Map<string, FieldFile> | undefined => {
        if (!types.has(type)) {
            const folder = join(ctx.source, 'objects', `${type}__mdt`, 'fields');
            if (!existsSync(folder)) return undefined;
            types.set(type, new Map(readObjectFields(ctx.source, `${type}__mdt`).map((f) => [f.schema.apiName, f])));
        }
        return types.get(type);
    };
    const typeNames = new Set(
        readdirSync(dir)
            .filter((f) => f.endsWith('.md-meta.xml'))
            .map((f) => f.slice(0, f.indexOf('.')))
    );
    for (const type of [...typeNames].sort()) {
        const fields = fieldsOf(type);
        for (const record of readCustomMetadataRecords(dir, type)) {
            if (!fields) {
                add(ctx, 'metadata', record.file, `is a record of ${type}__mdt, which the package does not define.`);
                continue;
            }
            for (const [name, value] of Object.entries(record.values)) {
                const field = fields.get(name);
                if (!field) {
                    add(ctx, 'metadata', record.file, `sets ${name}, which is not a field of ${type}__mdt.`);
                } else if (
                    value !== null &&
                    field.schema.picklistValues &&
                    !field.schema.picklistValues.includes(value)
                ) {
                    add(
                        ctx,
                        'metadata',
                        record.file,
                        `sets ${name} to "${value}"; the allowed values are ${field.schema.picklistValues.join(', ')}.`
                    );
                }
            }
        }
    }
}
