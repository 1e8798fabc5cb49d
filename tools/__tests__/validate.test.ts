/**
 * npm run validate must fail on each mistake that would break a deploy or a review, and
 * pass on the real tree. Each case copies the project to a temporary folder and breaks it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '@tools/lib/forceApp';
import { toolCommand } from '@tools/lib/labels';

const SOURCE = join('force-app', 'main', 'default');

function copyProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'validate-case-'));
    for (const name of ['sfdx-project.json', '.forceignore', 'force-app'])
        cpSync(join(PROJECT_ROOT, name), join(dir, name), { recursive: true });
    return dir;
}

function edit(project: string, file: string, change: (text: string) => string): void {
    const path = join(project, file);
    const before = readFileSync(path, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the test's edit did not change ${file}`);
    writeFileSync(path, after);
}

function runValidate(project: string, skip = 'analyzer') {
    const [node, args] = toolCommand(PROJECT_ROOT, join(PROJECT_ROOT, 'tools', 'validate.ts'));
    const result = spawnSync(node, [...args, '--project', project, '--skip', skip], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8'
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run validate', () => {
    const made: string[] = [];
    const project = () => {
        const dir = copyProject();
        made.push(dir);
        return dir;
    };
    afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    beforeAll(() => {
        if (!existsSync(join(PROJECT_ROOT, SOURCE, 'lwc', 'crmConnector', 'crmConnector.js'))) {
            throw new Error('Run npm run build before these tests: the platform compiler checks the built .js files.');
        }
    });

    it('passes on the real tree', () => {
        const run = runValidate(project());
        expect(run.stdout).toBe('validate: the package would deploy.\n');
        expect(run.status).toBe(0);
    });

    it('fails on a mapping record that points at a missing field', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'customMetadata', 'Interaction_Log_Field_Mapping.Topic_Name.md-meta.xml'), (t) =>
            t.replace(
                '<value xsi:type="xsd:string">Topic_Name__c</value>',
                '<value xsi:type="xsd:string">Queue_Name__c</value>'
            )
        );
        const run = runValidate(dir, 'analyzer,lwc,convert');
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(
            'Interaction_Log_Field_Mapping.Topic_Name.md-meta.xml: targets Interaction_Log__c.Queue_Name__c, which does not exist'
        );
        expect(run.stdout).toContain('has no active package default mapping for the vendor row "Topic Name"');
    });

    it('fails on a JSON transform on a Checkbox', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'customMetadata', 'Interaction_Log_Field_Mapping.Is_Transfer.md-meta.xml'), (t) =>
            t.replace('<value xsi:type="xsd:string">boolean</value>', '<value xsi:type="xsd:string">json</value>')
        );
        const run = runValidate(dir, 'analyzer,lwc,convert');
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('uses the json transform on Is_Transfer__c, a Checkbox field');
    });

    it('fails on an LWC template error', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'lwc', 'crmConnector', 'crmConnector.html'), (t) =>
            t.replace('<template lwc:if={setupNeeded}>', '<template lwc:if={setupNeeded}><div>')
        );
        const run = runValidate(dir, 'analyzer,convert,apex');
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/crmConnector.*does not compile for the platform/);
    });

    it('fails on an Apex syntax error', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'classes', 'InteractionLogSaveController.cls'), (t) =>
            t.replace('if (String.isBlank(logKey)) {', 'if (String.isBlank(logKey) {')
        );
        const run = runValidate(dir, 'analyzer,lwc,convert');
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('InteractionLogSaveController.cls: is not valid Apex');
    });

    it('fails when a component imports a Custom Label that does not exist, or a label is unused', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'labels', 'CustomLabels.labels-meta.xml'), (t) =>
            t.replace('<fullName>InteractionLog_Retry</fullName>', '<fullName>InteractionLog_Retry_Now</fullName>')
        );
        const run = runValidate(dir, 'analyzer,lwc,convert');
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(
            /interactionLogLabels\.ts: imports the Custom Label InteractionLog_Retry, which does not exist/
        );
        expect(run.stdout).toContain('holds InteractionLog_Retry_Now, which no component uses');
    });

    it('fails on a TypeScript file that would deploy', () => {
        const dir = project();
        edit(dir, '.forceignore', (t) => t.replace('**/*.ts\n', ''));
        const run = runValidate(dir, 'analyzer,lwc,apex');
        expect(run.status).toBe(1);
        expect(run.stdout).toMatch(/crmConnector\.ts: is a TypeScript source and would deploy/);
    });

    it('fails on a record page override naming a page the package does not ship', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'objects', 'Interaction_Log__c', 'Interaction_Log__c.object-meta.xml'), (t) =>
            t.replace('<content>Interaction_Log_Record_Page</content>', '<content>Interaction_Log_Page</content>')
        );
        const run = runValidate(dir, 'analyzer,lwc,apex,convert');
        expect(run.stdout).toContain('overrides View with the missing page Interaction_Log_Page.');
        expect(run.status).toBe(1);
    });

    it('fails on a layout naming a missing field', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'layouts', 'Interaction_Log__c-Interaction Log Layout.layout-meta.xml'), (t) =>
            t.replace('<field>Subject__c</field>', '<field>Summary__c</field>')
        );
        const run = runValidate(dir, 'analyzer,lwc,convert');
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('The layout names Summary__c, which is not a field of Interaction_Log__c');
    });

    it('fails on a mapping record that sets a field its type lacks or a value its picklist lacks', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'customMetadata', 'Interaction_Log_Field_Mapping.Channel.md-meta.xml'), (t) =>
            t
                .replace('<field>Description__c</field>', '<field>Notes__c</field>')
                .replace('<value xsi:type="xsd:string">text</value>', '<value xsi:type="xsd:string">uppercase</value>')
        );
        const run = runValidate(dir, 'analyzer,convert,lwc');
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(
            'Interaction_Log_Field_Mapping.Channel.md-meta.xml: sets Notes__c, which is not a field of Interaction_Log_Field_Mapping__mdt'
        );
        expect(run.stdout).toContain('sets Transform__c to "uppercase"; the allowed values are text, number');
    });

    it('fails on XML that is not well formed, and on a permission set that grants too much', () => {
        const dir = project();
        edit(dir, join(SOURCE, 'tabs', 'Interaction_Log__c.tab-meta.xml'), (t) =>
            t.replace('</CustomTab>', '</CustomTabs>')
        );
        edit(dir, join(SOURCE, 'permissionsets', 'Interaction_Log_Agent.permissionset-meta.xml'), (t) =>
            t.replace('<allowDelete>false</allowDelete>', '<allowDelete>true</allowDelete>')
        );
        const run = runValidate(dir, 'analyzer,convert,lwc');
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('Interaction_Log__c.tab-meta.xml: is not well-formed XML');
        expect(run.stdout).toContain(
            'Interaction_Log_Agent.permissionset-meta.xml: must set allowDelete to false on Interaction_Log__c'
        );
    });
});
