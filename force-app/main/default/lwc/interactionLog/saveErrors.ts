/**
 * saveErrors: what Salesforce answered when a save failed, read once into one shape, and
 * said twice: a short sentence for the agent, the full detail for the admin. Also decides
 * whether a failure is transient (retry later) or needs a person. Every error the package
 * shows (saves, configuration, searches) goes through `normalizeSaveError`.
 */
import { own, ownText } from 'c/safeData';
import { FIELD } from './logSchema';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

export interface SaveError {
    status?: number;
    network: boolean;
    /** Errors not tied to a field. */
    errors: { code: string; message: string; field?: string }[];
    /** Errors tied to a field, by field API name. */
    fieldErrors: Record<string, { code: string; message: string }[]>;
}

const TRANSIENT_CODES = new Set([
    'UNABLE_TO_LOCK_ROW',
    'INVALID_SESSION_ID',
    'SERVER_UNAVAILABLE',
    'SERVICE_UNAVAILABLE',
    'REQUEST_LIMIT_EXCEEDED',
    'REQUEST_RUNNING_TOO_LONG',
    'QUERY_TIMEOUT',
    'CONCURRENT_REQUESTS_LIMIT_EXCEEDED'
]);

function isObject(value: unknown): value is object {
    return value !== null && typeof value === 'object';
}

function entries(value: unknown): [string, unknown][] {
    return isObject(value) ? Object.entries(value) : [];
}

function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/**
 * Reads whatever LDS or Apex rejected with (a UI API FetchResponse with a RecordError body,
 * an array of errors, or a plain Error when the network failed) into one shape.
 */
export function normalizeSaveError(error: unknown): SaveError {
    const result: SaveError = { network: false, errors: [], fieldErrors: {} };
    if (!isObject(error)) {
        result.network = true;
        result.errors.push({ code: 'UNKNOWN', message: String(error) });
        return result;
    }
    const status = own(error, 'status');
    if (typeof status === 'number') result.status = status;
    const addError = (item: unknown, field = ownText(item, 'field') || undefined): void => {
        if (!isObject(item)) return;
        const entry = { code: ownText(item, 'errorCode') || 'UNKNOWN', message: ownText(item, 'message') };
        if (field) {
            (result.fieldErrors[field] ??= []).push(entry);
        } else {
            result.errors.push(entry);
        }
    };
    const addFieldErrors = (byField: unknown): void => {
        for (const [field, items] of entries(byField)) list(items).forEach((item) => addError(item, field));
    };
    const body = own(error, 'body');
    if (Array.isArray(body)) {
        body.forEach((item) => addError(item));
    } else if (isObject(body)) {
        const output = own(body, 'output');
        list(own(output, 'errors')).forEach((item) => addError(item));
        addFieldErrors(own(output, 'fieldErrors'));
        addFieldErrors(own(body, 'fieldErrors'));
        list(own(body, 'pageErrors')).forEach((item) => addError(item, ''));
        if (result.errors.length === 0 && Object.keys(result.fieldErrors).length === 0) {
            result.errors.push({
                code: ownText(body, 'errorCode') || 'UNKNOWN',
                message: ownText(body, 'message') || ownText(error, 'statusText')
            });
        }
    } else {
        // No response body: the request never reached Salesforce (offline, DNS, aborted).
        result.network = result.status === undefined || result.status === 0;
        result.errors.push({
            code: result.network ? 'NETWORK' : 'UNKNOWN',
            message: ownText(error, 'message') || ownText(error, 'statusText') || 'No response'
        });
    }
    return result;
}

function allErrors(error: SaveError): { code: string; message: string; field?: string }[] {
    return [
        ...error.errors,
        ...Object.entries(error.fieldErrors).flatMap(([field, items]) => items.map((x) => ({ ...x, field })))
    ];
}

export function isTransient(error: SaveError): boolean {
    if (error.network) return true;
    if (error.status !== undefined && (error.status >= 500 || error.status === 401 || error.status === 429))
        return true;
    return allErrors(error).some((x) => TRANSIENT_CODES.has(x.code));
}

/** The id of the record already holding this log key, when the error is a Log_Key__c duplicate. */
export function duplicateLogKey(error: SaveError): { recordId?: string } | undefined {
    const dup = allErrors(error).find((x) => x.code === 'DUPLICATE_VALUE');
    if (!dup) return undefined;
    // Salesforce says "duplicate value found: Log_Key__c duplicates value on record with id: …".
    if (dup.field && dup.field !== FIELD.logKey) return undefined;
    if (!dup.field && /\w+__c\b/.test(dup.message) && !dup.message.includes(FIELD.logKey)) return undefined;
    const match = /record with id:\s*([a-zA-Z0-9]{15,18})/i.exec(dup.message);
    return { recordId: match ? match[1] : undefined };
}

/** Fields Salesforce refused, with the reason for each; `INVALID_FIELD` names the field in its message. */
export function rejectedFields(error: SaveError, sent: Record<string, unknown>): Map<string, string> {
    const rejected = new Map<string, string>();
    for (const x of allErrors(error)) {
        let field = x.field;
        if (!field) {
            const named = /'([A-Za-z0-9_]+)'|\b([A-Za-z0-9_]+__c)\b/.exec(x.message);
            const candidate = named ? (named[1] ?? named[2]) : undefined;
            if (candidate && Object.prototype.hasOwnProperty.call(sent, candidate)) field = candidate;
        }
        if (field && Object.prototype.hasOwnProperty.call(sent, field) && !rejected.has(field)) {
            rejected.set(field, `${x.code}: ${x.message}`.trim());
        }
    }
    return rejected;
}

export function describeError(error: SaveError): string {
    const lines = allErrors(error).map(
        (x) => `${x.field ? x.field + ': ' : ''}${x.code}${x.message ? ' - ' + x.message : ''}`
    );
    return [error.status !== undefined ? `HTTP ${error.status}` : '', ...lines].filter(Boolean).join('\n');
}

/** One short sentence for the agent. */
export function agentMessage(error: SaveError): string {
    const codes = new Set(allErrors(error).map((x) => x.code));
    if (error.network) return LABELS.saveOffline;
    if (error.status === 401 || codes.has('INVALID_SESSION_ID')) return LABELS.saveSessionExpired;
    if (codes.has('UNABLE_TO_LOCK_ROW')) return LABELS.saveBusy;
    if (isTransient(error)) return LABELS.saveNotAnswering;
    const first = allErrors(error)[0];
    const reason = first?.message ? first.message.replace(/\s+/g, ' ').slice(0, 160) : LABELS.saveRefusedNoReason;
    return formatLabel(LABELS.saveRefused, reason);
}

/** The first message of any error, in one line: what a status line can show. */
export function errorMessage(error: unknown): string {
    const first = allErrors(normalizeSaveError(error)).find((x) => x.message);
    return first ? first.message.replace(/\s+/g, ' ') : LABELS.unknownError;
}

/** A failed save in the words the outbox and the agent need. */
export interface SaveFailure {
    transient: boolean;
    /** Short, for the agent. */
    message: string;
    /** Full, for the admin. */
    detail: string;
}

export function failureOf(error: SaveError, detail: string = describeError(error)): SaveFailure {
    return { transient: isTransient(error), message: agentMessage(error), detail };
}
