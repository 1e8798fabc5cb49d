/**
 * transforms: what a source value means (a mapping record's Transform), and how a typed
 * value fits a field of a given type (lengths, picklists, number precision). The one place
 * that decides whether a value can be written, used for mapped values alike.
 */
import { describeKind as describe, safeStringify, truncate, withoutControls } from 'c/safeData';
import { parseEmbeddedJson } from './sourcePaths';
import { TEXT_DATA_TYPES, type FieldDataType, type FieldSchema, type FieldValue } from './logSchema';

export const TRANSFORMS = [
    'text',
    'number',
    'boolean',
    'datetime',
    'date',
    'time',
    'duration',
    'json',
    'list'
] as const;
export type Transform = (typeof TRANSFORMS)[number];

export function isTransform(value: string): value is Transform {
    return (TRANSFORMS as readonly string[]).includes(value);
}

export type Typed =
    | { kind: 'text'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'datetime'; value: string }
    | { kind: 'date'; value: string }
    | { kind: 'time'; value: string }
    | { kind: 'list'; value: string[] }
    | { kind: 'json'; value: string };

export type Outcome = { ok: true; typed: Typed; note?: string } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

function scalarText(value: unknown): string | undefined {
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return undefined;
}

function toNumber(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string') {
        const t = value.trim().replace(/,/g, '');
        if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
            const n = Number(t);
            return Number.isFinite(n) ? n : undefined;
        }
    }
    return undefined;
}

function toDuration(value: unknown): number | undefined {
    const n = toNumber(value);
    if (n !== undefined) return n;
    if (typeof value !== 'string') return undefined;
    const t = value.trim();
    const clock = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
    if (clock) {
        return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    }
    const iso = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
        t
    );
    if (iso && t.length > 1 && !/T$/i.test(t)) {
        return (
            Number(iso[1] ?? 0) * 86400 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0)
        );
    }
    return undefined;
}

function pad2(n: number): string {
    return n < 10 ? '0' + n : String(n);
}

function validDate(y: number, m: number, d: number): boolean {
    if (m < 1 || m > 12 || d < 1) return false;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return d <= days;
}

/** Epoch numbers below 10^11 are seconds (until the year 5138), larger ones milliseconds. */
function epochMs(n: number): number {
    return Math.abs(n) < 1e11 ? n * 1000 : n;
}

/** Epoch seconds or milliseconds, ISO 8601 (UTC when no zone is given) or `YYYY-MM-DD HH:mm:ss`. */
function toDateTime(value: unknown): string | undefined {
    let ms: number | undefined;
    if (typeof value === 'number') {
        ms = epochMs(value);
    } else if (typeof value === 'string') {
        const t = value.trim();
        if (/^\d{10,14}$/.test(t)) {
            ms = epochMs(Number(t));
        } else {
            const m =
                /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
                    t
                );
            if (!m) return undefined;
            const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
            const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
            if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
            const frac = m[7] ? Number(('0.' + m[7]).slice(0, 5)) * 1000 : 0;
            let offsetMin = 0;
            if (m[8] && m[8].toUpperCase() !== 'Z') {
                const sign = m[8][0] === '-' ? -1 : 1;
                const digits = m[8].slice(1).replace(':', '');
                offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
            }
            ms = Date.UTC(y, mo - 1, d, h, mi, s, Math.round(frac)) - offsetMin * 60000;
        }
    }
    if (ms === undefined || !Number.isFinite(ms)) return undefined;
    const date = new Date(ms);
    const year = date.getUTCFullYear();
    return year >= 1700 && year <= 4000 ? date.toISOString() : undefined;
}

function toDate(value: unknown): string | undefined {
    if (typeof value === 'string') {
        const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value.trim());
        if (m) {
            const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
            return validDate(y, mo, d) && y >= 1700 && y <= 4000 ? `${m[1]}-${pad2(mo)}-${pad2(d)}` : undefined;
        }
    }
    const dt = toDateTime(value);
    return dt ? dt.slice(0, 10) : undefined;
}

/** `14:03:27`, `(14:03:27)`, `14:03`, `2:03:27 PM`, with optional fraction; returns `HH:mm:ss.SSSZ`. */
function toTime(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    const t = value
        .trim()
        .replace(/^\((.*)\)$/, '$1')
        .trim();
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*([AaPp][Mm])?\s*Z?$/.exec(t);
    if (!m) return undefined;
    let h = Number(m[1]);
    const mi = Number(m[2]);
    const s = Number(m[3] ?? 0);
    if (m[5]) {
        if (h < 1 || h > 12) return undefined;
        h = (h % 12) + (m[5].toLowerCase() === 'pm' ? 12 : 0);
    }
    if (h > 23 || mi > 59 || s > 59) return undefined;
    const msPart = (m[4] ?? '').padEnd(3, '0');
    return `${pad2(h)}:${pad2(mi)}:${pad2(s)}.${msPart}Z`;
}

