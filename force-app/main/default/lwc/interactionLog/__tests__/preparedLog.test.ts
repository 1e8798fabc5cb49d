/**
 * The warm-up: a sample log that gives every active mapping a value of the kind its conversion
 * reads, prepared and thrown away, so that the first real log does not pay for compiling them.
 */
import { sampleBody, warmUp } from '../preparedLog';
import { resolveSource } from '../sourcePaths';
import type { WriterConfig } from '../logWriter';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { ADMIN_FIELDS_DIR } from '@fixtures';

const config: WriterConfig = {
    schema: loadObjectSchema(undefined, undefined, [ADMIN_FIELDS_DIR]),
    mappings: loadFieldMappings(),
    userId: '005000000000001AAA',
    storeRawPayload: true
};

describe('the warm-up', () => {
    it('gives every active mapping of the shipped configuration a value to convert', () => {
        const body = sampleBody(config.mappings);
        const active = config.mappings.filter((m) => m.active);
        expect(active.length).toBeGreaterThan(40);
        const unread = active.filter((m) => resolveSource(body, m.sourcePath) === undefined).map((m) => m.name);
        expect(unread).toEqual([]);
    });

    it('reads each conversion a value of its kind', () => {
        const body = sampleBody([
            {
                name: 'When',
                sourcePath: 'interactionData.at',
                targetField: 'A__c',
                transform: 'datetime',
                active: true
            },
            {
                name: 'Talk',
                sourcePath: 'interactionData.talk',
                targetField: 'B__c',
                transform: 'duration',
                active: true
            },
            {
                name: 'Tags',
                sourcePath: 'interactionData.tags|other',
                targetField: 'C__c',
                transform: 'list',
                active: true
            },
            { name: 'Off', sourcePath: 'interactionData.off', targetField: 'D__c', transform: 'text', active: false }
        ]);
        expect(body.interactionData).toEqual({ at: '2026-01-01T00:00:00Z', talk: 1, tags: ['warm-up'] });
    });

    it('never reads or writes a forbidden key, and changes nothing it is given', () => {
        const mappings = [
            { name: 'Bad', sourcePath: '__proto__.polluted', targetField: 'A__c', transform: 'text', active: true }
        ];
        const body = sampleBody(mappings);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.keys(body)).toEqual(['interactionId', 'interactionData']);
        const before = JSON.stringify(config.mappings);
        expect(() => warmUp(config)).not.toThrow();
        expect(JSON.stringify(config.mappings)).toBe(before);
    });
});
