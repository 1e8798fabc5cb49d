/**
 * Scripts for people with a Salesforce org, on the current `sf` command set:
 *
 *   npm run org:create        scratch org from config/project-scratch-def.json, deploy, admin
 *                             permission set, sample Interaction Logs mapped from test/fixtures
 *   npm run org:test          the Apex tests with code coverage, in the default org
 *   npm run package:version   a new unlocked package version with code coverage
 *
 * Options: --alias NAME (default interaction-log), --target-org NAME, --dev-hub NAME.
 * They need the Salesforce CLI (`npm install --global @salesforce/cli`) and, for scratch
 * orgs and package versions, an authorised Dev Hub. Nothing here runs in CI: there is no org.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractBody, mapInteractionLog } from '../force-app/main/default/lwc/interactionLog/interactionLog';
import { loadFieldMappings, loadObjectSchema, PROJECT_ROOT } from '../tools/lib/forceApp';
import { loadDirectory, loadFixtures, type DirectoryRecord } from '../test/fixtures';

export class ScriptError extends Error {}

export interface Runner {
    (args: string[], options?: { json?: boolean }): { status: number; stdout: string; stderr: string };
}

/** Runs `sf` (SF_CLI overrides the command, e.g. for tests), echoing what it runs. */
export const runSf: Runner = (args, options = {}) => {
    const command = process.env.SF_CLI ?? 'sf';
    if (!options.json) process.stdout.write(`$ sf ${args.join(' ')}\n`);
    const result = spawnSync(command, args, {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        stdio: options.json ? 'pipe' : ['inherit', 'pipe', 'pipe']
    });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ScriptError(
            'The Salesforce CLI (sf) is not installed. Install it with: npm install --global @salesforce/cli'
        );
    }
    if (!options.json) {
        process.stdout.write(result.stdout ?? '');
        process.stderr.write(result.stderr ?? '');
    }
    return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
};

function must(run: Runner, args: string[], what: string): string {
    const result = run(args);
    if (result.status !== 0)
        throw new ScriptError(`${what} failed (sf ${args.slice(0, 3).join(' ')} exited with ${result.status}).`);
    return result.stdout;
}

function option(argv: string[], name: string): string | undefined {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
}

/** The Dev Hub to use: --dev-hub, or the CLI's target-dev-hub; a clear error when there is none. */
export function devHub(run: Runner, argv: string[]): string {
    const named = option(argv, '--dev-hub');
    if (named) return named;
    const result = run(['config', 'get', 'target-dev-hub', '--json'], { json: true });
    let value: string | undefined;
    try {
        const parsed = JSON.parse(result.stdout) as { result?: { value?: string }[] };
        value = parsed.result?.[0]?.value;
    } catch {
        value = undefined;
    }
    if (!value) {
        throw new ScriptError(
            'No Dev Hub is authorised. Log in to your Dev Hub org once with:\n' +
                '  sf org login web --set-default-dev-hub --alias devhub\n' +
                'or name one with --dev-hub ALIAS. (Dev Hub: Setup, Dev Hub, Enable Dev Hub, in a production or Developer Edition org.)'
        );
    }
    return value;
}

/** Sample Interaction Logs in `sf data import tree` format, mapped from the project's sample messages. */
export function sampleRecords(): { records: Record<string, unknown>[] } {
    const schema = loadObjectSchema();
    const mappings = loadFieldMappings();
    const lookups = Object.values(schema.fields)
        .filter((f) => f.dataType === 'Reference')
        .map((f) => f.apiName);
    return {
        records: loadFixtures('messages').map((fixture, i) => {
            const { fields } = mapInteractionLog(extractBody(fixture.message), mappings, schema, {
                userId: 'sample-data'
            });
            // The sample ids point at records a new org does not have: keep them as text only.
            for (const lookup of lookups) delete fields[lookup];
            return { attributes: { type: 'Interaction_Log__c', referenceId: `log${i + 1}` }, ...fields };
        })
    };
}

