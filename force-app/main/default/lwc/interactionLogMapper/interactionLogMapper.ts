/**
 * interactionLogMapper: turns the body of a CRM Connector `requestSaveInteractionLog`
 * message into the fields of an Interaction_Log__c record.
 *
 * Pure: no DOM, no Salesforce imports, never throws. Everything it knows about the
 * payload comes from the mapping records (Interaction_Log_Field_Mapping__mdt), and
 * everything it knows about the record comes from the object schema (the facts
 * getObjectInfo returns on the platform, or the field metadata in force-app offline).
 */

// ---------------------------------------------------------------------------
// Contracts
// ---------------------------------------------------------------------------

/** Text-like data types: any transform's value can be written to them as text. */
const TEXT_DATA_TYPES = ['String', 'ComboBox', 'TextArea', 'Phone', 'Email', 'Url', 'EncryptedString'] as const;

/** Field data types the mapper writes, named as the UI API (getObjectInfo) names them. */
export const FIELD_DATA_TYPES = [
    ...TEXT_DATA_TYPES,
    'Picklist',
    'MultiPicklist',
    'Double',
    'Int',
    'Currency',
    'Percent',
    'Boolean',
    'DateTime',
    'Date',
    'Time',
    'Reference'
] as const;
export type FieldDataType = (typeof FIELD_DATA_TYPES)[number];

export interface ReferenceTarget {
    /** API name of the object the lookup points at, e.g. Contact. */
    apiName: string;
    /** The object's three-character record id prefix, e.g. 003. */
    keyPrefix?: string;
}

export interface FieldSchema {
    apiName: string;
    dataType: FieldDataType;
    label?: string;
    /** Maximum length of text fields, in characters. */
    length?: number;
    /** Total digits of number fields. */
    precision?: number;
    /** Digits after the decimal point of number fields. */
    scale?: number;
    /** Whether the running user may set the field on a new record. */
    createable: boolean;
    /** Whether the running user may change the field on an existing record (default: as createable). */
    updateable?: boolean;
    /** Whether the field is calculated (formula); never written. */
    calculated?: boolean;
    picklistValues?: string[];
    restrictedPicklist?: boolean;
    referenceTo?: ReferenceTarget[];
    externalId?: boolean;
    unique?: boolean;
}

export interface ObjectSchema {
    apiName: string;
    fields: Record<string, FieldSchema>;
}

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

export const LAYER_PACKAGE_DEFAULT = 'Package_Default';
export const LAYER_ORG_OVERRIDE = 'Org_Override';

/** One Interaction_Log_Field_Mapping__mdt record, in plain words. */
export interface FieldMapping {
    /** DeveloperName of the record, used in warnings. */
    name: string;
    /** Dot/bracket paths into the body, separated by `|`; the first with a value wins. */
    sourcePath: string;
    targetObject?: string;
    targetField: string;
    transform: string;
    active: boolean;
    /** Package_Default or Org_Override. */
    layer?: string;
    description?: string;
}

export type FieldValue = string | number | boolean;

export interface MapOptions {
    /** The Salesforce user saving the log; part of the log key. */
    userId?: string;
    /** Keep the body as received in Raw_Payload__c (Interaction_Log_Setting__mdt). */
    storeRawPayload?: boolean;
    /** The body already serialised (the outbox keeps it so): saves serialising it again. */
    bodyJson?: string;
}

export interface MapResult {
    fields: Record<string, FieldValue>;
    warnings: string[];
}

/** A body that passed the shape check: the two properties the vendor documents. */
export interface InteractionLogBody {
    interactionId: string;
    interactionData: Record<string, unknown>;
    [key: string]: unknown;
}

export type BodyCheck = { ok: true; body: InteractionLogBody } | { ok: false; reason: string };

// Fixed API names of the data model (DESIGN.md): reports, tests and admins rely on them.
export const TARGET_OBJECT = 'Interaction_Log__c';
export const FIELD = {
    name: 'Name',
    interactionId: 'Interaction_Id__c',
    logKey: 'Log_Key__c',
    rawPayload: 'Raw_Payload__c',
    warnings: 'Mapping_Warnings__c',
    warningCount: 'Mapping_Warning_Count__c',
    subject: 'Subject__c',
    channel: 'Channel__c',
    direction: 'Direction__c',
    callerName: 'Caller_Name__c',
    callerNumber: 'Caller_Number__c',
    originatingAddress: 'Updated_Originating_Address__c',
    resourceAddress: 'Resource_Address__c',
    endTime: 'End_Time__c',
    nameId: 'Name_Id__c',
    relatedToId: 'Related_To_Id__c',
    taskId: 'Task_Id__c'
} as const;

