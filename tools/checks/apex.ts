/**
 * Every Apex class parses (prettier-plugin-apex's parser).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { add, walk, type Context } from './context';

export async function checkApex(ctx: Context): Promise<void> {
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
