/**
 * The metadata is consistent: the checks that read the log's fields, run over one reading
 * of them.
 */
import { join } from 'node:path';
import { TARGET_OBJECT } from '../../force-app/main/default/lwc/interactionLog/interactionLog';
import { readObjectFields, type FieldFile } from '../lib/forceApp';
import { add, type Context } from './context';
import { checkMappingRecords } from './mappingRecords';
import { checkFieldDocs, checkFieldReferences } from './fieldReferences';
import { checkCustomMetadataRecords } from './customMetadataRecords';
import { checkPermissionSets } from './permissionSets';

export function checkMetadata(ctx: Context): void {
    let fields: FieldFile[] = [];
    try {
        fields = readObjectFields(ctx.source, TARGET_OBJECT);
    } catch (error) {
        add(ctx, 'metadata', join(ctx.source, 'objects', TARGET_OBJECT), (error as Error).message);
        return;
    }
    checkMappingRecords(ctx, fields);
    checkFieldDocs(ctx, fields);
    checkFieldReferences(ctx, fields);
    checkCustomMetadataRecords(ctx);
    checkPermissionSets(ctx, fields);
}
