/**
 * Every LWC bundle compiles with the platform compiler, as a deploy compiles it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { add, type Context } from './context';

export async function checkLwc(ctx: Context): Promise<void> {
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
