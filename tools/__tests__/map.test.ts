/**
 * The mapping dry run end to end: the real command, as an admin runs it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractBody, mapInteractionLog } from 'c/interactionLog';
import { DEFAULT_SOURCE, loadFieldMappings, loadObjectSchema, PROJECT_ROOT } from '@tools/lib/forceApp';
import { toolCommand } from '@tools/lib/labels';
import { FIXTURES_DIR, loadFixture, loadFixtures } from '@fixtures';

function runMap(...args: string[]) {
    const result = spawnSync(...toolCommand(PROJECT_ROOT, join(PROJECT_ROOT, 'tools', 'map.ts'), ...args), {
        cwd: PROJECT_ROOT,
        encoding: 'utf8'
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run map', () => {
    let scratch: string;
    beforeAll(() => {
        scratch = mkdtempSync(join(tmpdir(), 'map-cli-'));
    });
    afterAll(() => {
        rmSync(scratch, { recursive: true, force: true });
    });

    it('prints exactly what the mapper writes for every sample message', () => {
        const schema = loadObjectSchema();
        const mappings = loadFieldMappings();
        for (const sample of loadFixtures('messages')) {
            const run = runMap(sample.file, '--user', '005000000000001AAA');
            expect({ sample: sample.name, status: run.status, stderr: run.stderr }).toEqual({
                sample: sample.name,
                status: 0,
                stderr: ''
            });
            const printed = JSON.parse(run.stdout);
            expect(printed).toEqual(
                mapInteractionLog(extractBody(sample.message), mappings, schema, { userId: '005000000000001AAA' })
            );
            expect(Object.keys(printed)).toEqual(['fields', 'warnings']);
        }
    }, 60000);

    it('previews admin-added fields with --fields, as an org retrieve lays them out', () => {
        const sample = loadFixture('messages', 'axp-voice-custom-fields');
        const retrieved = join(scratch, 'retrieved', 'objects', 'Interaction_Log__c', 'fields');
        mkdirSync(retrieved, { recursive: true });
        for (const name of ['Callback_Requested__c', 'Customer_Mood__c', 'Promised_Amount__c']) {
            copyFileSync(
                join(FIXTURES_DIR, 'admin-fields', `${name}.field-meta.xml`),
                join(retrieved, `${name}.field-meta.xml`)
            );
        }
        for (const dir of [retrieved, join(scratch, 'retrieved')]) {
            const run = runMap(sample.file, '--fields', dir);
            expect(run.stderr).toBe('');
            const printed = JSON.parse(run.stdout);
            expect(printed.fields).toMatchObject({
                Callback_Requested__c: true,
                Customer_Mood__c: 'Upset',
                Promised_Amount__c: 49.9,
                Disposition_Code__c: 'Refund Promised'
            });
            expect(printed.warnings.join('\n')).toMatch(
                /no field named "follow_up_date__c", "Contact_Reasons__c", "Loyalty_Tier__c"/
            );
        }
        const mappingWins = JSON.parse(runMap(sample.file, '--fields', retrieved, '--mapping-wins').stdout);
        expect(mappingWins.fields.Disposition_Code__c).toBe('Refund Requested');
    });

    it('without --fields, an unknown custom field is a warning and the run succeeds', () => {
        const run = runMap(loadFixture('messages', 'axp-voice-custom-fields').file);
        expect(run.status).toBe(0);
        const printed = JSON.parse(run.stdout);
        expect(printed.fields.Callback_Requested__c).toBeUndefined();
        expect(printed.warnings.join('\n')).toMatch(/no field named "callback_requested__c"/);
    });

    it('refuses a --fields folder without field files, in one line', () => {
        const run = runMap(loadFixture('messages', 'minimal').file, '--fields', scratch);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^map: .*has no \*\.field-meta\.xml files/);
    });

    it('accepts a bare body and leaves the raw payload out on request', () => {
        const file = join(scratch, 'bare.json');
        writeFileSync(file, JSON.stringify(extractBody(loadFixture('messages', 'minimal').message)));
        const run = runMap(file, '--no-raw-payload');
        expect(run.status).toBe(0);
        const printed = JSON.parse(run.stdout);
        expect(printed.fields.Interaction_Id__c).toBe('min-0001');
        expect(printed.fields.Raw_Payload__c).toBeUndefined();
    });

    it('answers a file that is not JSON with one line on stderr and exit code 2', () => {
        const file = join(scratch, 'broken.json');
        writeFileSync(file, '{ "type": "CRMConnectMessage", ');
        const run = runMap(file);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/is not JSON/);
    });

    it.each([
        'no-message',
        'body-not-object',
        'missing-interaction-id',
        'interaction-id-not-string',
        'missing-interaction-data'
    ])('refuses the malformed sample %s with one line and exit code 2', (name) => {
        const run = runMap(loadFixture('malformed', name).file);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(/^map: /);
    });

    it('uses an org override from another folder of mapping records', () => {
        const overrides = join(scratch, 'overrides');
        mkdirSync(overrides);
        const defaults = join(DEFAULT_SOURCE, 'customMetadata');
        copyFileSync(
            join(defaults, 'Interaction_Log_Field_Mapping.Subject.md-meta.xml'),
            join(overrides, 'Interaction_Log_Field_Mapping.Subject.md-meta.xml')
        );
        writeFileSync(
            join(overrides, 'Interaction_Log_Field_Mapping.Subject_From_Topic.md-meta.xml'),
            `<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Subject from topic</label>
    <protected>false</protected>
    <values><field>Active__c</field><value xsi:type="xsd:boolean">true</value></values>
    <values><field>Layer__c</field><value xsi:type="xsd:string">Org_Override</value></values>
    <values><field>Source_Path__c</field><value xsi:type="xsd:string">interactionData.interaction.topic</value></values>
    <values><field>Target_Field__c</field><value xsi:type="xsd:string">Subject__c</value></values>
    <values><field>Target_Object__c</field><value xsi:type="xsd:string">Interaction_Log__c</value></values>
    <values><field>Transform__c</field><value xsi:type="xsd:string">text</value></values>
</CustomMetadata>
`
        );
        const sample = loadFixture('messages', 'axp-voice-inbound');
        const run = runMap(sample.file, '--mappings', overrides);
        expect(run.status).toBe(0);
        const printed = JSON.parse(run.stdout);
        const topic = (extractBody(sample.message) as { interactionData: { interaction: { topic: string } } })
            .interactionData.interaction.topic;
        expect(printed.fields.Subject__c).toBe(topic);
        expect(printed.fields.Name).toBe(topic);
        // Only the two Subject records were given, so nothing else is mapped.
        expect(printed.fields.Caller_Name__c).toBeUndefined();
    });

    it('explains its options on a wrong command line', () => {
        const run = runMap('--frobnicate');
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/Unknown option --frobnicate/);
        expect(run.stderr).toMatch(/Usage: npm run map/);
        expect(runMap('--help').status).toBe(0);
    });
});
