/**
 * connectorProtocol: the conversation between the host (this package's crmConnector
 * component) and the Avaya CRM Connector in its iframe.
 *
 * What is known (the vendor's pages and its public sample client for the generic CRM
 * Connector framework):
 * - connector → host messages are `{ type: 'CRMConnectMessage', action, data }`;
 *   host → connector messages are `{ type: 'ClientAppMessage', action, data }`.
 * - Handshake: `ready` is answered with `ready` (the connector repeats it until answered),
 *   `requestCrmData` with `crmData` `{ callCenterSettings, currentUser, capabilities }`.
 * - `requestSaveInteractionLog` carries `data.message.body` `{ interactionId, interactionData }`
 *   and `data.header`; it is one-way. The vendor's sample answers a saved log with
 *   `createHistoryItem` `{ taskId, data: { ...data, logParameters, msgData: { message, header } } }`.
 * - `requestCustomFieldsValues` carries `data.object.voice[]` / `data.object.digital[]` and is
 *   answered with `customFieldsDataResponse` whose `data` is a JSON string.
 * - `requestPerformInteractionScreenPop` carries `data.aniValues`, a list whose first (or
 *   else second) entry is the customer's address; `requestNavigateToClickToDialResult`
 *   carries `data.recordId`, the record to open; `requestOpenReports` has no data.
 * - The vendor's sample describes CRM records to the connector as
 *   `{ nameObjects, relatedToObjects, pageInfo }`, each object `{ isName, isRelatedTo,
 *   pageInfo: { recordId, recordName, objectType, url } }` (in its click-to-dial answer);
 *   this is how the connector fills its Name and Related To options.
 * What is assumed:
 * - `displayErrorNotification` takes `data: { message }`.
 * - For digital channels `aniValues` holds the customer's email address or handle.
 * - The connector accepts that record description on its own, as `crmPageInfo`, whenever
 *   the agent's records change (the vendor documents no such action; the connector ignores
 *   actions it does not know, so a wrong guess costs nothing). `objectType` is the object's
 *   API name, as in Salesforce's own Open CTI page info.
 *
 * Pure: no DOM access beyond the MessageEvent-like values passed in, no Salesforce imports.
 */
import { isPlainObject, normalizeRecordId, own as ownValue, safeStringify } from 'c/safeData';
import { isWhoObject, recordUrl, type RecordSummary } from 'c/crmRecord';
import { checkBody, type InteractionLogBody, type ObjectSchema } from 'c/interactionLog';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

export const CONNECTOR_MESSAGE_TYPE = 'CRMConnectMessage';
export const HOST_MESSAGE_TYPE = 'ClientAppMessage';

/** Largest body accepted, in characters of JSON (about 1 MB): real logs are a few KB. */
export const MAX_BODY_CHARACTERS = 1_000_000;

/** Actions the connector sends that this package knows of but does not act on (yet). */
export const KNOWN_UNHANDLED_ACTIONS: readonly string[] = ['requestGetCrmDirectory', 'requestEnableClickToDial'];

/** Most addresses read from one screen pop request. */
export const MAX_ANI_VALUES = 5;

// ---------------------------------------------------------------------------
// Message contract: connector → host
// ---------------------------------------------------------------------------

export interface ReadyMessage {
    action: 'ready';
}

export interface RequestCrmDataMessage {
    action: 'requestCrmData';
}

export interface SaveInteractionLogMessage {
    action: 'requestSaveInteractionLog';
    body: InteractionLogBody;
    /** `data.header` when present (messageId, timestamp). */
    header?: Record<string, unknown>;
    /** The body as JSON, serialised once, safely (cycles and depth bounded). */
    bodyJson: string;
}

export interface RequestCustomFieldsValuesMessage {
    action: 'requestCustomFieldsValues';
    voice: string[];
    digital: string[];
}

export interface ScreenPopMessage {
    action: 'requestPerformInteractionScreenPop';
    /** The non-empty addresses in `data.aniValues`, in order, trimmed, at most MAX_ANI_VALUES. */
    aniValues: string[];
}

export interface NavigateToRecordMessage {
    action: 'requestNavigateToClickToDialResult';
    /** The 18-character id of the record to open. */
    recordId: string;
}

