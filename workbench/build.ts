/**
 * Builds the workbench page with the LWC compiler: the package's own component sources
 * (the same .ts files that deploy), the real lightning-base-components, and small adapters
 * in place of the platform modules (lightning/uiRecordApi, the Apex controllers, toasts,
 * navigation, the workspace and message services, the user id, schema references) that
 * talk to the org emulator or to the workbench page.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { build as esbuild, transform } from 'esbuild';
import { PROJECT_ROOT } from '../tools/lib/forceApp';
import { LABEL_IMPORT_PREFIX, readLabels } from '../tools/lib/labels';

const WORKBENCH = join(PROJECT_ROOT, 'workbench');
const LWC_SOURCE = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'lwc');

/** `@salesforce/schema/Object.Field` becomes `{ objectApiName, fieldApiName }`, as on the platform. */
function schemaReferences(): Plugin {
    const PREFIX = '\0salesforce-schema:';
    return {
        name: 'salesforce-schema',
        resolveId(id) {
            return id.startsWith('@salesforce/schema/') ? PREFIX + id.slice('@salesforce/schema/'.length) : null;
        },
        load(id) {
            if (!id.startsWith(PREFIX)) return null;
            const [objectApiName, ...rest] = id.slice(PREFIX.length).split('.');
            const value = rest.length ? { objectApiName, fieldApiName: rest.join('.') } : { objectApiName };
            return `export default ${JSON.stringify(value)};`;
        }
    };
}

/**
 * Strips TypeScript types before the LWC compiler sees the code, leaving decorators as
 * they are (the LWC compiler handles @api and @wire), exactly as `npm run build` does.
 */
function stripTypes(): Plugin {
    return {
        name: 'strip-typescript',
        transform: {
            order: 'pre',
            async handler(code, id) {
                // Aliased modules carry a query (?specifier=c/crmConnector) after the file name.
                if (!id.split('?')[0].endsWith('.ts')) return null;
                const result = await transform(code, {
                    loader: 'ts',
                    target: 'esnext',
                    sourcefile: id.split('?')[0],
                    tsconfigRaw: {
                        compilerOptions: {
                            experimentalDecorators: false,
                            useDefineForClassFields: true,
                            verbatimModuleSyntax: false
                        }
                    }
                });
                return { code: result.code, map: result.map || null };
            }
        }
    };
}

/** `@salesforce/label/c.Name` becomes the label's value from force-app's labels, as on the platform. */
function customLabels(): Plugin {
    const PREFIX = '\0salesforce-label:';
    const labels = readLabels(join(PROJECT_ROOT, 'force-app', 'main', 'default'));
    return {
        name: 'salesforce-label',
        resolveId(id) {
            return id.startsWith(LABEL_IMPORT_PREFIX) ? PREFIX + id.slice(LABEL_IMPORT_PREFIX.length) : null;
        },
        load(id) {
            if (!id.startsWith(PREFIX)) return null;
            const name = id.slice(PREFIX.length);
            if (!labels.has(name)) this.error(`${LABEL_IMPORT_PREFIX}${name}: no such Custom Label in force-app`);
            return `export default ${JSON.stringify(labels.get(name))};`;
        }
    };
}

/** The package's bundles, by their platform name `c/<bundle>`. */
function packageModules() {
    return readdirSync(LWC_SOURCE)
        .filter((name) => existsSync(join(LWC_SOURCE, name, `${name}.ts`)))
        .map((name) => ({ name: `c/${name}`, path: join(LWC_SOURCE, name, `${name}.ts`) }));
}

