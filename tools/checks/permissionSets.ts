/**
 * The permission sets grant what the package's users need, and nothing more.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TARGET_OBJECT } from '../../force-app/main/default/lwc/interactionLog/interactionLog';
import { readXml, type FieldFile } from '../lib/forceApp';
import { add, list, text, type Context } from './context';

/** The Apex classes the components agents use call: both permission sets grant these. */
const PACKAGE_CLASSES = [
    'InteractionLogConfigController',
    'InteractionLogDirectoryController',
    'InteractionLogLinkController',
    'InteractionLogOutboxKey',
    'InteractionLogRecordController',
    'InteractionLogSaveController'
];

interface Grant {
    object: Record<string, boolean>;
    /** Fields its users read but never write (the package's jobs set them). */
    readOnly?: string[];
    classes: string[];
    /** Other objects it may read, and only read (the studio's deployment event). */
    readsOnly?: string[];
}

/** What each permission set grants, and nothing more (docs/architecture.md, least privilege). */
const PERMISSION_SETS: Record<string, Grant> = {
    Interaction_Log_Agent: {
        object: {
            allowCreate: true,
            allowRead: true,
            allowEdit: true,
            allowDelete: false,
            viewAllRecords: false,
            modifyAllRecords: false
        },
        classes: PACKAGE_CLASSES,
        readOnly: ['Raw_Payload_Cleared__c']
    },
    Interaction_Log_Admin: {
        object: {
            allowCreate: true,
            allowRead: true,
            allowEdit: true,
            allowDelete: true,
            viewAllRecords: true,
            modifyAllRecords: true
        },
        // The mapping studio is for admins only.
        classes: [...PACKAGE_CLASSES.slice(0, 3), 'InteractionLogMappingStudio', ...PACKAGE_CLASSES.slice(3)],
        readsOnly: ['Interaction_Log_Mapping_Deployed__e']
    }
};

export function checkPermissionSets(ctx: Context, fields: FieldFile[]): void {
    for (const [name, grant] of Object.entries(PERMISSION_SETS)) {
        const file = join(ctx.source, 'permissionsets', `${name}.permissionset-meta.xml`);
        if (!existsSync(file)) {
            add(ctx, 'metadata', file, 'is missing.');
            continue;
        }
        const set = readXml(file).PermissionSet as Record<string, unknown>;
        const objects = list(set.objectPermissions) as Record<string, unknown>[];
        for (const o of objects) {
            const other = text(o.object);
            if (other === TARGET_OBJECT) continue;
            const writes = ['allowCreate', 'allowEdit', 'allowDelete', 'modifyAllRecords'].some(
                (k) => text(o[k]) === 'true'
            );
            if (!grant.readsOnly?.includes(other) || writes)
                add(
                    ctx,
                    'metadata',
                    file,
                    `grants access to ${other}, which it should not (at most Read on ${grant.readsOnly?.join(', ') || 'nothing else'}).`
                );
        }
        const own = objects.find((o) => text(o.object) === TARGET_OBJECT);
        if (!own) add(ctx, 'metadata', file, `grants no access to ${TARGET_OBJECT}.`);
        for (const [key, wanted] of Object.entries(grant.object)) {
            if (own && (text(own[key]) === 'true') !== wanted)
                add(ctx, 'metadata', file, `must set ${key} to ${wanted} on ${TARGET_OBJECT}.`);
        }
        const classes = (list(set.classAccesses) as Record<string, unknown>[])
            .filter((c) => text(c.enabled) === 'true')
            .map((c) => text(c.apexClass));
        if (classes.sort().join() !== [...grant.classes].sort().join()) {
            add(
                ctx,
                'metadata',
                file,
                `must grant exactly the Apex classes ${grant.classes.join(', ')} (grants ${classes.join(', ') || 'none'}).`
            );
        }
        const granted = new Map(
            (list(set.fieldPermissions) as Record<string, unknown>[]).map((p) => [text(p.field), p])
        );
        for (const f of fields) {
            const key = `${TARGET_OBJECT}.${f.schema.apiName}`;
            const p = granted.get(key);
            if (f.required) {
                // Salesforce refuses field permissions on required fields: they are always visible.
                if (p) add(ctx, 'metadata', file, `sets field permissions on ${key}, a required field; remove them.`);
                granted.delete(key);
                continue;
            }
            if (!p || text(p.readable) !== 'true') {
                add(ctx, 'metadata', file, `does not let its users read ${key}.`);
                continue;
            }
            const editable = text(p.editable) === 'true';
            const readOnly = grant.readOnly?.includes(f.schema.apiName) ?? false;
            if (f.schema.calculated && editable) add(ctx, 'metadata', file, `makes the formula field ${key} editable.`);
            if (readOnly && editable)
                add(ctx, 'metadata', file, `lets its users write ${key}, which only the package's jobs set.`);
            if (!f.schema.calculated && !readOnly && !editable)
                add(ctx, 'metadata', file, `does not let its users write ${key}, which logs need.`);
            granted.delete(key);
        }
        for (const key of granted.keys())
            add(ctx, 'metadata', file, `grants access to ${key}, which is not a field of the package.`);
    }
}
