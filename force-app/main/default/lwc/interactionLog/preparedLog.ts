/**
 * preparedLog: what one body becomes before any network call. The body is mapped once,
 * here, for the log and (when the activity mirror is on) for its Task; the writer then
 * only writes what was prepared.
 */
import { mapInteractionLog } from './logMapper';
import { taskFields } from './taskMirror';
import type { PreparedLog, WriterConfig } from './logWriter';

export function prepareLog(body: unknown, config: WriterConfig, bodyJson?: string): PreparedLog {
    const mapped = mapInteractionLog(body, config.mappings, config.schema, {
        userId: config.userId,
        storeRawPayload: config.storeRawPayload,
        bodyJson
    });
    return {
        fields: mapped.fields,
        warnings: mapped.warnings,
        taskFields: config.task
            ? taskFields(body, mapped.fields, config.schema, config.task, config.mappings)
            : undefined
    };
}
