/**
 * Every Custom Label the components import exists (a deploy fails on a missing one), and
 * every label of the package is used, has a description and at most 1,000 characters.
 */
import { join } from 'node:path';
import { importedLabels, readLabels } from '../lib/labels';
import { add, type Context } from './context';

/** The most characters Salesforce allows in a Custom Label's value. */
const MAX_LABEL_LENGTH = 1000;

export function checkLabels(ctx: Context): void {
    const labelsFile = join(ctx.source, 'labels', 'CustomLabels.labels-meta.xml');
    const labels = readLabels(ctx.source);
    const imported = importedLabels(join(ctx.source, 'lwc'));
    for (const [name, files] of imported) {
        if (!labels.has(name)) {
            for (const file of files)
                add(
                    ctx,
                    'labels',
                    file,
                    `imports the Custom Label ${name}, which does not exist: add it to ${labelsFile}.`
                );
        }
    }
    for (const [name, value] of labels) {
        if (!imported.has(name)) add(ctx, 'labels', labelsFile, `holds ${name}, which no component uses: remove it.`);
        if (value.length > MAX_LABEL_LENGTH)
            add(
                ctx,
                'labels',
                labelsFile,
                `${name} has ${value.length} characters; a label holds at most ${MAX_LABEL_LENGTH}.`
            );
        if (value.trim() === '') add(ctx, 'labels', labelsFile, `${name} is empty.`);
    }
}
