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
 * - `requestGetCrmDirectory` is answered with `crmDirectory`; `requestEnableClickToDial`
 *   carries `data.isEnabled`, and a click is sent as `clickToDialResponse` (dialMessages).
 * What is assumed:
 * - `displayErrorNotification` takes `data: { message }`.
 * - For digital channels `aniValues` holds the customer's email address or handle.
 * - The connector accepts that record description on its own, as `crmPageInfo`, whenever
 *   the agent's records change (the vendor documents no such action; the connector ignores
 *   actions it does not know, so a wrong guess costs nothing). `objectType` is the object's
 *   API name, as in Salesforce's own Open CTI page info.
 *
 * Pure: no DOM access beyond the MessageEvent-like values passed in, no Salesforce imports
 * but the labels. One file per part:
 * - messageGate: connector → host messages and the gate (judgeMessage);
 * - origins: allowed origins;
 * - rejections: refused messages, counted for the admin;
 * - hostMessages: host → connector replies and postToConnector;
 * - recordContextMessages: the record context (Name and Related To options);
 * - dialMessages: the directory and click-to-dial.
 */
export * from './messageGate';
export * from './origins';
export * from './rejections';
export * from './hostMessages';
export * from './recordContextMessages';
export * from './dialMessages';