/**
 * The sample customers (crm-directory.json) in `sf data import tree` format: Accounts with
 * their Contacts, and Leads, with the phone numbers and addresses the screen pop samples use.
 */
export function sampleCustomers(): {
    accounts: { records: Record<string, unknown>[] };
    leads: { records: Record<string, unknown>[] };
} {
    const directory = loadDirectory();
    const split = (name: string) => {
        const parts = name.trim().split(/\s+/);
        return { FirstName: parts.slice(0, -1).join(' ') || undefined, LastName: parts[parts.length - 1] };
    };
    const phoneOf = (r: DirectoryRecord) => r.phones?.[0];
    const emailOf = (r: DirectoryRecord) => r.emails?.[0];
    const accounts = directory
        .filter((r) => r.objectType === 'Account')
        .map((account, i) => {
            const contacts = directory
                .filter((r) => r.objectType === 'Contact' && r.accountId === account.recordId)
                .map((contact, j) => ({
                    attributes: { type: 'Contact', referenceId: `contact${i + 1}_${j + 1}` },
                    ...split(contact.recordName),
                    Phone: phoneOf(contact),
                    Email: emailOf(contact)
                }));
            return {
                attributes: { type: 'Account', referenceId: `account${i + 1}` },
                Name: account.recordName,
                Phone: phoneOf(account),
                ...(contacts.length ? { Contacts: { records: contacts } } : {})
            };
        });
    const leads = directory
        .filter((r) => r.objectType === 'Lead')
        .map((lead, i) => ({
            attributes: { type: 'Lead', referenceId: `lead${i + 1}` },
            ...split(lead.recordName),
            Company: lead.detail ?? lead.recordName,
            Phone: phoneOf(lead),
            Email: emailOf(lead)
        }));
    // JSON drops the undefined values: a record without a phone simply has none.
    return JSON.parse(JSON.stringify({ accounts: { records: accounts }, leads: { records: leads } })) as ReturnType<
        typeof sampleCustomers
    >;
}

export interface Tools {
    run: Runner;
    /** Compiles the TypeScript sources to the .js files the platform deploys. */
    build: () => void;
}