export interface OpenReportsMessage {
    action: 'requestOpenReports';
}

export interface KnownUnhandledMessage {
    action: 'unhandled';
    name: string;
}

export type ConnectorMessage =
    | ReadyMessage
    | RequestCrmDataMessage
    | SaveInteractionLogMessage
    | RequestCustomFieldsValuesMessage
    | ScreenPopMessage
    | NavigateToRecordMessage
    | OpenReportsMessage
    | KnownUnhandledMessage;

export type RejectionReason = 'origin' | 'source' | 'type' | 'shape' | 'body' | 'size' | 'unknown-action';

export type Verdict =
    { kind: 'accepted'; message: ConnectorMessage } | { kind: 'rejected'; reason: RejectionReason; detail: string };

/** What the gate needs to know: which origins may talk, and which window is ours. */
export interface Gate {
    allowedOrigins: readonly string[];
    /** The hosted iframe's window (`iframe.contentWindow`); nothing is accepted without it. */
    frameWindow: unknown;
}

/** The parts of a MessageEvent the gate reads. */
export interface MessageLike {
    origin: string;
    source: unknown;
    data: unknown;
}

// ---------------------------------------------------------------------------
// Origins
// ---------------------------------------------------------------------------

/**
 * The origin (`scheme://host[:port]`) of an http(s) URL, or undefined. Default ports are
 * dropped exactly as browsers do in `MessageEvent.origin`.
 */
export function originOf(url: string | null | undefined): string | undefined {
    if (typeof url !== 'string' || url.trim() === '') return undefined;
    try {
        const parsed = new URL(url.trim());
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
        if (parsed.username || parsed.password) return undefined;
        return parsed.origin;
    } catch {
        return undefined;
    }
}

/**
 * The origins allowed to talk to the host: the ones configured (one per line, or separated
 * by commas or spaces), each reduced to its origin, or the connector URL's origin when none
 * are configured. Entries that are not http(s) origins are returned in `invalid`.
 */
