/**
 * The package's Custom Labels (force-app/main/default/labels), read from source, and the
 * label names the LWC sources import (`@salesforce/label/c.Name`). Off the platform, the
 * workbench, jest and the Node tools resolve each label import to its value from here.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export const LABEL_IMPORT_PREFIX = '@salesforce/label/c.';

/** Every Custom Label of the package, by name (fullName) to its value. */
export function readLabels(sourceDir: string): Map<string, string> {
    const labels = new Map<string, string>();
    const dir = join(sourceDir, 'labels');
    if (!existsSync(dir)) return labels;
    const parser = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (name) => name === 'labels' });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.labels-meta.xml'))) {
        const xml = parser.parse(readFileSync(join(dir, file), 'utf8')) as {
            CustomLabels?: { labels?: { fullName?: string; value?: string }[] };
        };
        for (const label of xml.CustomLabels?.labels ?? []) {
            if (label.fullName) labels.set(String(label.fullName).trim(), String(label.value ?? ''));
        }
    }
    return labels;
}

/** Each label a TypeScript or HTML source under `dir` imports, with the files that import it. */
export function importedLabels(dir: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const walk = (folder: string) => {
        for (const name of readdirSync(folder)) {
            const path = join(folder, name);
            if (statSync(path).isDirectory()) {
                if (name !== '__tests__') walk(path);
            } else if (name.endsWith('.ts')) {
                const text = readFileSync(path, 'utf8');
                for (const match of text.matchAll(/['"]@salesforce\/label\/c\.([A-Za-z0-9_]+)['"]/g)) {
                    found.set(match[1], [...(found.get(match[1]) ?? []), path]);
                }
            }
        }
    };
    walk(dir);
    return found;
}

/**
 * How to run a TypeScript tool of the project as the npm scripts do: on the project's
 * Node 22, with tsx and the label resolver. For tests that run the real commands.
 */
export function toolCommand(projectRoot: string, script: string, ...args: string[]): [string, string[]] {
    const node = join(projectRoot, 'node_modules', 'node', 'bin', 'node');
    const register = join(projectRoot, 'tools', 'lib', 'registerLabels.ts');
    return [node, ['--import', 'tsx', '--import', register, script, ...args]];
}
