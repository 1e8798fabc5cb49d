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
 * every Custom Label the components import exists; and the report types, reports and
 * dashboards match the package's fields (tools/lib/analytics.ts). One module per check,
 * in tools/checks/.
 *
 * Runs on Node 22 (source-deploy-retrieve needs it): `npm run validate` uses the node@22
 * binary installed with the project.
 */
import { join } from 'node:path';
import { MetadataError, PROJECT_ROOT } from './lib/forceApp';
import { checkAnalytics } from './lib/analytics';
import { checkMetadataSchema } from './lib/metadataSchema';
import { add, CHECKS, type CheckName, type Context, type Problem } from './checks/context';
import { checkXml } from './checks/xml';
import { checkConvert } from './checks/convert';
import { checkLwc } from './checks/lwc';
import { checkApex } from './checks/apex';
import { checkAnalyzer } from './checks/analyzer';
import { checkMetadata } from './checks/metadata';
import { checkLabels } from './checks/labels';

export { CHECKS, type CheckName, type Problem };

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
        ['labels', checkLabels],
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
