/**
 * interactionLog: the Interaction Log service, one bundle with one file per job (the
 * model is NebulaLogger's `logger` bundle):
 *
 * | file            | its job                                                              |
 * |-----------------|----------------------------------------------------------------------|
 * | logService      | the save path: receive → prepare → outbox → writer → outcome          |
 * | logBody         | the vendor's body: check it, find it in a message                     |
 * | logSchema       | the record side: field facts, fixed API names, who may write what     |
 * | sourcePaths     | reading a mapping's Source Path from a body                           |
 * | transforms      | what a value means (Transform) and how it fits a field                |
 * | mappingLayers   | the mapping records and which of them apply                           |
 * | logKey          | the identity of one log (Log_Key__c)                                   |
 * | logMapper       | a body onto Interaction_Log__c fields, with warnings                  |
 * | customFields    | the agent's custom fields into the log's own fields                   |
 * | numberLinks     | a number tied to a record (dialed, created) links its call's log      |
 * | preparedLog     | what a body becomes before any network call (log and Task, mapped once)|
 * |                 | and the mapper's warm-up with a sample log, before the first log      |
 * | outbox          | the durable queue in the browser, within a storage budget             |
 * | dueHeap         | the outbox's schedule: the next log to save in O(log n)               |
 * | outboxStore     | the outbox's keys in browser storage, within a character budget        |
 * | outboxSeal      | what the outbox stores sealed with the user's key (AES-GCM)            |
 * | logWriter       | one prepared log written exactly once                                 |
 * | orgRequests     | the org calls, few at a time; creates that wait together go as one     |
 * | taskMirror      | the log's Task in the Activity timeline                               |
 * | saveErrors      | what Salesforce answered, for the agent and for the admin             |
 *
 * Other bundles import from here; files of the bundle import each other directly.
 */
export { InteractionLogService } from './logService';
export type { LogOutcome, LogServiceOptions, ReceivedLog } from './logService';
export { checkBody, extractBody, MAX_ID_LENGTH } from './logBody';
export type { BodyCheck, InteractionLogBody } from './logBody';
export {
    EVIDENCE,
    FIELD,
    FIELD_DATA_TYPES,
    fieldOf,
    RAW_PAYLOAD_MAX,
    schemaFromObjectInfo,
    TARGET_OBJECT
} from './logSchema';
export type {
    DescribeExtras,
    FieldDataType,
    FieldSchema,
    FieldValue,
    ObjectSchema,
    UiApiObjectInfo
} from './logSchema';
export { joinSourcePath, parsePath, readPath, resolveSource, splitSourcePath } from './sourcePaths';
export { isTransformCompatible, TRANSFORMS } from './transforms';
export type { Transform } from './transforms';
export { effectiveMappings, LAYER_ORG_OVERRIDE, LAYER_PACKAGE_DEFAULT, toFieldMappings } from './mappingLayers';
export type { FieldMapping, MappingRecord } from './mappingLayers';
export { buildLogKey } from './logKey';
export type { LogKeyParts } from './logKey';
export { applyWarnings, lookupFieldFor, mapInteractionLog } from './logMapper';
export { applyCustomFields, customFieldTarget, KEPT_FIELDS } from './customFields';
export type { CustomFieldTarget } from './customFields';
export { ADDRESS_FIELDS, linkByNumber, rememberLink, LINK_MEMORY_MS, MAX_LINKS } from './numberLinks';
export type { NumberLink } from './numberLinks';
export type { MapOptions, MapResult } from './logMapper';
export { prepareLog } from './preparedLog';
export {
    EMPTY_SNAPSHOT,
    entryId,
    LogOutbox,
    memoryStorage,
    NOTIFY_INTERVAL_MS,
    CONFIRMED_WRITE_MS,
    STORAGE_BUDGET_CHARS,
    webStorage
} from './outbox';
export type { OutboxEntry, OutboxSnapshot, OutboxStorage, SaveOutcome } from './outbox';
export { OutboxSeal } from './outboxSeal';
export type { BodySeal } from './outboxSeal';
export { writeInteractionLog } from './logWriter';
export type { OrgApi, PreparedLog, SaveHints, WriteResult, WriterConfig } from './logWriter';
export { OrgRequests } from './orgRequests';
export type { MutationApi, OrgRequestOptions } from './orgRequests';
export { taskFields } from './taskMirror';
export type { TaskMirror } from './taskMirror';
export {
    agentMessage,
    duplicateLogKey,
    errorMessage,
    isTransient,
    normalizeSaveError,
    rejectedFields
} from './saveErrors';
export type { SaveError } from './saveErrors';
export type { Timers } from 'c/rateLimits';