/** Objects a Name ID (the Who) may point at; every other lookup serves Related To (the What). */
export const WHO_OBJECTS: readonly string[] = ['Contact', 'Lead'];

export const RAW_PAYLOAD_MAX = 131072;
const MAX_ID_LENGTH = 255;
const MAX_DEPTH = 64;
const MAX_EMBEDDED_JSON = 1_000_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// ---------------------------------------------------------------------------
// Body shape
// ---------------------------------------------------------------------------

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return false;
    }
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/**
 * Checks the body the vendor documents: `{ interactionId: string, interactionData: object }`.
 * Returns the body or a reason a person can act on.
 */
export function checkBody(body: unknown): BodyCheck {
    if (body === undefined || body === null) {
        return { ok: false, reason: 'The message has no body (data.message.body).' };
    }
    if (!isPlainObject(body)) {
        return { ok: false, reason: `The message body is ${describe(body)}, not an object.` };
    }
    const id = own(body, 'interactionId');
    if (typeof id !== 'string' || id.trim() === '') {
        return {
            ok: false,
            reason:
                id === undefined
                    ? 'The message body has no interactionId.'
                    : `The message body's interactionId is ${describe(id)}, not text.`
        };
    }
    if (id.length > MAX_ID_LENGTH) {
        return {
            ok: false,
            reason: `The interactionId is ${id.length} characters long; at most ${MAX_ID_LENGTH} are allowed.`
        };
    }
    const data = own(body, 'interactionData');
    if (!isPlainObject(data)) {
        return {
            ok: false,
            reason:
                data === undefined
                    ? 'The message body has no interactionData.'
                    : `The message body's interactionData is ${describe(data)}, not an object.`
        };
    }
    return { ok: true, body: body as InteractionLogBody };
}

/**
 * Finds the body in a whole window message (`{ type, action, data: { message: { body } } }`)
 * or returns the value itself when it already looks like a bare body.
 */
export function extractBody(messageOrBody: unknown): unknown {
    if (!isPlainObject(messageOrBody)) {
        return undefined;
    }
    if (own(messageOrBody, 'interactionId') !== undefined || own(messageOrBody, 'interactionData') !== undefined) {
        return messageOrBody;
    }
    const data = own(messageOrBody, 'data');
    const message = isPlainObject(data) ? own(data, 'message') : undefined;
    return isPlainObject(message) ? own(message, 'body') : undefined;
}

function describe(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'a list';
    if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
    return `a ${typeof value}`;
}

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

function own(container: unknown, key: string): unknown {
    if (container === null || typeof container !== 'object' || FORBIDDEN_KEYS.has(key)) {
        return undefined;
    }
    return Object.prototype.hasOwnProperty.call(container, key)
        ? (container as Record<string, unknown>)[key]
        : undefined;
}

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
    if (!segments) {
        return undefined;
    }
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