const ADAPTERS: Record<string, string> = {
    'lightning/uiRecordApi': 'uiRecordApi.ts',
    'lightning/graphql': 'graphql.ts',
    'lightning/uiObjectInfoApi': 'uiObjectInfoApi.ts',
    'lightning/platformShowToastEvent': 'platformShowToastEvent.ts',
    '@salesforce/apex/InteractionLogConfigController.getConfiguration': 'apexGetConfiguration.ts',
    '@salesforce/apex/InteractionLogSaveController.findRecordIdByLogKey': 'apexFindRecordIdByLogKey.ts',
    '@salesforce/apex/InteractionLogSaveController.findTaskIdForLog': 'apexFindTaskIdForLog.ts',
    '@salesforce/apex/InteractionLogOutboxKey.getOutboxKey': 'apexGetOutboxKey.ts',
    '@salesforce/apex/InteractionLogMappingStudio.getStudio': 'apexGetStudio.ts',
    '@salesforce/apex/InteractionLogMappingStudio.applyMapping': 'apexApplyMapping.ts',
    '@salesforce/apex/InteractionLogMappingStudio.logsToRemap': 'apexLogsToRemap.ts',
    'lightning/empApi': 'empApi.ts',
    '@salesforce/apex/InteractionLogRecordController.searchCustomers': 'apexSearchCustomers.ts',
    '@salesforce/apex/InteractionLogRecordController.describeRecords': 'apexDescribeRecords.ts',
    '@salesforce/apex/InteractionLogDirectoryController.getDirectory': 'apexGetDirectory.ts',
    '@salesforce/apex/InteractionLogLinkController.countMyLogsWithoutCustomer': 'apexCountMyLogsWithoutCustomer.ts',
    '@salesforce/apex/InteractionLogLinkController.contactsCreatedSince': 'apexContactsCreatedSince.ts',
    '@salesforce/apex/InteractionLogRecordController.searchRecords': 'apexSearchRecords.ts',
    'lightning/navigation': 'navigation.ts',
    'lightning/pageReferenceUtils': 'pageReferenceUtils.ts',
    'lightning/platformWorkspaceApi': 'platformWorkspaceApi.ts',
    'lightning/messageService': 'messageService.ts',
    'lightning/platformUtilityBarApi': 'platformUtilityBarApi.ts',
    'lightning/actions': 'actions.ts',
    '@salesforce/messageChannel/lightning__tabFocused': 'messageChannelTabFocused.ts',
    '@salesforce/messageChannel/lightning__tabClosed': 'messageChannelTabClosed.ts',
    '@salesforce/messageChannel/Interaction_Log_Click_To_Dial__c': 'messageChannelClickToDial.ts',
    '@salesforce/user/Id': 'userId.ts',
    '@salesforce/i18n/locale': 'locale.ts'
};

/** Builds the page; `production` leaves out LWC's development checks, as Salesforce serves components. */
export async function buildApp(mode: 'development' | 'production' = 'development'): Promise<string> {
    const warnings: string[] = [];
    const bundle = await rollup({
        input: join(WORKBENCH, 'main.ts'),
        plugins: [
            schemaReferences(),
            customLabels(),
            stripTypes(),
            lwc({
                rootDir: WORKBENCH,
                // Some lightning-base-components (the datatable's cells) use lwc:is.
                enableDynamicComponents: true,
                modules: [
                    { dir: join(WORKBENCH, 'modules') },
                    ...packageModules(),
                    ...Object.entries(ADAPTERS).map(([name, file]) => ({
                        name,
                        path: join(WORKBENCH, 'adapters', file)
                    })),
                    { npm: 'lightning-base-components' }
                ]
            }),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': JSON.stringify(mode), 'import.meta.env.SSR': 'false' }
            })
        ],
        onwarn(warning: RollupLog) {
            // Warnings about lightning-base-components' own templates are not ours to fix.
            const where = warning.id ?? warning.loc?.file ?? warning.message;
            if (where.includes('node_modules')) return;
            if (warning.code !== 'CIRCULAR_DEPENDENCY' && warning.code !== 'THIS_IS_UNDEFINED')
                warnings.push(warning.message);
        }
    });
    const { output } = await bundle.generate({ format: 'iife', name: 'workbench', inlineDynamicImports: true });
    await bundle.close();
    for (const w of warnings) process.stderr.write(`workbench build: ${w}\n`);
    return output[0].code;
}

/** The connector simulator's script (plain TypeScript, no LWC). */
export async function buildSimulator(): Promise<string> {
    const result = await esbuild({
        entryPoints: [join(WORKBENCH, 'simulator', 'simulator.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2022'
    });
    return result.outputFiles[0].text;
}