function toList(value: unknown): string[] | undefined {
    if (Array.isArray(value)) {
        const items = value.map(scalarText).filter((s): s is string => s !== undefined && s !== '');
        return items.length === value.length ? items : undefined;
    }
    if (typeof value === 'string') {
        const t = value.trim();
        const embedded = parseEmbeddedJson(t);
        if (Array.isArray(embedded)) return toList(embedded);
        const inner = t.replace(/^\[(.*)\]$/, '$1');
        return inner
            .split(/[;,]/)
            .map((s) => s.trim().replace(/^(['"])(.*)\1$/, '$2'))
            .filter((s) => s !== '');
    }
    const single = scalarText(value);
    return single === undefined ? undefined : [single];
}

function toJson(value: unknown, budget: number): string {
    if (typeof value === 'string') {
        const parsed = parseEmbeddedJson(value);
        return parsed === undefined ? value.trim() : safeStringify(parsed, 2, budget);
    }
    return safeStringify(value, 2, budget);
}

export function applyTransform(transform: Transform, value: unknown, budget: number): Outcome {
    const fail = (what: string): Outcome => ({ ok: false, reason: `${describeValue(value)} is not ${what}` });
    switch (transform) {
        case 'text': {
            const s = scalarText(value);
            if (s !== undefined) return { ok: true, typed: { kind: 'text', value: s } };
            return {
                ok: true,
                typed: { kind: 'text', value: safeStringify(value, 0, budget) },
                note: `expected text but found ${describe(value)}; stored it as JSON`
            };
        }
        case 'number': {
            const n = toNumber(value);
            return n === undefined ? fail('a number') : { ok: true, typed: { kind: 'number', value: n } };
        }
        case 'duration': {
            const n = toDuration(value);
            return n === undefined || n < 0
                ? fail('a duration in seconds')
                : { ok: true, typed: { kind: 'number', value: n } };
        }
        case 'boolean': {
            if (typeof value === 'boolean') return { ok: true, typed: { kind: 'boolean', value } };
            const s = scalarText(value)?.toLowerCase();
            if (s !== undefined && TRUE_WORDS.has(s)) return { ok: true, typed: { kind: 'boolean', value: true } };
            if (s !== undefined && FALSE_WORDS.has(s)) return { ok: true, typed: { kind: 'boolean', value: false } };
            return fail('true or false');
        }
        case 'datetime': {
            const d = toDateTime(value);
            return d === undefined ? fail('a date and time') : { ok: true, typed: { kind: 'datetime', value: d } };
        }
        case 'date': {
            const d = toDate(value);
            return d === undefined ? fail('a date') : { ok: true, typed: { kind: 'date', value: d } };
        }
        case 'time': {
            const t = toTime(value);
            return t === undefined ? fail('a time of day') : { ok: true, typed: { kind: 'time', value: t } };
        }
        case 'list': {
            const l = toList(value);
            return l === undefined ? fail('a list of values') : { ok: true, typed: { kind: 'list', value: l } };
        }
        case 'json':
            return { ok: true, typed: { kind: 'json', value: toJson(value, budget) } };
        default:
            return { ok: false, reason: 'unknown transform' };
    }
}

export function describeValue(value: unknown): string {
    const s = scalarText(value);
    if (s !== undefined) {
        const shown = s.length > 40 ? s.slice(0, 40) + '…' : s;
        return JSON.stringify(shown);
    }
    return describe(value);
}

const TEXT_TYPES = new Set<FieldDataType>(TEXT_DATA_TYPES);
const NUMBER_TYPES = new Set<FieldDataType>(['Double', 'Int', 'Currency', 'Percent']);

/**
 * Which transforms can write which field types. `npm run validate` uses the same table
 * to refuse a mapping record that could never work (e.g. json into a Checkbox).
 */
export function isTransformCompatible(transform: string, dataType: FieldDataType): boolean {
    if (dataType === 'Reference') return transform === 'text';
    if (dataType === 'String' || dataType === 'ComboBox' || dataType === 'TextArea') {
        return (TRANSFORMS as readonly string[]).includes(transform);
    }
    if (TEXT_TYPES.has(dataType)) return transform === 'text' || transform === 'number';
    switch (transform) {
        case 'text':
            return dataType === 'Picklist' || dataType === 'MultiPicklist';
        case 'number':
        case 'duration':
            return NUMBER_TYPES.has(dataType);
        case 'boolean':
            return dataType === 'Boolean';
        case 'datetime':
            return dataType === 'DateTime' || dataType === 'Date' || dataType === 'Time';
        case 'date':
            return dataType === 'Date';
        case 'time':
            return dataType === 'Time';
        case 'list':
            return dataType === 'MultiPicklist' || dataType === 'Picklist';
        default:
            return false;
    }
}

/** The transform that reads a value for a field of this type when no mapping names one (custom fields). */
export function transformFor(dataType: FieldDataType): Transform {
    if (NUMBER_TYPES.has(dataType)) return 'number';
    switch (dataType) {
        case 'Boolean':
            return 'boolean';
        case 'DateTime':
            return 'datetime';
        case 'Date':
            return 'date';
        case 'Time':
            return 'time';
        case 'MultiPicklist':
            return 'list';
        default:
            return 'text';
    }
}

export type Fit = { ok: true; value: FieldValue; notes: string[] } | { ok: false; reason: string };

function fitText(raw: string, field: FieldSchema): Fit {
    const max = field.length ?? 255;
    const text = withoutControls(raw);
    if (text === '') return { ok: false, reason: 'empty' };
    if (text.length > max) {
        return {
            ok: true,
            value: truncate(text, max),
            notes: [`was ${text.length} characters; truncated to ${max}`]
        };
    }
    return { ok: true, value: text, notes: [] };
}

function matchPicklist(value: string, field: FieldSchema): string | undefined {
    const wanted = value.trim().toLowerCase();
    return (field.picklistValues ?? []).find((v) => v.toLowerCase() === wanted);
}

function fitNumber(n: number, field: FieldSchema): Fit {
    const scale = field.dataType === 'Int' ? 0 : (field.scale ?? 0);
    const precision = field.precision ?? 18;
    const factor = 10 ** scale;
    const rounded = Math.round(n * factor) / factor;
    const notes = rounded !== n ? [`${n} rounded to ${rounded}`] : [];
    const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
    if (integerDigits > precision - scale) {
        return { ok: false, reason: `${n} has more than ${precision - scale} digits before the decimal point` };
    }
    return { ok: true, value: rounded, notes };
}

export function fitValue(typed: Typed, field: FieldSchema): Fit {
    const dt = field.dataType;
    if (dt === 'Picklist' || dt === 'MultiPicklist') {
        const items = typed.kind === 'list' ? typed.value : [typedToText(typed)];
        const notes: string[] = [];
        const kept: string[] = [];
        for (const item of items) {
            const match = matchPicklist(item, field);
            if (match !== undefined) {
                if (!kept.includes(match)) kept.push(match);
            } else if (field.restrictedPicklist) {
                notes.push(
                    `${JSON.stringify(item)} is not one of its values (${(field.picklistValues ?? []).join(', ')})`
                );
            } else {
                const kept1 = item.trim().slice(0, 255);
                if (kept1 !== '' && !kept.includes(kept1)) kept.push(kept1);
            }
        }
        if (dt === 'Picklist' && kept.length > 1) {
            notes.push(`only one value fits a picklist; kept ${JSON.stringify(kept[0])}`);
            kept.length = 1;
        }
        if (kept.length === 0) {
            return { ok: false, reason: notes.join('; ') || 'no value' };
        }
        return { ok: true, value: kept.join(';'), notes };
    }
    if (TEXT_TYPES.has(dt) || dt === 'Reference') {
        const text = typed.kind === 'list' ? typed.value.join('; ') : typedToText(typed);
        return fitText(text, field);
    }
    if (NUMBER_TYPES.has(dt)) {
        return typed.kind === 'number'
            ? fitNumber(typed.value, field)
            : { ok: false, reason: `${typed.kind} cannot be written to a number field` };
    }
    if (dt === 'Boolean') {
        return typed.kind === 'boolean'
            ? { ok: true, value: typed.value, notes: [] }
            : { ok: false, reason: `${typed.kind} cannot be written to a checkbox` };
    }
    if (dt === 'DateTime') {
        return typed.kind === 'datetime'
            ? { ok: true, value: typed.value, notes: [] }
            : { ok: false, reason: `${typed.kind} cannot be written to a date/time field` };
    }
    if (dt === 'Date') {
        if (typed.kind === 'date') return { ok: true, value: typed.value, notes: [] };
        if (typed.kind === 'datetime') return { ok: true, value: typed.value.slice(0, 10), notes: [] };
        return { ok: false, reason: `${typed.kind} cannot be written to a date field` };
    }
    if (dt === 'Time') {
        if (typed.kind === 'time') return { ok: true, value: typed.value, notes: [] };
        if (typed.kind === 'datetime') return { ok: true, value: typed.value.slice(11), notes: [] };
        return { ok: false, reason: `${typed.kind} cannot be written to a time field` };
    }
    return { ok: false, reason: `fields of type ${dt} are not supported` };
}

function typedToText(typed: Typed): string {
    switch (typed.kind) {
        case 'list':
            return typed.value.join('; ');
        case 'number':
            return String(typed.value);
        case 'boolean':
            return typed.value ? 'true' : 'false';
        default:
            return typed.value;
    }
}
