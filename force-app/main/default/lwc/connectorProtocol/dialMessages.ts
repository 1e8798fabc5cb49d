/**
 * dialMessages: the directory and click-to-dial parts of the conversation, in the shapes
 * of the vendor's public sample client:
 * - `requestGetCrmDirectory` is answered with `crmDirectory` `{ count: "<n>", results:
 *   [{ id, name, phone, email }] }` (count as a string);
 * - `requestEnableClickToDial` carries `data.isEnabled`; while it is on, a number the agent
 *   clicks in the CRM is sent as `clickToDialResponse` `{ onClickToDialResponse,
 *   clickToDialLogDetails, softphoneItems, doNotCall, crmEmails, crmPhones, nameObjects,
 *   relatedToObjects, pageInfo }`, the dialed record first among the Name and Related To
 *   options, which is how the connector links the call's log to it.
 * Assumed: `personAccount` is false for every record (the package does not read Person
 * Accounts), and `softphoneItems` stays empty (the vendor's sample sends none).
 */
import { recordUrl, type RecordSummary } from 'c/crmRecord';
import { HOST_MESSAGE_TYPE, type HostMessage } from './hostMessages';
import { recordContextFor } from './recordContextMessages';

/** Most directory entries sent to the connector (the Apex class returns at most 200). */
export const MAX_DIRECTORY_ENTRIES = 200;

/** Mirrors Apex InteractionLogDirectoryController.DirectoryEntry: one Salesforce user. */
export interface DirectoryEntry {
    id: string;
    name: string;
    phone?: string | null;
    email?: string | null;
}

export function directoryReply(entries: readonly DirectoryEntry[]): HostMessage {
    const results = entries.slice(0, MAX_DIRECTORY_ENTRIES).map((entry) => ({
        id: entry.id,
        name: entry.name,
        phone: entry.phone ?? '',
        email: entry.email ?? ''
    }));
    return { type: HOST_MESSAGE_TYPE, action: 'crmDirectory', data: { count: String(results.length), results } };
}

/** A number an agent chose to call from a record (what a record page sends the connector's host). */
export interface DialRequest {
    /** The number as the record shows it. */
    number: string;
    /** The record the number belongs to. */
    record: RecordSummary;
    email?: string;
    /** The person asked not to be called (Contact or Lead Do Not Call). */
    doNotCall: boolean;
    /** The records the call is also about (a Case's Contact and Account...), in order. */
    related: RecordSummary[];
}

export function clickToDialResponse(request: DialRequest): HostMessage {
    const { record } = request;
    const context = recordContextFor([record, ...request.related]);
    return {
        type: HOST_MESSAGE_TYPE,
        action: 'clickToDialResponse',
        data: {
            onClickToDialResponse: {
                number: request.number,
                objectType: record.objectType,
                recordId: record.recordId,
                recordName: record.recordName,
                email: request.email ?? '',
                url: recordUrl(record.objectType, record.recordId)
            },
            clickToDialLogDetails: {
                id: record.recordId,
                name: record.recordName,
                personAccount: false,
                type: record.objectType
            },
            softphoneItems: [],
            doNotCall: request.doNotCall,
            crmEmails: request.email ? [request.email] : [],
            crmPhones: [request.number],
            ...context
        }
    };
}
