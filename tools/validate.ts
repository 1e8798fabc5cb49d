/**
 * npm run validate: proves offline, without an org, that what the package ships would
 * deploy and pass review. Each problem names the file and says what to do.
 *
 *   npm run validate [-- --project DIR] [--skip analyzer,lwc,...]
 *
 * Checks: every XML file is well formed; source-deploy-retrieve converts force-app to
 * Metadata API format and nothing that must not deploy (TypeScript, tests, config) lands
 * in it; every LWC bundle compiles with the platform compiler; every Apex class parses;
 * Salesforce Code Analyzer's PMD security and best-practice rules find nothing high; every
 * metadata file matches its type in the Metadata API schema (tools/lib/metadataSchema.ts);
 * the metadata is consistent (mappings, the vendor's 46 rows, references, permission sets);
 * and the report types, reports and dashboards match the package's fields (tools/lib/analytics.ts).
 *
 * Runs on Node 22 (source-deploy-retrieve needs it): `npm run validate` uses the node@22
 * binary installed with the project.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import {
    isTransformCompatible,
    LAYER_ORG_OVERRIDE,
    LAYER_PACKAGE_DEFAULT,
    TARGET_OBJECT,
    TRANSFORMS,
    type FieldSchema
} from '../force-app/main/default/lwc/interactionLogMapper/interactionLogMapper';
import {
    MetadataError,
    PROJECT_ROOT,
    readCustomMetadataRecords,
    readObjectFields,
    readXml,
    toFieldMapping,
    type FieldFile
} from './lib/forceApp';
import { VENDOR_ROWS } from './lib/vendorTable';
import { checkAnalytics } from './lib/analytics';
import { checkMetadataSchema } from './lib/metadataSchema';
import { TASK_SCHEMA } from './lib/standardObjects';

export interface Problem {
    check: string;
    file: string;
    message: string;
}

export const CHECKS = ['xml', 'convert', 'lwc', 'apex', 'analyzer', 'schema', 'metadata', 'analytics'] as const;
export type CheckName = (typeof CHECKS)[number];

interface Context {
    project: string;
    source: string;
    problems: Problem[];
}

function add(ctx: Context, check: CheckName, file: string, message: string): void {
    ctx.problems.push({ check, file: relative(ctx.project, file) || file, message });
}

function walk(dir: string, out: string[] = []): string[] {
    if (!existsSync(dir)) return out;
    for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full, out);
        else out.push(full);
    }
    return out;
}

// ---------------------------------------------------------------------------
// 1. XML
// ---------------------------------------------------------------------------

function checkXml(ctx: Context): void {
    for (const file of walk(join(ctx.project, 'force-app')).filter((f) => f.endsWith('.xml'))) {
        const result = XMLValidator.validate(readFileSync(file, 'utf8'));
        if (result !== true) {
            add(ctx, 'xml', file, `is not well-formed XML: ${result.err.msg} (line ${result.err.line}).`);
        }
    }
}

// ---------------------------------------------------------------------------
// 2. Conversion with source-deploy-retrieve
// ---------------------------------------------------------------------------

const MUST_NOT_DEPLOY: { pattern: RegExp; what: string }[] = [
    { pattern: /\.ts$/, what: 'a TypeScript source' },
    { pattern: /(^|[\\/])__tests__([\\/]|$)/, what: 'a test' },
    { pattern: /(^|[\\/])(tsconfig[^\\/]*|jsconfig)\.json$/, what: 'a TypeScript configuration file' },
    { pattern: /(^|[\\/])jest\.config\.js$|\.test\.(js|ts)$/, what: 'a jest file' }
];

async function checkConvert(ctx: Context): Promise<void> {
    const sdr = await import('@salesforce/source-deploy-retrieve');
    const out = mkdtempSync(join(tmpdir(), 'interaction-log-mdapi-'));
    try {
        // source-deploy-retrieve finds .forceignore in the project that holds force-app.
        const set = sdr.ComponentSet.fromSource(join(ctx.project, 'force-app'));
        const components = set.getSourceComponents().toArray();
        if (components.length === 0)
            add(ctx, 'convert', join(ctx.project, 'force-app'), 'holds no deployable component.');
        for (const component of components) {
            for (const file of [component.xml, ...component.walkContent()].filter((f): f is string => Boolean(f))) {
                const bad = MUST_NOT_DEPLOY.find((m) => m.pattern.test(file));
                if (bad) add(ctx, 'convert', file, `is ${bad.what} and would deploy: keep it out with .forceignore.`);
            }
        }
        await new sdr.MetadataConverter().convert(set, 'metadata', {
            type: 'directory',
            outputDirectory: out,
            genUniqueDir: false
        });
        for (const file of walk(out)) {
            const bad = MUST_NOT_DEPLOY.find((m) => m.pattern.test(relative(out, file)));
            if (bad) {
                ctx.problems.push({
                    check: 'convert',
                    file: `(Metadata API output) ${relative(out, file)}`,
                    message: `is ${bad.what} and would be deployed: keep it out with .forceignore.`
                });
            }
        }
        if (!existsSync(join(out, 'package.xml'))) add(ctx, 'convert', out, 'conversion produced no package.xml.');
    } catch (error) {
        add(
            ctx,
            'convert',
            join(ctx.project, 'force-app'),
            `cannot be converted to Metadata API format: ${(error as Error).message}`
        );
    } finally {
        rmSync(out, { recursive: true, force: true });
    }
}

// ---------------------------------------------------------------------------
// 3. LWC bundles with the platform compiler
// ---------------------------------------------------------------------------

async function checkLwc(ctx: Context): Promise<void> {
    const { compile } = (await import('@lwc/sfdc-lwc-compiler')) as unknown as {
        compile(config: unknown): Promise<{
            success: boolean;
            diagnostics: { level: number; message: string; filename?: string; location?: { line: number } }[];
        }>;
    };
    const lwcDir = join(ctx.source, 'lwc');
    for (const name of existsSync(lwcDir) ? readdirSync(lwcDir).sort() : []) {
        const dir = join(lwcDir, name);
        if (!statSync(dir).isDirectory()) continue;
        if (!existsSync(join(dir, `${name}.js`))) {
            add(
                ctx,
                'lwc',
                dir,
                existsSync(join(dir, `${name}.ts`))
                    ? `has no ${name}.js: run npm run build first.`
                    : `has no ${name}.js or ${name}.ts.`
            );
            continue;
        }
        const files: Record<string, string> = {};
        for (const file of readdirSync(dir)) {
            if (/\.(js|html|css)$/.test(file)) files[file] = readFileSync(join(dir, file), 'utf8');
        }
        try {
            const report = await compile({ bundle: { namespace: 'c', name, type: 'platform', files } });
            // Diagnostic levels: 0 fatal, 1 error, 2 warning, 3 log.
            for (const d of report.diagnostics.filter((x) => x.level <= 1)) {
                add(
                    ctx,
                    'lwc',
                    join(dir, d.filename ?? ''),
                    `does not compile for the platform: ${d.message}${d.location ? ` (line ${d.location.line})` : ''}`
                );
            }
            if (!report.success && !report.diagnostics.some((x) => x.level <= 1))
                add(ctx, 'lwc', dir, 'does not compile for the platform.');
        } catch (error) {
            add(ctx, 'lwc', dir, `does not compile for the platform: ${(error as Error).message}`);
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Apex syntax
// ---------------------------------------------------------------------------

async function checkApex(ctx: Context): Promise<void> {
    const prettier = await import('prettier');
    const apexPlugin = await import('prettier-plugin-apex');
    for (const file of walk(join(ctx.source, 'classes')).filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'))) {
        try {
            await prettier.format(readFileSync(file, 'utf8'), { parser: 'apex', plugins: [apexPlugin] });
        } catch (error) {
            add(ctx, 'apex', file, `is not valid Apex: ${String((error as Error).message).split('\n')[0]}`);
        }
    }
}

// ---------------------------------------------------------------------------
// 5. Salesforce Code Analyzer (PMD security and best practices)
// ---------------------------------------------------------------------------

/**
 * PMD's JavaScript parser predates ES modules and reports every module-level `const` as a
 * global variable; the LWC JavaScript is checked by ESLint (@salesforce/eslint-config-lwc)
 * and the platform compiler instead.
 */
