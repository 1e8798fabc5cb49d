/**
 * Every XML file in force-app is well formed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { add, walk, type Context } from './context';

export function checkXml(ctx: Context): void {
    for (const file of walk(join(ctx.project, 'force-app')).filter((f) => f.endsWith('.xml'))) {
        const result = XMLValidator.validate(readFileSync(file, 'utf8'));
        if (result !== true) {
            add(ctx, 'xml', file, `is not well-formed XML: ${result.err.msg} (line ${result.err.line}).`);
        }
    }
}