export function orgCreate({ run, build }: Tools, argv: string[]): void {
    const alias = option(argv, '--alias') ?? 'interaction-log';
    const hub = devHub(run, argv);
    must(
        run,
        [
            'org',
            'create',
            'scratch',
            '--definition-file',
            'config/project-scratch-def.json',
            '--alias',
            alias,
            '--set-default',
            '--duration-days',
            '7',
            '--target-dev-hub',
            hub,
            '--wait',
            '15'
        ],
        'Creating the scratch org'
    );
    build();
    must(
        run,
        ['project', 'deploy', 'start', '--source-dir', 'force-app', '--target-org', alias, '--wait', '30'],
        'Deploying the package source'
    );
    must(
        run,
        ['org', 'assign', 'permset', '--name', 'Interaction_Log_Admin', '--target-org', alias],
        'Assigning the Interaction Log Admin permission set'
    );
    const dir = mkdtempSync(join(tmpdir(), 'interaction-log-data-'));
    try {
        const file = join(dir, 'Interaction_Log__c.json');
        writeFileSync(file, JSON.stringify(sampleRecords(), null, 2));
        must(
            run,
            ['data', 'import', 'tree', '--files', file, '--target-org', alias],
            'Loading the sample Interaction Logs'
        );
        const customers = sampleCustomers();
        const accounts = join(dir, 'Account-Contact.json');
        const leads = join(dir, 'Lead.json');
        writeFileSync(accounts, JSON.stringify(customers.accounts, null, 2));
        writeFileSync(leads, JSON.stringify(customers.leads, null, 2));
        must(
            run,
            ['data', 'import', 'tree', '--files', accounts, leads, '--target-org', alias],
            'Loading the sample Accounts, Contacts and Leads (the screen pop samples find them)'
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(
        `\nScratch org "${alias}" is ready. Open it with: sf org open --target-org ${alias}\n` +
            'Next: create an Interaction Log Setting record (Layer = Org override) with your Connector URL, and add the CSP Trusted Site (see README).\n'
    );
}

export function orgTest({ run }: Tools, argv: string[]): void {
    const target = option(argv, '--target-org');
    must(
        run,
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
            ...(target ? ['--target-org', target] : [])
        ],
        'Running the Apex tests'
    );
}

export function packageVersion({ run, build }: Tools, argv: string[]): void {
    const hub = devHub(run, argv);
    const project = JSON.parse(readFileSync(join(PROJECT_ROOT, 'sfdx-project.json'), 'utf8')) as {
        packageDirectories: { package?: string }[];
        packageAliases?: Record<string, string>;
    };
    const name = project.packageDirectories[0]?.package;
    if (!name) throw new ScriptError('sfdx-project.json names no package for force-app.');
    if (!project.packageAliases?.[name]) {
        process.stdout.write(
            `The package "${name}" is not created yet in ${hub}: creating it (unlocked, no namespace).\n`
        );
        must(
            run,
            [
                'package',
                'create',
                '--name',
                name,
                '--package-type',
                'Unlocked',
                '--path',
                'force-app',
                '--no-namespace',
                '--target-dev-hub',
                hub
            ],
            'Creating the package'
        );
    }
    build();
    const created = must(
        run,
        [
            'package',
            'version',
            'create',
            '--package',
            name,
            '--installation-key-bypass',
            '--code-coverage',
            '--wait',
            '60',
            '--target-dev-hub',
            hub,
            '--json'
        ],
        'Creating the package version'
    );
    process.stdout.write(installInstructions(created));
}

/** Where and how to install the version sf just created (its 04t id from the --json answer). */
export function installInstructions(createdJson: string): string {
    let versionId: unknown;
    try {
        versionId = (JSON.parse(createdJson) as { result?: { SubscriberPackageVersionId?: unknown } }).result
            ?.SubscriberPackageVersionId;
    } catch {
        versionId = undefined;
    }
    if (typeof versionId !== 'string' || !/^04t[0-9A-Za-z]{12,15}$/.test(versionId)) {
        return '\nInstall it with: sf package install --package <the 04t version id above> --target-org <org> --wait 20\n';
    }
    return (
        `\nPackage version ${versionId} created.\n` +
        `Install URL (production or developer org): https://login.salesforce.com/packaging/installPackage.apexp?p0=${versionId}\n` +
        `Install URL (sandbox): https://test.salesforce.com/packaging/installPackage.apexp?p0=${versionId}\n` +
        `Or: sf package install --package ${versionId} --target-org <org> --wait 20\n`
    );
}

/** The .js files the platform deploys, compiled from the TypeScript sources. */
export function buildSources(): void {
    process.stdout.write('$ npm run build\n');
    const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], {
        cwd: PROJECT_ROOT,
        stdio: 'inherit'
    });
    if (result.status !== 0) throw new ScriptError('npm run build failed: fix the TypeScript errors above first.');
}

const COMMANDS: Record<string, (tools: Tools, argv: string[]) => void> = {
    create: orgCreate,
    test: orgTest,
    'package-version': packageVersion
};

export function main(argv: string[], tools: Tools = { run: runSf, build: buildSources }): number {
    const command = COMMANDS[argv[0] ?? ''];
    if (!command) {
        process.stderr.write(
            'Usage: tsx scripts/org.ts create|test|package-version [--alias NAME] [--target-org NAME] [--dev-hub NAME]\n'
        );
        return 2;
    }
    try {
        command(tools, argv.slice(1));
        return 0;
    } catch (error) {
        if (error instanceof ScriptError) {
            process.stderr.write(`${error.message}\n`);
            return 1;
        }
        throw error;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
