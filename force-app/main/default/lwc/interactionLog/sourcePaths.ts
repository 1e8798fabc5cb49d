/**
 * sourcePaths: reading a mapping record's Source Path from a body. Paths are dot/bracket
 * paths (`a.b[0]['c.d']`), own properties only, with `|` between fallbacks; a step into a
 * string that holds JSON reads that JSON (AXP sends ENGAGEMENT_PARAMETERS that way).
 */
import { FORBIDDEN_KEYS, isPlainObject, own } from 'c/safeData';

/** Largest JSON string stepped into. */
const MAX_EMBEDDED_JSON = 1_000_000;

const pathCache = new Map<string, string[] | null>();

/**
 * Splits `a.b[0]['c.d']` into segments. Returns null for a path that cannot be read
 * (unbalanced brackets, empty segments, forbidden keys).
 */
export function parsePath(path: string): string[] | null {
    const cached = pathCache.get(path);
    if (cached !== undefined) {
        return cached;
    }
    const segments: string[] = [];
    let i = 0;
    let current = '';
    let ok = path.trim() !== '';
    const src = path.trim();
    const flush = (): boolean => {
        if (current === '') return false;
        segments.push(current);
        current = '';
        return true;
    };
    while (ok && i < src.length) {
        const ch = src[i];
        if (ch === '.') {
            ok = flush() || (i > 0 && src[i - 1] === ']');
            i += 1;
        } else if (ch === '[') {
            if (current !== '') flush();
            const close = src.indexOf(']', i);
            if (close < 0) {
                ok = false;
                break;
            }
            let inner = src.slice(i + 1, close).trim();
            const quoted = /^(['"])(.*)\1$/.exec(inner);
            if (quoted) {
                inner = quoted[2];
            } else if (!/^\d+$/.test(inner)) {
                ok = false;
                break;
            }
            if (inner === '') {
                ok = false;
                break;
            }
            segments.push(inner);
            i = close + 1;
        } else {
            current += ch;
            i += 1;
        }
    }
    if (ok && current !== '') flush();
    const result = ok && segments.length > 0 && !segments.some((s) => FORBIDDEN_KEYS.has(s)) ? segments : null;
    if (pathCache.size > 2000) pathCache.clear();
    pathCache.set(path, result);
    return result;
}

/**
 * Reads one path from the body: own properties only, list indexes, and a step into a
 * string that holds JSON (AXP sends ENGAGEMENT_PARAMETERS that way).
 */
export function readPath(root: unknown, path: string): unknown {
    const segments = parsePath(path);
    return segments ? readSegments(root, segments) : undefined;
}

/** Reads a parsed path (parsePath's segments) from the body. */
export function readSegments(root: unknown, segments: readonly string[]): unknown {
    let current: unknown = root;
    for (const segment of segments) {
        if (typeof current === 'string') {
            current = parseEmbeddedJson(current);
        }
        if (Array.isArray(current)) {
            current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
        } else {
            current = own(current, segment);
        }
        if (current === undefined || current === null) {
            return undefined;
        }
    }
    return current;
}

export function parseEmbeddedJson(text: string): unknown {
    const trimmed = text.trim();
    if (trimmed.length > MAX_EMBEDDED_JSON || !(trimmed.startsWith('{') || trimmed.startsWith('['))) {
        return undefined;
    }
    try {
        return JSON.parse(trimmed);
    } catch {
        return undefined;
    }
}

function isEmpty(value: unknown): boolean {
    if (value === undefined || value === null) return true;
    if (typeof value === 'string') return value.trim() === '';
    if (Array.isArray(value)) return value.length === 0;
    if (isPlainObject(value)) return Object.keys(value).length === 0;
    return false;
}

/** A Source Path's fallbacks, in order: its `|`-separated paths, trimmed, empty ones left out. */
export function splitSourcePath(sourcePath: string): string[] {
    return sourcePath
        .split('|')
        .map((path) => path.trim())
        .filter((path) => path !== '');
}

/** Paths, first with a value wins, as one Source Path (what splitSourcePath reads back). */
export function joinSourcePath(paths: readonly string[]): string {
    return splitSourcePath(paths.join('|')).join('|');
}

/** A Source Path read once: its fallbacks, each parsed (a path that cannot be read is left out). */
export type CompiledSource = readonly { path: string; segments: readonly string[] }[];

const compiledCache = new Map<string, CompiledSource>();

export function compileSource(sourcePath: string): CompiledSource {
    let compiled = compiledCache.get(sourcePath);
    if (!compiled) {
        compiled = splitSourcePath(sourcePath)
            .map((path) => ({ path, segments: parsePath(path) }))
            .filter((p): p is { path: string; segments: string[] } => p.segments !== null);
        if (compiledCache.size > 2000) compiledCache.clear();
        compiledCache.set(sourcePath, compiled);
    }
    return compiled;
}

/** The first non-empty value along the fallbacks, with the path that gave it. */
export function resolveCompiled(root: unknown, source: CompiledSource): { value: unknown; path: string } | undefined {
    for (const { path, segments } of source) {
        const value = readSegments(root, segments);
        if (!isEmpty(value)) {
            return { value, path };
        }
    }
    return undefined;
}

export function resolveSource(root: unknown, sourcePath: string): { value: unknown; path: string } | undefined {
    return resolveCompiled(root, compileSource(sourcePath));
}