const ANALYZER_FALSE_POSITIVES = new Set(['GlobalVariable']);

export async function runAnalyzer(project: string) {
    const core = await import('@salesforce/code-analyzer-core');
    const pmd = await import('@salesforce/code-analyzer-pmd-engine');
    const analyzer = new core.CodeAnalyzer(core.CodeAnalyzerConfig.withDefaults());
    await analyzer.addEnginePlugin(pmd.createEnginePlugin());
    const source = join(project, 'force-app', 'main', 'default');
    const workspace = await analyzer.createWorkspace([join(source, 'classes'), join(source, 'lwc')].filter(existsSync));
    const rules = await analyzer.selectRules(['pmd:Security', 'pmd:BestPractices'], { workspace });
    const results = await analyzer.run(rules, { workspace });
    return results.getViolations().map((v) => ({
        rule: v.getRule().getName(),
        severity: v.getRule().getSeverityLevel() as number,
        file: v.getPrimaryLocation().getFile() ?? '',
        line: v.getPrimaryLocation().getStartLine() ?? 0,
        message: v.getMessage()
    }));
}

async function checkAnalyzer(ctx: Context): Promise<void> {
    try {
        for (const v of await runAnalyzer(ctx.project)) {
            // Severity 1 is critical and 2 high; 3 to 5 are moderate, low and info.
            if (v.severity <= 2 && !ANALYZER_FALSE_POSITIVES.has(v.rule)) {
                add(ctx, 'analyzer', v.file, `line ${v.line}: ${v.rule} (severity ${v.severity}): ${v.message}`);
            }
        }
    } catch (error) {
        add(
            ctx,
            'analyzer',
            ctx.project,
            `Salesforce Code Analyzer could not run (it needs Java 11 or later): ${(error as Error).message}`
        );
    }
}

// ---------------------------------------------------------------------------
// 6. Metadata consistency
// ---------------------------------------------------------------------------

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

