/**
 * logBody: the body of a `requestSaveInteractionLog` message, as the vendor documents it:
 * `{ interactionId: string, interactionData: object }`. Checks it and finds it in a whole
 * window message.
 */
import { isPlainObject, own } from 'c/safeData';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

/** Longest interaction id accepted (the size of Interaction_Id__c). */
export const MAX_ID_LENGTH = 255;

/** A body that passed the shape check: the two properties the vendor documents. */
export interface InteractionLogBody {
    interactionId: string;
    interactionData: Record<string, unknown>;
    [key: string]: unknown;
}

export type BodyCheck = { ok: true; body: InteractionLogBody } | { ok: false; reason: string };

/**
 * Checks the body the vendor documents: `{ interactionId: string, interactionData: object }`.
 * Returns the body or a reason a person can act on.
 */
export function checkBody(body: unknown): BodyCheck {
    if (body === undefined || body === null) {
        return { ok: false, reason: LABELS.bodyMissing };
    }
    if (!isPlainObject(body)) {
        return { ok: false, reason: LABELS.bodyNotObject };
    }
    const id = own(body, 'interactionId');
    if (typeof id !== 'string' || id.trim() === '') {
        return {
            ok: false,
            reason: id === undefined ? LABELS.bodyNoId : LABELS.bodyIdNotText
        };
    }
    if (id.length > MAX_ID_LENGTH) {
        return {
            ok: false,
            reason: formatLabel(LABELS.bodyIdTooLong, id.length, MAX_ID_LENGTH)
        };
    }
    const data = own(body, 'interactionData');
    if (!isPlainObject(data)) {
        return {
            ok: false,
            reason: data === undefined ? LABELS.bodyNoData : LABELS.bodyDataNotObject
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
