/**
 * preparedLog: what one body becomes before any network call. The body is mapped once,
 * here, for the log and (when the activity mirror is on) for its Task; the writer then
 * only writes what was prepared.
 */
import { mapBody } from './logMapper';
import type { FieldMapping } from './mappingLayers';
import { compileSource } from './sourcePaths';
import { isTransform, type Transform } from './transforms';
import { isPlainObject } from 'c/safeData';
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

/** A value of the kind each conversion reads, for `warmUp`'s sample log. */
const SAMPLE_VALUES: Record<Transform, unknown> = {
    text: 'warm-up',
    number: 1,
    boolean: true,
    datetime: '2026-01-01T00:00:00Z',
    date: '2026-01-01',
    time: '2026-01-01T00:00:00Z',
    duration: 1,
    json: { sample: 'warm-up' },
    list: ['warm-up']
};

/** A log with a sample value at the first readable source path of every active mapping. */
export function sampleBody(mappings: readonly FieldMapping[]): InteractionLogBody {
    const body: InteractionLogBody = { interactionId: 'warm-up', interactionData: {} };
    for (const mapping of mappings) {
        const segments = mapping.active ? compileSource(mapping.sourcePath)[0]?.segments : undefined;
        if (!segments) continue;
        let at: Record<string, unknown> = body;
        segments.slice(0, -1).forEach((segment) => {
            if (!isPlainObject(at[segment])) at[segment] = {};
            at = at[segment] as Record<string, unknown>;
        });
        at[segments[segments.length - 1]] = SAMPLE_VALUES[isTransform(mapping.transform) ? mapping.transform : 'text'];
    }
    return body;
}

/**
 * Prepares a sample log for a configuration and throws the result away, so that its mapping
 * plan is built, and the mapper and every conversion it uses compiled, before the connector's
 * first log arrives (that log's task then does only its own work).
 */
export function warmUp(config: WriterConfig): void {
    const body = sampleBody(config.mappings);
    prepareLog(body, config, JSON.stringify(body));
}