export function allowedOriginsFrom(
    connectorUrl: string | null | undefined,
    configured: string | null | undefined
): { origins: string[]; invalid: string[] } {
    const entries = (configured ?? '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const invalid: string[] = [];
    const origins: string[] = [];
    for (const entry of entries) {
        const origin = originOf(entry);
        // An entry with a path is a URL, not an origin: refuse rather than guess.
        if (!origin || entry.replace(/\/$/, '') !== origin) invalid.push(entry);
        else if (!origins.includes(origin)) origins.push(origin);
    }
    if (entries.length === 0) {
        const own = originOf(connectorUrl);
        if (own) origins.push(own);
    }
    return { origins, invalid };
}

// ---------------------------------------------------------------------------
// The gate
// ---------------------------------------------------------------------------

function reject(reason: RejectionReason, detail: string): Verdict {
    return { kind: 'rejected', reason, detail };
}

/** "<action> without <part>.": a message that lacks what its action needs. */
function missing(action: string, part: string): string {
    return formatLabel(LABELS.detailMissing, action, part);
}

/**
 * Decides whether a window message is genuine (allowed origin **and** sent by the hosted
 * iframe's window, with the connector's message type) and well formed. Never throws.
 */
export function judgeMessage(event: MessageLike, gate: Gate): Verdict {
    try {
        return judge(event, gate);
    } catch (error) {
        return reject(
            'shape',
            formatLabel(LABELS.detailUnreadable, error instanceof Error ? error.message : String(error))
        );
    }
}

function judge(event: MessageLike, gate: Gate): Verdict {
    const origin = typeof event.origin === 'string' ? event.origin : String(event.origin);
    if (!gate.allowedOrigins.includes(origin)) {
        return reject('origin', formatLabel(LABELS.detailOrigin, origin || LABELS.detailUnknownOrigin));
    }
    if (gate.frameWindow === null || gate.frameWindow === undefined || event.source !== gate.frameWindow) {
        return reject('source', formatLabel(LABELS.detailSource, origin));
    }
    const data = event.data;
    if (!isPlainObject(data)) {
        return reject('shape', LABELS.detailNotObject);
    }
    if (ownValue(data, 'type') !== CONNECTOR_MESSAGE_TYPE) {
        const type = JSON.stringify(String(ownValue(data, 'type'))).slice(0, 80);
        return reject('type', formatLabel(LABELS.detailType, type, CONNECTOR_MESSAGE_TYPE));
    }
    const action = ownValue(data, 'action');
    const payload = ownValue(data, 'data');
    switch (action) {
        case 'ready':
            return { kind: 'accepted', message: { action: 'ready' } };
        case 'requestCrmData':
            return { kind: 'accepted', message: { action: 'requestCrmData' } };
        case 'requestSaveInteractionLog':
            return parseSaveInteractionLog(payload);
        case 'requestCustomFieldsValues':
            return parseCustomFieldsRequest(payload);
        case 'requestPerformInteractionScreenPop':
            return parseScreenPop(payload);
        case 'requestNavigateToClickToDialResult':
            return parseNavigateToRecord(payload);
        case 'requestOpenReports':
            return { kind: 'accepted', message: { action: 'requestOpenReports' } };
        default:
            if (typeof action === 'string' && KNOWN_UNHANDLED_ACTIONS.includes(action)) {
                return { kind: 'accepted', message: { action: 'unhandled', name: action } };
            }
            return reject(
                'unknown-action',
                formatLabel(LABELS.detailUnknownAction, JSON.stringify(String(action)).slice(0, 80))
            );
    }
}

function parseSaveInteractionLog(payload: unknown): Verdict {
    if (!isPlainObject(payload)) {
        return reject('shape', missing('requestSaveInteractionLog', 'data'));
    }
    const message = ownValue(payload, 'message');
    if (!isPlainObject(message)) {
        return reject('body', missing('requestSaveInteractionLog', 'data.message'));
    }
    const check = checkBody(ownValue(message, 'body'));
    if (!check.ok) {
        return reject('body', check.reason);
    }
    const bodyJson = safeStringify(check.body, 0, MAX_BODY_CHARACTERS + 1);
    if (bodyJson.length > MAX_BODY_CHARACTERS) {
        return reject(
            'size',
            formatLabel(LABELS.detailTooLarge, check.body.interactionId.slice(0, 80), MAX_BODY_CHARACTERS)
        );
    }
    // The body is kept as its own JSON copy: later code never touches the sender's objects.
    const body = JSON.parse(bodyJson) as InteractionLogBody;
    const header = ownValue(payload, 'header');
    return {
        kind: 'accepted',
        message: {
            action: 'requestSaveInteractionLog',
            body,
            bodyJson,
            header: isPlainObject(header) ? header : undefined
        }
    };
}

function stringList(value: unknown): string[] {
    return Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
        : [];
}

function parseCustomFieldsRequest(payload: unknown): Verdict {
    const object = isPlainObject(payload) ? ownValue(payload, 'object') : undefined;
    if (!isPlainObject(object)) {
        return reject('shape', missing('requestCustomFieldsValues', 'data.object'));
    }
    return {
        kind: 'accepted',
        message: {
            action: 'requestCustomFieldsValues',
            voice: stringList(ownValue(object, 'voice')),
            digital: stringList(ownValue(object, 'digital'))
        }
    };
}

function parseScreenPop(payload: unknown): Verdict {
    const values = isPlainObject(payload) ? ownValue(payload, 'aniValues') : undefined;
    // Numbers are accepted too: a connector may send a bare extension as a number.
    // Only the first entries are read: a connector sends one or two.
    const list = Array.isArray(values)
        ? values
              .slice(0, MAX_ANI_VALUES * 4)
              .map((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v))
              .filter((v): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 320)
              .map((v) => v.trim())
        : [];
    if (list.length === 0) {
        return reject('shape', missing('requestPerformInteractionScreenPop', 'data.aniValues'));
    }
    return {
        kind: 'accepted',
        message: {
            action: 'requestPerformInteractionScreenPop',
            aniValues: [...new Set(list)].slice(0, MAX_ANI_VALUES)
        }
    };
}

function parseNavigateToRecord(payload: unknown): Verdict {
    const value = isPlainObject(payload) ? ownValue(payload, 'recordId') : undefined;
    const recordId = typeof value === 'string' ? normalizeRecordId(value) : undefined;
    if (!recordId) {
        return reject('shape', missing('requestNavigateToClickToDialResult', 'data.recordId'));
    }
    return { kind: 'accepted', message: { action: 'requestNavigateToClickToDialResult', recordId } };
}

// ---------------------------------------------------------------------------
// Rejection counts (for the admin view of the status panel)
// ---------------------------------------------------------------------------

export const REASON_LABELS: Readonly<Record<RejectionReason, string>> = {
    origin: LABELS.reasonOrigin,
    source: LABELS.reasonSource,
    type: LABELS.reasonType,
    shape: LABELS.reasonShape,
    body: LABELS.reasonBody,
    size: LABELS.reasonSize,
    'unknown-action': LABELS.reasonUnknownAction
};

export class RejectionCounter {
    private readonly counts = new Map<RejectionReason, number>();
    private lastDetail = '';

    record(reason: RejectionReason, detail: string): void {
        this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
        this.lastDetail = detail;
    }

    get total(): number {
        let sum = 0;
        for (const n of this.counts.values()) sum += n;
        return sum;
    }

    get last(): string {
        return this.lastDetail;
    }

    /** Counts by reason, in a fixed order, without zeros. */
    summary(): { reason: RejectionReason; label: string; count: number }[] {
        return (Object.keys(REASON_LABELS) as RejectionReason[])
            .map((reason) => ({ reason, label: REASON_LABELS[reason], count: this.counts.get(reason) ?? 0 }))
            .filter((row) => row.count > 0);
    }
}

// ---------------------------------------------------------------------------
// Host → connector messages
// ---------------------------------------------------------------------------

export interface HostMessage {
    type: typeof HOST_MESSAGE_TYPE;
    action:
        | 'ready'
        | 'crmData'
        | 'customFieldsDataResponse'
        | 'createHistoryItem'
        | 'displayErrorNotification'
        | typeof RECORD_CONTEXT_ACTION;
    data: unknown;
}

export interface CurrentUser {
    attributes: { type: 'User' };
    Id: string;
    Name: string;
    Username: string;
    LanguageLocaleKey: string;
}

export interface Capabilities {
    directoryAvailable: boolean;
    name: string;
    reloadsOnNavigation: boolean;
    lightningComponentsAvailable: boolean;
}

/** What this host can honestly do today. */
export const HOST_CAPABILITIES: Readonly<Capabilities> = {
    directoryAvailable: false,
    name: 'Interaction Log for Salesforce',
    reloadsOnNavigation: false,
    lightningComponentsAvailable: true
};

export function readyReply(): HostMessage {
    return { type: HOST_MESSAGE_TYPE, action: 'ready', data: {} };
}

export function crmDataReply(
    currentUser: CurrentUser,
    callCenterSettings: Record<string, unknown>,
    capabilities: Capabilities = HOST_CAPABILITIES
): HostMessage {
    return {
        type: HOST_MESSAGE_TYPE,
        action: 'crmData',
        data: { callCenterSettings, currentUser, capabilities: { ...capabilities } }
    };
}

export function currentUserFrom(user: {
    id: string;
    name?: string | null;
    username?: string | null;
    languageLocaleKey?: string | null;
}): CurrentUser {
    return {
        attributes: { type: 'User' },
        Id: user.id,
        Name: user.name ?? '',
        Username: user.username ?? '',
        LanguageLocaleKey: user.languageLocaleKey ?? 'en_US'
    };
}

/**
 * Reads the admin's call center settings (a JSON object in the setting record); anything
 * else becomes an empty object plus a problem to show the admin.
 */
export function parseCallCenterSettings(text: string | null | undefined): {
    settings: Record<string, unknown>;
    problem?: string;
} {
    if (!text || text.trim() === '') return { settings: {} };
    try {
        const parsed: unknown = JSON.parse(text);
        if (isPlainObject(parsed)) return { settings: parsed };
        return { settings: {}, problem: 'Call Center Settings must be a JSON object.' };
    } catch (error) {
        return { settings: {}, problem: `Call Center Settings is not valid JSON (${(error as Error).message}).` };
    }
}

/**
 * Answers requestCustomFieldsValues from the Interaction_Log__c schema: each requested
 * name that is a field the user can write is described as STRING or PICKLIST. The
 * connector expects `data` to be a JSON string.
 */
export function customFieldsReply(
    request: RequestCustomFieldsValuesMessage,
    schema: ObjectSchema | undefined
): HostMessage {
    const describeAll = (names: string[]): Record<string, unknown> => {
        const out: Record<string, unknown> = {};
        for (const name of names) {
            const field =
                schema && Object.prototype.hasOwnProperty.call(schema.fields, name) ? schema.fields[name] : undefined;
            if (!field || !field.createable) continue;
            out[name] = {
                customFieldInfo: {
                    customFieldType: field.dataType === 'Picklist' ? 'PICKLIST' : 'STRING',
                    customFieldLabel: field.label ?? name
                }
            };
        }
        return out;
    };
    return {
        type: HOST_MESSAGE_TYPE,
        action: 'customFieldsDataResponse',
        data: JSON.stringify({ voice: describeAll(request.voice), digital: describeAll(request.digital) })
    };
}

export function createHistoryItemReply(
    recordId: string,
    data: Record<string, unknown>,
    logParameters: Record<string, unknown>
): HostMessage {
    const message = data.message;
    return {
        type: HOST_MESSAGE_TYPE,
        action: 'createHistoryItem',
        data: { taskId: recordId, data: { ...data, logParameters, msgData: { message, header: data.header } } }
    };
}

export function errorNotification(text: string): HostMessage {
    return { type: HOST_MESSAGE_TYPE, action: 'displayErrorNotification', data: { message: text } };
}

// ---------------------------------------------------------------------------
// Record context: which CRM records the agent is working on
// ---------------------------------------------------------------------------

/** The assumed action that carries the record context (see the notes at the top). */
export const RECORD_CONTEXT_ACTION = 'crmPageInfo';

export interface PageInfo {
    recordId: string;
    recordName: string;
    /** The object's API name (Contact, Account, Case, a custom object...). */
    objectType: string;
    /** The record's Lightning address, relative to the org. */
    url: string;
}

export interface RecordObject {
    isName: boolean;
    isRelatedTo: boolean;
    pageInfo: PageInfo;
}

export interface RecordContext {
    /** Records that can be the log's Name (Contacts, Leads), the focused one first; null when none. */
    nameObjects: RecordObject[] | null;
    /** Records that can be the log's Related To, the focused one first; null when none. */
    relatedToObjects: RecordObject[] | null;
    /** The record the agent is looking at, or null. */
    pageInfo: PageInfo | null;
}

export function pageInfoFor(record: RecordSummary): PageInfo {
    return {
        recordId: record.recordId,
        recordName: record.recordName,
        objectType: record.objectType,
        url: recordUrl(record.objectType, record.recordId)
    };
}

/**
 * The record context for a list of records, the focused one first: Contacts and Leads are
 * Name options, everything else Related To options; duplicates are dropped.
 */
export function recordContextFor(records: readonly RecordSummary[]): RecordContext {
    const seen = new Set<string>();
    const names: RecordObject[] = [];
    const related: RecordObject[] = [];
    for (const record of records) {
        if (seen.has(record.recordId)) continue;
        seen.add(record.recordId);
        const isName = isWhoObject(record.objectType);
        (isName ? names : related).push({ isName, isRelatedTo: !isName, pageInfo: pageInfoFor(record) });
    }
    return {
        nameObjects: names.length ? names : null,
        relatedToObjects: related.length ? related : null,
        pageInfo: records.length ? pageInfoFor(records[0]) : null
    };
}

export function recordContextMessage(context: RecordContext): HostMessage {
    return { type: HOST_MESSAGE_TYPE, action: RECORD_CONTEXT_ACTION, data: context };
}

/** The parts of a window that replies need. */
export interface PostTarget {
    postMessage(message: unknown, targetOrigin: string): void;
}

/**
 * Posts a reply to the connector's window only, addressed to the connector's origin (never
 * `*`). Returns false, without posting, when there is no window or no valid origin.
 */
export function postToConnector(
    target: PostTarget | null | undefined,
    connectorOrigin: string,
    message: HostMessage
): boolean {
    const origin = originOf(connectorOrigin);
    if (!target || typeof target.postMessage !== 'function' || !origin || origin !== connectorOrigin) {
        return false;
    }
    target.postMessage(message, origin);
    return true;
}
