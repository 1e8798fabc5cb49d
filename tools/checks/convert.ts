/**
 * source-deploy-retrieve converts force-app to Metadata API format, and nothing that must
 * not deploy (TypeScript, tests, configuration) lands in it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { add, walk, type Context } from './context';

const MUST_NOT_DEPLOY: { pattern: RegExp; what: string }[] = [
    { pattern: /\.ts$/, what: 'a TypeScript source' },
    { pattern: /(^|[\\/])__tests__([\\/]|$)/, what: 'a test' },
    { pattern: /(^|[\\/])(tsconfig[^\\/]*|jsconfig)\.json$/, what: 'a TypeScript configuration file' },
    { pattern: /(^|[\\/])jest\.config\.js$|\.test\.(js|ts)$/, what: 'a jest file' }
];

export async function checkConvert(ctx: Context): Promise<void> {
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