function list(value: unknown): unknown[] {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function text(value: unknown): string {
    return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
}

function checkMetadata(ctx: Context): void {
    let fields: FieldFile[] = [];
    try {
        fields = readObjectFields(ctx.source, TARGET_OBJECT);
    } catch (error) {
        add(ctx, 'metadata', join(ctx.source, 'objects', TARGET_OBJECT), (error as Error).message);
        return;
    }
    const byName = new Map(fields.map((f) => [f.schema.apiName, f]));
    const exists = (name: string) => byName.has(name) || STANDARD_FIELDS.has(name);

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

    // Every field has a label and help text.
    for (const f of fields) {
        const doc = readXml(f.file).CustomField as Record<string, unknown>;
        if (!text(doc.inlineHelpText)) add(ctx, 'metadata', f.file, 'has no help text (inlineHelpText).');
        if (!text(doc.description)) add(ctx, 'metadata', f.file, 'has no description.');
    }

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

    checkCustomMetadataRecords(ctx);
    checkPermissionSets(ctx, fields);
}

/**
 * Every custom metadata record names a type the package has, sets only fields that type
 * has, and picks picklist values the field allows (a deploy fails on any of these).
 */
function checkCustomMetadataRecords(ctx: Context): void {
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

interface Grant {
    object: Record<string, boolean>;
    classes: string[];
}

/** What DESIGN.md says each permission set grants, and nothing more. */
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
        classes: ['InteractionLogConfigController', 'InteractionLogRecordController']
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
        classes: ['InteractionLogConfigController', 'InteractionLogRecordController']
    }
};

function checkPermissionSets(ctx: Context, fields: FieldFile[]): void {
    for (const [name, grant] of Object.entries(PERMISSION_SETS)) {
        const file = join(ctx.source, 'permissionsets', `${name}.permissionset-meta.xml`);
        if (!existsSync(file)) {
            add(ctx, 'metadata', file, 'is missing.');
            continue;
        }
        const set = readXml(file).PermissionSet as Record<string, unknown>;
        const objects = list(set.objectPermissions) as Record<string, unknown>[];
        for (const o of objects) {
            if (text(o.object) !== TARGET_OBJECT)
                add(ctx, 'metadata', file, `grants access to ${text(o.object)}, which it should not.`);
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
            if (f.schema.calculated && editable) add(ctx, 'metadata', file, `makes the formula field ${key} editable.`);
            if (!f.schema.calculated && !editable)
                add(ctx, 'metadata', file, `does not let its users write ${key}, which logs need.`);
            granted.delete(key);
        }
        for (const key of granted.keys())
            add(ctx, 'metadata', file, `grants access to ${key}, which is not a field of the package.`);
    }
}

// ---------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------

export async function validate(project: string = PROJECT_ROOT, skip: readonly string[] = []): Promise<Problem[]> {
    const ctx: Context = { project, source: join(project, 'force-app', 'main', 'default'), problems: [] };
    const steps: [CheckName, (c: Context) => void | Promise<void>][] = [
        ['xml', checkXml],
        ['convert', checkConvert],
        ['lwc', checkLwc],
        ['apex', checkApex],
        ['analyzer', checkAnalyzer],
        ['schema', (c) => checkMetadataSchema(c.source).forEach((p) => add(c, 'schema', p.file, p.message))],
        ['metadata', checkMetadata],
        ['analytics', (c) => checkAnalytics(c.source).forEach((p) => add(c, 'analytics', p.file, p.message))]
    ];
    for (const [name, step] of steps) {
        if (skip.includes(name)) continue;
        const started = Date.now();
        try {
            await step(ctx);
        } catch (error) {
            const file = error instanceof MetadataError ? error.file : ctx.source;
            add(
                ctx,
                name,
                file,
                error instanceof MetadataError
                    ? error.message.replace(`${error.file}: `, '')
                    : `check failed: ${(error as Error).message}`
            );
        }
        const count = ctx.problems.filter((p) => p.check === name).length;
        process.stderr.write(
            `validate: ${name.padEnd(8)} ${count === 0 ? 'ok' : `${count} problem(s)`} (${Date.now() - started} ms)\n`
        );
    }
    return ctx.problems;
}

async function main(argv: string[]): Promise<number> {
    let project = PROJECT_ROOT;
    let skip: string[] = [];
    for (let i = 0; i < argv.length; i += 1) {
        if (argv[i] === '--project') project = argv[++i];
        else if (argv[i] === '--skip') skip = (argv[++i] ?? '').split(',').map((s) => s.trim());
        else {
            process.stderr.write(`Usage: npm run validate -- [--project DIR] [--skip ${CHECKS.join(',')}]\n`);
            return 2;
        }
    }
    const problems = await validate(project, skip);
    for (const p of problems) process.stdout.write(`${p.file}: ${p.message} [${p.check}]\n`);
    process.stdout.write(
        problems.length === 0 ? 'validate: the package would deploy.\n' : `validate: ${problems.length} problem(s).\n`
    );
    return problems.length === 0 ? 0 : 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(`validate: ${(error as Error).stack ?? String(error)}\n`);
            process.exitCode = 1;
        }
    );
}