function parseEmbeddedJson(text: string): unknown {
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

/** The first non-empty value along the `|`-separated fallbacks, with the path that gave it. */
const fallbackCache = new Map<string, string[]>();

function fallbacks(sourcePath: string): string[] {
    let paths = fallbackCache.get(sourcePath);
    if (!paths) {
        paths = sourcePath
            .split('|')
            .map((p) => p.trim())
            .filter((p) => p !== '');
        if (fallbackCache.size > 2000) fallbackCache.clear();
        fallbackCache.set(sourcePath, paths);
    }
    return paths;
}

export function resolveSource(root: unknown, sourcePath: string): { value: unknown; path: string } | undefined {
    for (const path of fallbacks(sourcePath)) {
        const value = readPath(root, path);
        if (!isEmpty(value)) {
            return { value, path };
        }
    }
    return undefined;
}

// ---------------------------------------------------------------------------
// Safe JSON and text
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Transforms: what the source value means
// ---------------------------------------------------------------------------

type Typed =
    | { kind: 'text'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'datetime'; value: string }
    | { kind: 'date'; value: string }
    | { kind: 'time'; value: string }
    | { kind: 'list'; value: string[] }
    | { kind: 'json'; value: string };

type Outcome = { ok: true; typed: Typed; note?: string } | { ok: false; reason: string };

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

/** Epoch milliseconds, ISO 8601 (UTC when no zone is given) or `YYYY-MM-DD HH:mm:ss`. */
function toDateTime(value: unknown): string | undefined {
    let ms: number | undefined;
    if (typeof value === 'number') {
        ms = value;
    } else if (typeof value === 'string') {
        const t = value.trim();
        if (/^\d{10,14}$/.test(t)) {
            ms = Number(t);
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

function applyTransform(transform: Transform, value: unknown, budget: number): Outcome {
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

function describeValue(value: unknown): string {
    const s = scalarText(value);
    if (s !== undefined) {
        const shown = s.length > 40 ? s.slice(0, 40) + '…' : s;
        return JSON.stringify(shown);
    }
    return describe(value);
}

// ---------------------------------------------------------------------------
// Fitting a typed value to a field
// ---------------------------------------------------------------------------

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

type Fit = { ok: true; value: FieldValue; notes: string[] } | { ok: false; reason: string };

function fitText(text: string, field: FieldSchema): Fit {
    const max = field.length ?? 255;
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

function fitValue(typed: Typed, field: FieldSchema): Fit {
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

// ---------------------------------------------------------------------------
// Mapping records
// ---------------------------------------------------------------------------

/**
 * The mapping records that apply, one per target field: an active Org override always
 * wins over the package default for the same field; an override with an empty source
 * path switches the field off. Sorted by target field so the output is stable.
 */
const effectiveCache = new WeakMap<readonly FieldMapping[], Map<string, FieldMapping[]>>();

export function effectiveMappings(
    mappings: readonly FieldMapping[],
    targetObject: string = TARGET_OBJECT
): FieldMapping[] {
    // The same records arrive with every message: choose once per list of records.
    let byObject = effectiveCache.get(mappings);
    if (!byObject) {
        byObject = new Map();
        effectiveCache.set(mappings, byObject);
    }
    const cached = byObject.get(targetObject);
    if (cached) return cached;
    const result = chooseMappings(mappings, targetObject);
    byObject.set(targetObject, result);
    return result;
}

function chooseMappings(mappings: readonly FieldMapping[], targetObject: string): FieldMapping[] {
    const chosen = new Map<string, FieldMapping>();
    const sorted = [...mappings]
        .filter((m) => m && m.active && typeof m.targetField === 'string' && m.targetField.trim() !== '')
        .filter((m) => (m.targetObject ?? TARGET_OBJECT) === targetObject)
        .sort((a, b) => layerRank(b) - layerRank(a) || String(a.name).localeCompare(String(b.name)));
    for (const mapping of sorted) {
        const key = mapping.targetField.trim();
        if (!chosen.has(key)) chosen.set(key, mapping);
    }
    return [...chosen.values()]
        .filter((m) => (m.sourcePath ?? '').trim() !== '')
        .sort((a, b) => a.targetField.localeCompare(b.targetField));
}

function layerRank(mapping: FieldMapping): number {
    return mapping.layer === LAYER_ORG_OVERRIDE ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Record ids and routing
// ---------------------------------------------------------------------------

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

const candidateCache = new WeakMap<ObjectSchema, { who: FieldSchema[]; what: FieldSchema[] }>();

/**
 * Custom lookups on the object that may hold a Who (Contact, Lead) or a What (anything
 * else), worked out once per schema.
 */
function routeCandidates(schema: ObjectSchema, who: boolean): FieldSchema[] {
    let cached = candidateCache.get(schema);
    if (!cached) {
        const lookups = Object.values(schema.fields).filter(
            (f) => f.dataType === 'Reference' && f.apiName.endsWith('__c') && (f.referenceTo ?? []).length > 0
        );
        const isWho = (f: FieldSchema) => (f.referenceTo ?? []).every((t) => WHO_OBJECTS.includes(t.apiName));
        const isWhat = (f: FieldSchema) => (f.referenceTo ?? []).every((t) => !WHO_OBJECTS.includes(t.apiName));
        cached = { who: lookups.filter(isWho), what: lookups.filter(isWhat) };
        candidateCache.set(schema, cached);
    }
    return who ? cached.who : cached.what;
}

function route(
    rawId: string,
    sourceField: string,
    who: boolean,
    schema: ObjectSchema,
    fields: Record<string, FieldValue>,
    warn: (field: string, text: string) => void
): void {
    const candidates = routeCandidates(schema, who);
    const targets = candidates.flatMap((f) => (f.referenceTo ?? []).map((t) => t.apiName));
    const id = normalizeRecordId(rawId);
    if (!id) {
        warn(sourceField, `${JSON.stringify(rawId)} is not a Salesforce record id; no lookup was set`);
        return;
    }
    const prefix = id.slice(0, 3);
    const match = candidates.find((f) => (f.referenceTo ?? []).some((t) => t.keyPrefix === prefix));
    if (!match) {
        warn(
            sourceField,
            `id ${id} (prefix ${prefix}) matches none of the lookups for ${targets.join(', ') || 'no object'}; kept as text only`
        );
        return;
    }
    if (!match.createable) {
        warn(match.apiName, `not createable for this user; ${id} kept in ${sourceField} only`);
        return;
    }
    fields[match.apiName] = id;
}

// ---------------------------------------------------------------------------
// Log key
// ---------------------------------------------------------------------------

export interface LogKeyParts {
    interactionId: string;
    userId?: string;
    resourceAddress?: string;
    endTime?: string;
}

/**
 * One interaction leg for one agent: interaction id, Salesforce user, agent station and
 * the leg's end time, joined by `|`. Keys longer than the field keep their start and end
 * with a hash of the whole in between, so they stay unique and readable.
 */
export function buildLogKey(parts: LogKeyParts): string {
    const key = [parts.interactionId, parts.userId ?? '', parts.resourceAddress ?? '', parts.endTime ?? '']
        .map((p) => String(p).replace(/\|/g, '/'))
        .join('|');
    if (key.length <= 255) return key;
    const hash = fnv1a(key);
    return `${key.slice(0, 200)}…${hash}…${key.slice(key.length - 40)}`;
}

function fnv1a(text: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i += 1) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------
// The mapper
// ---------------------------------------------------------------------------

/**
 * Maps a message body onto Interaction_Log__c fields. Never throws: whatever cannot be
 * mapped becomes a line in `warnings` (and in Mapping_Warnings__c).
 */
export function mapInteractionLog(
    body: unknown,
    mappings: readonly FieldMapping[],
    schema: ObjectSchema,
    options: MapOptions = {}
): MapResult {
    const fields: Record<string, FieldValue> = {};
    const warnings: string[] = [];
    const warn = (field: string, text: string): void => {
        warnings.push(`${field}: ${text}`);
    };
    const check = checkBody(body);
    if (!check.ok) {
        warn('Message', check.reason);
    }
    try {
        mapInto(body, check, mappings, schema, options, fields, warn);
    } catch (error) {
        // Defence in depth: the steps above are written not to throw.
        warn('Mapper', `stopped early (${error instanceof Error ? error.message : String(error)})`);
    }
    finish(body, check, schema, options, fields, warnings);
    return { fields, warnings };
}

function mapInto(
    body: unknown,
    check: BodyCheck,
    mappings: readonly FieldMapping[],
    schema: ObjectSchema,
    options: MapOptions,
    fields: Record<string, FieldValue>,
    warn: (field: string, text: string) => void
): void {
    const budget = RAW_PAYLOAD_MAX * 2;
    for (const mapping of effectiveMappings(mappings, schema.apiName)) {
        const target = mapping.targetField.trim();
        const field = own(schema.fields, target) as FieldSchema | undefined;
        if (!field) {
            warn(target, `mapping ${mapping.name} targets a field that does not exist on ${schema.apiName}`);
            continue;
        }
        if (field.calculated) {
            warn(target, `mapping ${mapping.name} targets a formula field, which cannot be written`);
            continue;
        }
        const transform = String(mapping.transform ?? '').trim() as Transform;
        if (!(TRANSFORMS as readonly string[]).includes(transform)) {
            warn(target, `mapping ${mapping.name} has an unknown transform "${mapping.transform}"`);
            continue;
        }
        if (!isTransformCompatible(transform, field.dataType)) {
            warn(target, `mapping ${mapping.name} cannot write a ${transform} value to a ${field.dataType} field`);
            continue;
        }
        const found = resolveSource(body, mapping.sourcePath);
        if (!found) continue;
        if (!field.createable) {
            warn(target, 'not createable for this user; value skipped');
            continue;
        }
        const outcome = applyTransform(transform, found.value, budget);
        if (!outcome.ok) {
            warn(target, `${outcome.reason} (from ${found.path}); value skipped`);
            continue;
        }
        if (outcome.note) warn(target, outcome.note);
        const fit = fitValue(outcome.typed, field);
        if (!fit.ok) {
            if (fit.reason !== 'empty') warn(target, `${fit.reason}; value skipped`);
            continue;
        }
        for (const note of fit.notes) warn(target, note);
        fields[target] = fit.value;
    }
    const nameId = fields[FIELD.nameId];
    if (typeof nameId === 'string') route(nameId, FIELD.nameId, true, schema, fields, warn);
    const relatedId = fields[FIELD.relatedToId];
    if (typeof relatedId === 'string') route(relatedId, FIELD.relatedToId, false, schema, fields, warn);
    if (check.ok && fields[FIELD.interactionId] === undefined && isWritable(schema, FIELD.interactionId)) {
        fields[FIELD.interactionId] = truncate(check.body.interactionId.trim(), MAX_ID_LENGTH);
    }
}

/** Name, log key, raw payload and warnings: the fields every log gets. */
function finish(
    body: unknown,
    check: BodyCheck,
    schema: ObjectSchema,
    options: MapOptions,
    fields: Record<string, FieldValue>,
    warnings: string[]
): void {
    const has = (api: string): boolean => isWritable(schema, api);
    const text = (api: string): string | undefined => {
        const v = fields[api];
        return typeof v === 'string' && v !== '' ? v : undefined;
    };
    const interactionId = text(FIELD.interactionId);
    if (has(FIELD.name)) {
        fields[FIELD.name] = truncate(buildName(fields, interactionId), 80);
    }
    // Only a well-formed body identifies an interaction; anything else gets no key.
    if (check.ok && interactionId && has(FIELD.logKey)) {
        fields[FIELD.logKey] = buildLogKey({
            interactionId,
            userId: options.userId,
            resourceAddress: text(FIELD.resourceAddress),
            endTime: text(FIELD.endTime)
        });
    }
    if (options.storeRawPayload !== false && has(FIELD.rawPayload) && body !== undefined) {
        const max = Math.min(schema.fields[FIELD.rawPayload].length ?? RAW_PAYLOAD_MAX, RAW_PAYLOAD_MAX);
        const raw = options.bodyJson ?? safeStringify(body, 0, max + 1);
        if (raw.length > max)
            warnings.push(`${FIELD.rawPayload}: the body is larger than ${max} characters; truncated`);
        fields[FIELD.rawPayload] = truncate(raw, max);
    }
    applyWarnings(fields, warnings, schema);
}

/** Writes the warnings into Mapping_Warnings__c and their count into Mapping_Warning_Count__c. */
export function applyWarnings(
    fields: Record<string, FieldValue>,
    warnings: readonly string[],
    schema: ObjectSchema
): void {
    if (isWritable(schema, FIELD.warningCount)) {
        fields[FIELD.warningCount] = warnings.length;
    }
    if (isWritable(schema, FIELD.warnings)) {
        if (warnings.length > 0) {
            fields[FIELD.warnings] = truncate(warnings.join('\n'), schema.fields[FIELD.warnings].length ?? 32768);
        } else {
            delete fields[FIELD.warnings];
        }
    }
}

function isWritable(schema: ObjectSchema, api: string): boolean {
    const f = own(schema.fields, api) as FieldSchema | undefined;
    return Boolean(f && f.createable && !f.calculated);
}

function buildName(fields: Record<string, FieldValue>, interactionId: string | undefined): string {
    const text = (api: string): string => {
        const v = fields[api];
        return typeof v === 'string' ? v.trim() : '';
    };
    const subject = text(FIELD.subject);
    if (subject) return subject;
    const who = text(FIELD.callerName) || text(FIELD.callerNumber) || text(FIELD.originatingAddress);
    const what = [text(FIELD.direction), text(FIELD.channel)].filter(Boolean).join(' ');
    const parts = [what || 'Interaction', who ? `with ${who}` : ''].filter(Boolean).join(' ');
    if (parts !== 'Interaction') return parts;
    return interactionId ? `Interaction ${interactionId}` : 'Interaction (no ID)';
}
