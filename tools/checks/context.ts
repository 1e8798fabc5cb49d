/**
 * What every check of `npm run validate` shares: the problems found, where they are, and
 * small readers for the parsed XML.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Problem {
    check: string;
    file: string;
    message: string;
}

export const CHECKS = [
    'xml',
    'convert',
    'lwc',
    'apex',
    'analyzer',
    'schema',
    'metadata',
    'labels',
    'analytics'
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface Context {
    project: string;
    source: string;
    problems: Problem[];
}

export function add(ctx: Context, check: CheckName, file: string, message: string): void {
    ctx.problems.push({ check, file: relative(ctx.project, file) || file, message });
}

export function walk(dir: string, out: string[] = []): string[] {
    if (!existsSync(dir)) return out;
    for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full, out);
        else out.push(full);
    }
    return out;
}

export function list(value: unknown): unknown[] {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

export function text(value: unknown): string {
    return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
}
