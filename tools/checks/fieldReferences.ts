/**
 * Every field of the log is documented (help text, description), and every field that the
 * layouts, list views, compact layouts, search layouts, overrides and components name exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { TARGET_OBJECT } from '../../force-app/main/default/lwc/interactionLog/interactionLog';
import { readXml, type FieldFile } from '../lib/forceApp';
import { add, list, text, walk, type Context } from './context';

const STANDARD_COLUMNS = new Set([
    'NAME',
    'OWNER.ALIAS',
    'OWNER.FIRST_NAME',
    'OWNER.LAST_NAME',
    'CREATED_DATE',
    'LAST_UPDATE',
    'CREATEDBY_USER.ALIAS',
    'UPDATEDBY_USER.ALIAS'
]);
const STANDARD_FIELDS = new Set([
    'Name',
    'OwnerId',
    'CreatedById',
    'LastModifiedById',
    'CreatedDate',
    'LastModifiedDate',
    'Id'
]);

export function checkFieldDocs(ctx: Context, fields: FieldFile[]): void {
    // Every field has a label and help text.
    for (const f of fields) {
        const doc = readXml(f.file).CustomField as Record<string, unknown>;
        if (!text(doc.inlineHelpText)) add(ctx, 'metadata', f.file, 'has no help text (inlineHelpText).');
        if (!text(doc.description)) add(ctx, 'metadata', f.file, 'has no description.');
    }
}

export function checkFieldReferences(ctx: Context, fields: FieldFile[]): void {
    const byName = new Map(fields.map((f) => [f.schema.apiName, f]));
    const exists = (name: string) => byName.has(name) || STANDARD_FIELDS.has(name);
    // References from layouts, list views, compact layouts, search layouts and the component.
    const missing = (file: string, name: string, where: string) =>
        add(ctx, 'metadata', file, `${where} names ${name}, which is not a field of ${TARGET_OBJECT}.`);
    for (const file of walk(join(ctx.source, 'layouts')).filter((f) => f.includes(`${TARGET_OBJECT}-`))) {
        const layout = readXml(file).Layout as Record<string, unknown>;
        for (const section of list(layout.layoutSections) as Record<string, unknown>[]) {
            for (const column of list(section.layoutColumns) as Record<string, unknown>[]) {
                for (const item of list(column.layoutItems) as Record<string, unknown>[]) {
                    const name = text(item.field);
                    if (name && !exists(name)) missing(file, name, 'The layout');
                }
            }
        }
    }
    const objectDir = join(ctx.source, 'objects', TARGET_OBJECT);
    for (const file of walk(join(objectDir, 'listViews'))) {
        const view = readXml(file).ListView as Record<string, unknown>;
        for (const column of list(view.columns).map(text))
            if (!STANDARD_COLUMNS.has(column) && !exists(column)) missing(file, column, 'The list view');
        for (const filter of list(view.filters) as Record<string, unknown>[]) {
            const name = text(filter.field);
            if (!STANDARD_COLUMNS.has(name) && !exists(name)) missing(file, name, 'A list view filter');
        }
    }
    for (const file of walk(join(objectDir, 'compactLayouts'))) {
        const compact = readXml(file).CompactLayout as Record<string, unknown>;
        for (const name of list(compact.fields).map(text)) if (!exists(name)) missing(file, name, 'The compact layout');
    }
    const objectFile = join(objectDir, `${TARGET_OBJECT}.object-meta.xml`);
    if (existsSync(objectFile)) {
        const object = readXml(objectFile).CustomObject as Record<string, unknown>;
        const search = (object.searchLayouts ?? {}) as Record<string, unknown>;
        for (const names of Object.values(search)) {
            for (const name of list(names).map(text))
                if (name !== 'NAME' && !exists(name)) missing(objectFile, name, 'A search layout');
        }
        // An action override shows a Lightning page the package ships, for this object.
        for (const override of list(object.actionOverrides) as Record<string, unknown>[]) {
            if (text(override.type) !== 'Flexipage') continue;
            const page = join(ctx.source, 'flexipages', `${text(override.content)}.flexipage-meta.xml`);
            if (!existsSync(page)) {
                add(
                    ctx,
                    'metadata',
                    objectFile,
                    `overrides ${text(override.actionName)} with the missing page ${text(override.content)}.`
                );
            } else if (text((readXml(page).FlexiPage as Record<string, unknown>).sobjectType) !== TARGET_OBJECT) {
                add(ctx, 'metadata', page, `is the ${TARGET_OBJECT} record page but is not for ${TARGET_OBJECT}.`);
            }
        }
    }
    for (const file of walk(join(ctx.source, 'lwc')).filter(
        (f) => f.endsWith('.ts') && !f.includes(`${sep}__tests__${sep}`)
    )) {
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(new RegExp(`@salesforce/schema/${TARGET_OBJECT}\\.([A-Za-z0-9_]+)`, 'g'))) {
            if (!exists(match[1])) missing(file, match[1], 'The component');
        }
    }
}
