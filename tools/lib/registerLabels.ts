/**
 * `node --import ./tools/lib/registerLabels.ts`: lets the Node tools (validate, map, bench,
 * the workbench, the browser tests) run the package's modules as they are, resolving each
 * `@salesforce/label/c.Name` import to the label's value in force-app, as the platform does.
 * An import of a label that does not exist fails loudly.
 */
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { LABEL_IMPORT_PREFIX, readLabels } from './labels';

const labels = readLabels(join(__dirname, '..', '..', 'force-app', 'main', 'default'));
const SCHEME = 'salesforce-label:';

/** The parts of Node 22's synchronous module hooks used here (@types/node 20 does not list them). */
interface Resolved {
    url: string;
    format?: string;
    shortCircuit?: boolean;
}
interface Loaded {
    format: string;
    source: string;
    shortCircuit?: boolean;
}
interface Hooks {
    resolve(specifier: string, context: unknown, next: (specifier: string, context: unknown) => Resolved): Resolved;
    load(url: string, context: unknown, next: (url: string, context: unknown) => Loaded): Loaded;
}
const { registerHooks } = nodeModule as unknown as { registerHooks(hooks: Hooks): void };

registerHooks({
    resolve(specifier, context, next) {
        if (!specifier.startsWith(LABEL_IMPORT_PREFIX)) return next(specifier, context);
        const name = specifier.slice(LABEL_IMPORT_PREFIX.length);
        if (!labels.has(name))
            throw new Error(`${specifier}: no Custom Label ${name} in force-app/main/default/labels`);
        return { url: SCHEME + name, format: 'commonjs', shortCircuit: true };
    },
    load(url, context, next) {
        if (!url.startsWith(SCHEME)) return next(url, context);
        const value = labels.get(url.slice(SCHEME.length)) ?? '';
        return {
            format: 'commonjs',
            source: `module.exports = { __esModule: true, default: ${JSON.stringify(value)} };`,
            shortCircuit: true
        };
    }
});
