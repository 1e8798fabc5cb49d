/**
 * messageGate: what the connector sends and the gate every window message passes. A
 * message is accepted only from an allowed origin AND from the hosted iframe's window AND
 * with the connector's message type; then its action's data is checked and read into a
 * typed message. Never throws.
 */
import { isPlainObject, normalizeRecordId, own as ownValue, safeStringify } from 'c/safeData';
import { checkBody, type InteractionLogBody } from 'c/interactionLog';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

export const CONNECTOR_MESSAGE_TYPE = 'CRMConnectMessage';

/** Largest body accepted, in characters of JSON (about 1 MB): real logs are a few KB. */
export const MAX_BODY_CHARACTERS = 1_000_000;

/** Most addresses read from one screen pop request. */
export const MAX_ANI_VALUES = 5;

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

export interface RequestDirectoryMessage {
    action: 'requestGetCrmDirectory';
}

export interface EnableClickToDialMessage {
    action: 'requestEnableClickToDial';
    /** `data.isEnabled`: whether the connector takes calls clicked in the CRM now. */
    enabled: boolean;
}

export type ConnectorMessage =
    | ReadyMessage
    | RequestCrmDataMessage
    | SaveInteractionLogMessage
    | RequestCustomFieldsValuesMessage
    | ScreenPopMessage
    | NavigateToRecordMessage
    | OpenReportsMessage
    | RequestDirectoryMessage
    | EnableClickToDialMessage;

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
        case 'requestGetCrmDirectory':
            return { kind: 'accepted', message: { action: 'requestGetCrmDirectory' } };
        case 'requestEnableClickToDial':
            return parseEnableClickToDial(payload);
        default:
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

function parseEnableClickToDial(payload: unknown): Verdict {
    const value = isPlainObject(payload) ? ownValue(payload, 'isEnabled') : undefined;
    // The vendor's sample sends a boolean; "true"/"false" as text is read the same way.
    const enabled =
        value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
    if (enabled === undefined) {
        return reject('shape', missing('requestEnableClickToDial', 'data.isEnabled'));
    }
    return { kind: 'accepted', message: { action: 'requestEnableClickToDial', enabled } };
}

function parseNavigateToRecord(payload: unknown): Verdict {
    const value = isPlainObject(payload) ? ownValue(payload, 'recordId') : undefined;
    const recordId = typeof value === 'string' ? normalizeRecordId(value) : undefined;
    if (!recordId) {
        return reject('shape', missing('requestNavigateToClickToDialResult', 'data.recordId'));
    }
    return { kind: 'accepted', message: { action: 'requestNavigateToClickToDialResult', recordId } };
}
