import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { installInstructions, main, sampleCustomers, sampleRecords, type Runner } from '../org';
import { PROJECT_ROOT } from '@tools/lib/forceApp';
import { toolCommand } from '@tools/lib/labels';
import { loadFixtures } from '@fixtures';

/** A stand-in for the sf CLI: records every call and answers from a table. */
function fakeSf(answers: Record<string, { status?: number; stdout?: string }> = {}) {
    const calls: string[][] = [];
    const run: Runner = (args) => {
        calls.push(args);
        const key = Object.keys(answers).find((k) => args.join(' ').startsWith(k));
        const answer = key ? answers[key] : {};
        return { status: answer.status ?? 0, stdout: answer.stdout ?? '', stderr: '' };
    };
    return { run, calls };
}

const DEV_HUB = {
    'config get target-dev-hub': {
        stdout: JSON.stringify({ status: 0, result: [{ name: 'target-dev-hub', value: 'devhub' }] })
    }
};
const NO_DEV_HUB = {
    'config get target-dev-hub': { stdout: JSON.stringify({ status: 0, result: [{ name: 'target-dev-hub' }] }) }
};

describe('org scripts', () => {
    let out: jest.SpyInstance;
    let err: jest.SpyInstance;
    beforeEach(() => {
        out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
        err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => {
        out.mockRestore();
        err.mockRestore();
    });

    it('org:create makes a scratch org, builds, deploys, assigns the admin permission set and loads sample logs and customers', () => {
        const sf = fakeSf(DEV_HUB);
        const build = jest.fn();
        expect(main(['create', '--alias', 'il'], { run: sf.run, build })).toBe(0);
        expect(sf.calls.map((c) => c.slice(0, 3).join(' '))).toEqual([
            'config get target-dev-hub',
            'org create scratch',
            'project deploy start',
            'org assign permset',
            'data import tree',
            'data import tree'
        ]);
        expect(sf.calls[5].filter((a) => a.endsWith('.json')).map((f) => f.split(/[\\/]/).pop())).toEqual([
            'Account-Contact.json',
            'Lead.json'
        ]);
        expect(sf.calls[1]).toEqual(
            expect.arrayContaining([
                '--definition-file',
                'config/project-scratch-def.json',
                '--alias',
                'il',
                '--target-dev-hub',
                'devhub'
            ])
        );
        expect(sf.calls[3]).toEqual(expect.arrayContaining(['--name', 'Interaction_Log_Admin', '--target-org', 'il']));
        expect(build).toHaveBeenCalledTimes(1);
    });

    it('says clearly when no Dev Hub is authorised, and does nothing else', () => {
        const sf = fakeSf(NO_DEV_HUB);
        expect(main(['create'], { run: sf.run, build: jest.fn() })).toBe(1);
        expect(sf.calls).toHaveLength(1);
        expect(String(err.mock.calls[0][0])).toContain('No Dev Hub is authorised');
        expect(String(err.mock.calls[0][0])).toContain('sf org login web --set-default-dev-hub');
    });

    it('stops at the first failing step with the step named', () => {
        const sf = fakeSf({ ...DEV_HUB, 'project deploy start': { status: 1 } });
        expect(main(['create'], { run: sf.run, build: jest.fn() })).toBe(1);
        expect(sf.calls.map((c) => c[0])).toEqual(['config', 'org', 'project']);
        expect(String(err.mock.calls[0][0])).toContain('Deploying the package source failed');
    });

    it('org:test runs the local Apex tests with coverage', () => {
        const sf = fakeSf();
        expect(main(['test', '--target-org', 'il'], { run: sf.run, build: jest.fn() })).toBe(0);
        expect(sf.calls).toEqual([
            [
                'apex',
                'run',
                'test',
                '--test-level',
                'RunLocalTests',
                '--code-coverage',
                '--result-format',
                'human',
                '--wait',
                '20',
                '--target-org',
                'il'
            ]
        ]);
    });

    it('package:version creates the package once, then a version with code coverage, and prints its install URL', () => {
        const sf = fakeSf({
            ...DEV_HUB,
            'package version create': {
                stdout: JSON.stringify({ status: 0, result: { SubscriberPackageVersionId: '04t5e000000ABCDAAA' } })
            }
        });
        const build = jest.fn();
        expect(main(['package-version'], { run: sf.run, build })).toBe(0);
        expect(sf.calls.map((c) => c.slice(0, 3).join(' '))).toEqual([
            'config get target-dev-hub',
            'package create --name',
            'package version create'
        ]);
        expect(sf.calls[1]).toEqual(
            expect.arrayContaining(['--package-type', 'Unlocked', '--no-namespace', '--path', 'force-app'])
        );
        expect(sf.calls[2]).toEqual(
            expect.arrayContaining([
                '--code-coverage',
                '--installation-key-bypass',
                '--package',
                'Interaction Log for Salesforce',
                '--json'
            ])
        );
        expect(build).toHaveBeenCalledTimes(1);
        const printed = out.mock.calls.map((c) => String(c[0])).join('');
        expect(printed).toContain(
            'Install URL (production or developer org): https://login.salesforce.com/packaging/installPackage.apexp?p0=04t5e000000ABCDAAA'
        );
        expect(printed).toContain('sf package install --package 04t5e000000ABCDAAA');
        expect(installInstructions('not json')).toContain('<the 04t version id above>');
    });

    it('tells the user to install the CLI when sf is missing', () => {
        const result = spawnSync(...toolCommand(PROJECT_ROOT, join(PROJECT_ROOT, 'scripts', 'org.ts'), 'test'), {
            encoding: 'utf8',
            env: { ...process.env, SF_CLI: 'sf-command-that-does-not-exist' }
        });
        expect(result.status).toBe(1);
        expect(result.stderr).toContain('npm install --global @salesforce/cli');
    });

    it('maps every sample message into a sample record, without lookups to records a new org lacks', () => {
        const { records } = sampleRecords();
        expect(records).toHaveLength(loadFixtures('messages').length);
        for (const record of records) {
            expect(record).toMatchObject({ attributes: { type: 'Interaction_Log__c' } });
            expect(record.Contact__c).toBeUndefined();
            expect(record.Case__c).toBeUndefined();
            expect(typeof record.Log_Key__c).toBe('string');
        }
    });

    it('loads the sample customers the screen pop samples find: Accounts with their Contacts, and Leads', () => {
        const { accounts, leads } = sampleCustomers();
        const household = accounts.records.find((a) => a.Name === 'Gonzalez Household') as {
            Phone: string;
            Contacts: { records: Record<string, unknown>[] };
        };
        expect(household.Phone).toBe('(415) 555-0142');
        expect(household.Contacts.records).toEqual([
            {
                attributes: { type: 'Contact', referenceId: expect.any(String) },
                FirstName: 'Maria',
                LastName: 'Gonzalez',
                Phone: '(415) 555-0142',
                Email: 'maria.gonzalez@example.com'
            }
        ]);
        expect(
            accounts.records.every((a) => (a as { attributes: { type: string } }).attributes.type === 'Account')
        ).toBe(true);
        expect(leads.records).toContainEqual({
            attributes: { type: 'Lead', referenceId: expect.any(String) },
            FirstName: 'Liam',
            LastName: 'Chen',
            Company: 'Chen Studio',
            Email: 'liam.chen@example.com'
        });
        const referenceIds = [...accounts.records, ...leads.records].map(
            (r) => (r as { attributes: { referenceId: string } }).attributes.referenceId
        );
        expect(new Set(referenceIds).size).toBe(referenceIds.length);
    });
});
