/**
 * safeData: reading and writing untrusted data without surprises. Everything that comes
 * from another window (the connector's messages) or from storage is read through here:
 * - own-key reads that never reach the prototype (`own`, `isPlainObject`), and what a value is (`describeKind`);
 * - serialising anything without throwing (`safeStringify`);
 * - cutting text without splitting a character (`truncate`);
 * - a short stable hash of text (`hashText`);
 * - text without control characters (`withoutControls`), and text safe to show (`displayText`);
 * - the 18-character form of a Salesforce record id (`normalizeRecordId`).
 *
 * Pure: no DOM, no Salesforce imports, never throws.
 */

/** Keys that would reach an object's prototype; never read, never followed. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deepest nesting the careful serialiser follows. */
const MAX_DEPTH = 64;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return false;
    }
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/** The value of an own property, never one inherited and never a prototype key. */
export function own(container: unknown, key: string): unknown {
    if (container === null || typeof container !== 'object' || FORBIDDEN_KEYS.has(key)) {
        return undefined;
    }
    return Object.prototype.hasOwnProperty.call(container, key)
        ? (container as Record<string, unknown>)[key]
        : undefined;
}

/** An own property that holds text, else ''. */
export function ownText(container: unknown, key: string): string {
    const value = own(container, key);
    return typeof value === 'string' ? value : '';
}

/** What a value is, in words (for mapping warnings, which are stored in English). */
export function describeKind(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'a list';
    if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Serialises any value without throwing: cycles become "[Circular]", nesting past
 * 64 levels "[Too deep]", and output stops once it passes `budget` characters.
 */
export function safeStringify(value: unknown, indent = 0, budget = Number.POSITIVE_INFINITY): string {
    // Plain data (nearly every real log) takes the engine's own serialiser; cycles, hostile
    // getters, BigInt and nesting past the stack's reach take the careful path below.
    try {
        const fast = JSON.stringify(value, null, indent > 0 ? indent : undefined) as string | undefined;
        return fast === undefined ? 'null' : fast;
    } catch {
        return carefulStringify(value, indent, budget);
    }
}

function carefulStringify(value: unknown, indent: number, budget: number): string {
    const parts: string[] = [];
    let size = 0;
    const ancestors = new Set<unknown>();
    const push = (s: string): boolean => {
        parts.push(s);
        size += s.length;
        return size <= budget;
    };
    const pad = (level: number): string => (indent > 0 ? '\n' + ' '.repeat(indent * level) : '');
    const write = (v: unknown, level: number): boolean => {
        if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') {
            return push('null');
        }
        if (typeof v === 'string') return push(JSON.stringify(v));
        if (typeof v === 'number') return push(Number.isFinite(v) ? String(v) : 'null');
        if (typeof v === 'boolean') return push(v ? 'true' : 'false');
        if (typeof v === 'bigint') return push(JSON.stringify(v.toString()));
        if (typeof v !== 'object') return push('null');
        if (ancestors.has(v)) return push('"[Circular]"');
        if (level >= MAX_DEPTH) return push('"[Too deep]"');
        if (v instanceof Date) return push(JSON.stringify(Number.isNaN(v.getTime()) ? null : v.toISOString()));
        ancestors.add(v);
        let ok = true;
        if (Array.isArray(v)) {
            ok = push('[');
            for (let i = 0; ok && i < v.length; i += 1) {
                ok = (i === 0 || push(',')) && push(pad(level + 1)) && write(v[i], level + 1);
            }
            ok = ok && (v.length === 0 || push(pad(level))) && push(']');
        } else {
            const keys = Object.keys(v);
            ok = push('{');
            let first = true;
            for (const key of keys) {
                if (!ok) break;
                const item = (v as Record<string, unknown>)[key];
                if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
                ok =
                    (first || push(',')) &&
                    push(pad(level + 1)) &&
                    push(JSON.stringify(key) + (indent > 0 ? ': ' : ':')) &&
                    write(item, level + 1);
                first = false;
            }
            ok = ok && (first || push(pad(level))) && push('}');
        }
        ancestors.delete(v);
        return ok;
    };
    try {
        write(value, 0);
    } catch {
        // A getter that throws or a stack exhausted by a hostile structure: keep what was written.
        parts.push('"[Unreadable]"');
    }
    return parts.join('');
}

/**
 * Cuts text to `max` characters, never splitting a surrogate pair, and ends it with a
 * marker saying how much was cut.
 */
export function truncate(text: string, max: number): string {
    if (text.length <= max) {
        return text;
    }
    const marker = ` …[truncated ${text.length - max} of ${text.length} characters]`;
    if (max <= marker.length) {
        return cutAt(text, max);
    }
    return cutAt(text, max - marker.length) + marker;
}

function cutAt(text: string, end: number): string {
    let cut = Math.max(0, end);
    const code = text.charCodeAt(cut - 1);
    if (cut > 0 && code >= 0xd800 && code <= 0xdbff) {
        cut -= 1;
    }
    return text.slice(0, cut);
}

/** A short, stable hash of text: FNV-1a, 32 bits, as 8 hex digits. Not a security measure. */
export function hashText(text: string, seed = 0x811c9dc5): string {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i += 1) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
}

/** C0 control characters except tab and line feed: never stored (NUL, bell, escape, carriage return...). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F]/g;
/** Bidirectional overrides, embeddings and isolates: they can make `exe.png` read as `png.exe`. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The text without C0 control characters, tab and line feed kept (for anything stored). */
export function withoutControls(text: string): string {
    return text.replace(CONTROLS, '');
}

/** The text as an agent may be shown it: no control characters and no bidirectional overrides. */
export function displayText(text: string | undefined | null): string {
    return (text ?? '').replace(CONTROLS, '').replace(BIDI_CONTROLS, '');
}

const ID_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a 15- or 18-character Salesforce id, or undefined if it cannot be one. */
export function normalizeRecordId(value: string): string | undefined {
    const id = value.trim();
    if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) {
        return undefined;
    }
    const base = id.slice(0, 15);
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk += 1) {
        let bits = 0;
        for (let i = 0; i < 5; i += 1) {
            const c = base.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        suffix += ID_SUFFIX_CHARS[bits];
    }
    // The last three characters only encode the case of the first fifteen; the platform
    // identifies the record by those fifteen, so a suffix that disagrees is recomputed.
    return base + suffix;
}

/** A record id read from any value: the 18-character form, or undefined. */
export function recordIdOf(value: unknown): string | undefined {
    return typeof value === 'string' ? normalizeRecordId(value) : undefined;
}
