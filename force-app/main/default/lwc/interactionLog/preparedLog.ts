/**
 * preparedLog: what one body becomes before any network call. The body is mapped once,
 * here, for the log and (when the activity mirror is on) for its Task; the writer then
 * only writes what was prepared.
 */
import { mapBody } from './logMapper';
import type { InteractionLogBody } from './logBody';
import { taskFields } from './taskMirror';
import type { PreparedLog, WriterConfig } from './logWriter';
import type { NumberLink } from './numberLinks';

export function prepareLog(
    body: InteractionLogBody,
    config: WriterConfig,
    bodyJson?: string,
    numberLinks?: readonly NumberLink[]
): PreparedLog {
    const mapped = mapBody(body, config.mappings, config.schema, {
        userId: config.userId,
        storeRawPayload: config.storeRawPayload,
        bodyJson,
        customFieldsWin: config.customFieldsWin,
        numberLinks
    });
    return {
        fields: mapped.fields,
        warnings: mapped.warnings,
        taskFields: config.task
            ? taskFields(body, mapped.fields, config.schema, config.task, config.mappings)
            : undefined
    };
}

/** An interaction with no data: what `warmUp` prepares. */
const NO_DATA: InteractionLogBody = { interactionId: 'warm-up', interactionData: {} };

/**
 * Prepares a log with no data and throws the result away, so that the mapping plan for this
 * configuration is built, and the mapper's code compiled, before the connector's first log
 * arrives (that log's task then does only its own work).
 */
export function warmUp(config: WriterConfig): void {
    prepareLog(NO_DATA, config, '{}');
}
