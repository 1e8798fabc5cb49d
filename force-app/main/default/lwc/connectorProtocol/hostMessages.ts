/**
 * hostMessages: what the host sends the connector (`ClientAppMessage`), and the one way it
 * is posted: to the connector's frame, addressed to its origin, never `*`.
 */
import { isPlainObject } from 'c/safeData';
import { customFieldTarget, type ObjectSchema } from 'c/interactionLog';
import { originOf } from './origins';
import type { RequestCustomFieldsValuesMessage } from './messageGate';
import type { RECORD_CONTEXT_ACTION } from './recordContextMessages';

export const HOST_MESSAGE_TYPE = 'ClientAppMessage';

export interface HostMessage {
    type: typeof HOST_MESSAGE_TYPE;
    action:
        | 'ready'
        | 'crmData'
        | 'customFieldsDataResponse'
        | 'createHistoryItem'
        | 'displayErrorNotification'
        | 'crmDirectory'
        | 'clickToDialResponse'
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

/** What this host can do: the directory is served whenever the component runs (its configuration loaded). */
export const HOST_CAPABILITIES: Readonly<Capabilities> = {
    directoryAvailable: true,
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
 * Answers requestCustomFieldsValues from the Interaction_Log__c schema: each requested name
 * that an agent's entry may write (the save's own rule, `customFieldTarget`: the field's API
 * name in any case, not one the package keeps, settable by this user) is described as
 * STRING or PICKLIST under the name the connector asked for. The connector expects `data`
 * to be a JSON string.
 */
export function customFieldsReply(
    request: RequestCustomFieldsValuesMessage,
    schema: ObjectSchema | undefined
): HostMessage {
    const describeAll = (names: string[]): Record<string, unknown> => {
        const out: Record<string, unknown> = {};
        for (const name of names) {
            const target = schema ? customFieldTarget(schema, name) : undefined;
            if (!target?.ok) continue;
            const picklist = target.field.dataType === 'Picklist' || target.field.dataType === 'MultiPicklist';
            out[name] = {
                customFieldInfo: {
                    customFieldType: picklist ? 'PICKLIST' : 'STRING',
                    customFieldLabel: target.field.label ?? target.field.apiName
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
