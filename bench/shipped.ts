/**
 * The save path's modules as they ship, for the benchmark to time: the package's TypeScript
 * bundled with esbuild exactly as written (no tsx helpers such as keepNames, no module
 * getters between files), `c/<bundle>` resolved as the platform resolves it, and each
 * Custom Label import resolved to its value. Timing the tsx-loaded sources would time
 * tsx's own wrappers around every cross-module call instead.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { DEFAULT_SOURCE } from '../tools/lib/forceApp';
import { LABEL_IMPORT_PREFIX, readLabels } from '../tools/lib/labels';

import type * as Service from '../force-app/main/default/lwc/interactionLog/interactionLog';
import type * as Protocol from '../force-app/main/default/lwc/connectorProtocol/connectorProtocol';

export type Shipped = Pick<
    typeof Service,
    'InteractionLogService' | 'memoryStorage' | 'mapInteractionLog' | 'OrgRequests'
> &
    Pick<typeof Protocol, 'judgeMessage'>;

function platformModules(): Plugin {
    const labels = readLabels(DEFAULT_SOURCE);
    return {
        name: 'platform-modules',
        setup(b) {
            b.onResolve({ filter: /^c\/\w+$/ }, (args) => {
                const name = args.path.slice(2);
                return { path: join(DEFAULT_SOURCE, 'lwc', name, `${name}.ts`) };
            });
            b.onResolve({ filter: /^@salesforce\/label\// }, (args) => ({ path: args.path, namespace: 'label' }));
            b.onLoad({ filter: /.*/, namespace: 'label' }, (args) => ({
                contents: `export default ${JSON.stringify(labels.get(args.path.slice(LABEL_IMPORT_PREFIX.length)) ?? '')};`,
                loader: 'js'
            }));
        }
    };
}

export async function loadShipped(): Promise<Shipped> {
    const dir = mkdtempSync(join(tmpdir(), 'interaction-log-bench-'));
    try {
        const out = join(dir, 'shipped.cjs');
        await build({
            stdin: {
                contents: [
                    "export { InteractionLogService, memoryStorage, mapInteractionLog, OrgRequests } from 'c/interactionLog';",
                    "export { judgeMessage } from 'c/connectorProtocol';"
                ].join('\n'),
                resolveDir: DEFAULT_SOURCE,
                loader: 'ts'
            },
            bundle: true,
            format: 'cjs',
            platform: 'node',
            target: 'es2022',
            outfile: out,
            plugins: [platformModules()],
            logLevel: 'error'
        });
        writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle just built
        return require(out) as Shipped;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
