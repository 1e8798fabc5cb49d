/**
 * The studio's model with the package's own mappings and schema: rows, paths, preview and
 * re-map, as an admin would see them on the sample logs.
 */
import { loadConfiguration, loadObjectSchema } from '@tools/lib/forceApp';
import { ADMIN_FIELDS_DIR, loadFixture } from '@fixtures';
import type { MappingRecord } from 'c/interactionLog';
import {
    draftFor,
    payloadPaths,
    previewRows,
    remapChanges,
    studioRows,
    unmappedFields,
    withDraft,
    type RecentLog
} from '../studioModel';

const schema = loadObjectSchema(undefined, undefined, [ADMIN_FIELDS_DIR]);
const records = loadConfiguration().mappings as MappingRecord[];

function recent(name: string, id: string): RecentLog {
    const body = (loadFixture('messages', name).message as { data: { message: { body: unknown } } }).data.message.body;
    return { recordId: id, name, rawPayload: JSON.stringify(body) };
}

const logs = [recent('axp-voice-inbound', 'a00000000000001AAA'), recent('axp-chat', 'a00000000000002AAA')];
const bodies = logs.map((l) => JSON.parse(l.rawPayload) as unknown);

describe('studioModel', () => {
    it('lists each field once with its effective mapping and which path filled it in the recent logs', () => {
        const rows = studioRows(records, schema, bodies);
        const caller = rows.find((r) => r.targetField === 'Caller_Name__c');
        expect(caller).toMatchObject({
            layer: 'Package default',
            paths: 'interactionData.callerName\ninteractionData.interaction.intrinsics.CALLER_NAME',
            transform: 'text',
            source: '#1: 2 · #2: 0 · none: 0',
            hasOverride: false
        });
        expect(new Set(rows.map((r) => r.targetField)).size).toBe(rows.length);
    });

    it('shows an active override, an override that switches a field off, and an inactive one', () => {
        const override = (active: boolean, sourcePath: string): MappingRecord => ({
            developerName: 'Org_Subject',
            targetObject: 'Interaction_Log__c',
            targetField: 'Subject__c',
            sourcePath,
            transform: 'text',
            active,
            layer: 'Org_Override'
        });
        const layerOf = (extra: MappingRecord) =>
            studioRows([...records, extra], schema, bodies).find((r) => r.targetField === 'Subject__c')?.layer;
        expect(layerOf(override(true, 'interactionData.callerName'))).toBe('Org override');
        expect(layerOf(override(true, ''))).toBe('Org override: not filled');
        expect(layerOf(override(false, 'interactionData.callerName'))).toBe('Package default (override inactive)');
    });

    it('offers the fields no mapping fills, never the package bookkeeping', () => {
        const unmapped = unmappedFields(records, schema);
        expect(unmapped).toContain('Callback_Requested__c');
        expect(unmapped).not.toContain('Log_Key__c');
        expect(unmapped).not.toContain('Raw_Payload__c');
        expect(unmapped).not.toContain('Caller_Name__c');
    });

    it('lists every path to a value in the recent payloads, with an example', () => {
        const paths = payloadPaths(bodies);
        expect(paths).toContainEqual({ path: 'interactionData.callerName', example: 'Maria Gonzalez' });
        expect(paths.every((p) => !p.path.startsWith('.'))).toBe(true);
        expect(payloadPaths(bodies, 5)).toHaveLength(5);
    });

    it('previews a draft before and after on each recent log, with the warnings it brings', () => {
        const draft = {
            ...draftFor({ targetField: 'Comments__c', paths: '', transform: '' }),
            paths: ['interactionData.callerName']
        };
        const rows = previewRows(logs, records, draft, schema);
        expect(rows.map((r) => [r.before.slice(0, 16), r.after, r.changed])).toEqual([
            ['Customer asked a', 'Maria Gonzalez', true],
            ['Interested in 25', 'Liam Chen', true]
        ]);
        const broken = previewRows(logs, records, { ...draft, transform: 'number' }, schema);
        expect(broken[0].after).toBe('—');
        expect(broken[0].warnings).toMatch(/Comments__c/);
    });

    it('puts the draft in place of the field override the org has, never beside it', () => {
        const existing: MappingRecord = {
            developerName: 'My_Comments',
            targetObject: 'Interaction_Log__c',
            targetField: 'Comments__c',
            sourcePath: 'a',
            transform: 'text',
            active: true,
            layer: 'Org_Override'
        };
        const next = withDraft([...records, existing], {
            targetField: 'Comments__c',
            paths: [' b ', ''],
            transform: 'text',
            active: false
        });
        const overrides = next.filter((r) => r.targetField === 'Comments__c' && r.layer === 'Org_Override');
        expect(overrides).toEqual([
            expect.objectContaining({ developerName: 'My_Comments', sourcePath: 'b', active: false })
        ]);
    });

    it('re-maps a stored log: only what changed, never evidence, nothing the second time', () => {
        const draft = {
            targetField: 'Comments__c',
            paths: ['interactionData.callerName'],
            transform: 'text',
            active: true
        };
        const changed = withDraft(records, draft);
        const stored: Record<string, unknown> = {
            Id: 'a00000000000001AAA',
            Raw_Payload__c: logs[0].rawPayload,
            Comments__c: 'Customer asked about a double charge on the November invoice. Refund requested.',
            Caller_Name__c: 'Maria Gonzalez',
            End_Time__c: '2099-01-01T00:00:00.000Z',
            Log_Key__c: 'tampered'
        };
        const first = remapChanges(stored, changed, schema);
        expect(first?.changes).toEqual({ Comments__c: 'Maria Gonzalez' });
        expect(remapChanges({ ...stored, Comments__c: 'Maria Gonzalez' }, changed, schema)?.changes).toEqual({});
        expect(remapChanges({ Id: 'x', Raw_Payload__c: null }, changed, schema)).toBeUndefined();
    });
});
