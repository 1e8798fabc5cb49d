/**
 * The workbench's two local servers:
 * - the app (a Lightning-like page with the real crmConnector component) and, on the same
 *   origin under /api, the org emulator, as Lightning talks to its own org;
 * - the CRM Connector simulator, on another site (see crossSiteName), loaded in the
 *   component's frame.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PROJECT_ROOT } from '../tools/lib/forceApp';
import { OrgEmulator, type Faults } from './orgEmulator';
import { buildApp, buildSimulator } from './build';

const SLDS_ASSETS = join(PROJECT_ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures');
const WORKBENCH = join(PROJECT_ROOT, 'workbench');

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png'
};

/** Labels of the simulator's buttons, by sample message. */
const INTERACTION_LABELS: Record<string, string> = {
    'axp-voice-inbound': 'End AXP voice call',
    'axp-voice-intrinsics': 'End AXP voice call (intrinsics only)',
    'axp-voice-custom-fields': "End AXP voice call with the agent's custom fields",
    'axp-chat': 'End chat',
    'axp-email-draft': 'End email with draft',
    'elite-voice-outbound': 'End Elite voice call',
    'axp-elite-transfer': 'End transfer leg',
    'elite-conference': 'End conference leg',
    minimal: 'End minimal interaction'
};

/** Labels of the simulator's screen pop buttons, by sample message. */
const SCREEN_POP_LABELS: Record<string, string> = {
    'known-number': 'Call from a known number',
    'ambiguous-number': 'Call from a shared number',
    'unknown-number': 'Call from an unknown number',
    'known-email': 'Email from a known address',
    'click-to-dial-result': 'Open click-to-dial result'
};

export interface WorkbenchOptions {
    appPort?: number;
    simulatorPort?: number;
    host?: string;
    dataDir?: string;
    /** Reuse an already built app bundle (tests build once). */
    appBundle?: string;
    /** Admin-added Interaction_Log__c fields the emulated org has (default: the sample ones in test/fixtures/admin-fields). */
    extraFieldDirs?: readonly string[];
}

export interface Workbench {
    appUrl: string;
    simulatorUrl: string;
    emulator: OrgEmulator;
    close(): Promise<void>;
}

function send(
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type = 'application/json; charset=utf-8'
): void {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
    send(res, status, value === undefined ? '' : JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : undefined;
}

/** Serves a file from a folder, never outside it. */
function serveFile(res: ServerResponse, root: string, relative: string): void {
    const path = normalize(join(root, decodeURIComponent(relative)));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
        send(res, 404, 'Not found', 'text/plain; charset=utf-8');
        return;
    }
    send(res, 200, readFileSync(path), TYPES[extname(path)] ?? 'application/octet-stream');
}

/**
 * The name the frame loads the simulator by. The vendor's connector is served from another
 * site than Salesforce, so browsers with site isolation run it in its own process: its work
 * and its garbage never reach the page's main thread. Another port of the same host is
 * another origin but the same site, which would put the simulator on the page's thread;
 * `127.0.0.1` and `localhost` are two sites for one loopback address.
 */
function crossSiteName(host: string): string {
    return host === '127.0.0.1' ? 'localhost' : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The org emulator's HTTP face: UI API records and object info, the Apex controller, and controls. */
async function handleApi(
    emulator: OrgEmulator,
    req: IncomingMessage,
    res: ServerResponse,
    path: string
): Promise<void> {
    const method = req.method ?? 'GET';
    const isOrgCall = path.startsWith('/ui-api/') || path.startsWith('/apex/') || path === '/graphql';
    const workbenchOnly = new URL(req.url ?? '/', 'http://x').searchParams.has('workbench');
    if (isOrgCall && !workbenchOnly) {
        const f = emulator.faults;
        if (f.latencyMs > 0) await sleep(f.latencyMs);
        if (f.offline) {
            emulator.stats.dropped += 1;
            req.socket.destroy();
            return;
        }
        if (f.sessionExpired)
            return json(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
        if (f.failStatus)
            return json(res, f.failStatus, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service Unavailable' }]);
    }
    const records = /^\/ui-api\/records\/([A-Za-z0-9]{15,18})$/.exec(path);
    if (path === '/ui-api/object-info/Task' && method === 'GET') return json(res, 200, emulator.objectInfo('Task'));
    if (path === '/ui-api/object-info/Interaction_Log__c' && method === 'GET')
        return json(res, 200, emulator.objectInfo());
    if (path.startsWith('/ui-api/object-info/'))
        return json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    if (path === '/ui-api/records' && method === 'POST') {
        const input = (await readBody(req)) as { apiName: string; fields: Record<string, unknown> };
        const outcome = emulator.create(input?.apiName, input?.fields ?? {});
        return outcome.ok
            ? json(res, 201, { id: outcome.record.Id, apiName: 'Interaction_Log__c', fields: {} })
            : json(res, outcome.status, outcome.body);
    }
    if (path === '/graphql' && method === 'POST') {
        const input = ((await readBody(req)) ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
        return json(res, 200, emulator.mutate(input.query, input.variables));
    }
    if (records && method === 'PATCH') {
        const input = (await readBody(req)) as { fields: Record<string, unknown> };
        const outcome = emulator.update(records[1], input?.fields ?? {});
        return outcome.ok
            ? json(res, 200, { id: outcome.record.Id, apiName: 'Interaction_Log__c', fields: {} })
            : json(res, outcome.status, outcome.body);
    }
    if (records && method === 'GET') {
        if (records[1] === emulator.userId) {
            return json(res, 200, {
                id: emulator.userId,
                apiName: 'User',
                fields: {
                    Name: { value: 'Workbench Agent' },
                    Username: { value: 'agent@workbench.invalid' },
                    LanguageLocaleKey: { value: 'en_US' }
                }
            });
        }
        // As getRecord answers: { id, apiName, fields: { Name: { value } } }.
        const stored = emulator.get(records[1]);
        const record = stored
            ? {
                  id: stored.Id,
                  apiName: stored.apiName ?? 'Interaction_Log__c',
                  fields: Object.fromEntries(Object.entries(stored.fields).map(([k, v]) => [k, { value: v }]))
              }
            : emulator.uiRecord(records[1]);
        return record
            ? json(res, 200, record)
            : json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    }
    if (path === '/apex/InteractionLogOutboxKey.getOutboxKey') return json(res, 200, emulator.outboxKey());
    if (path === '/apex/InteractionLogMappingStudio.getStudio') {
        const input = ((await readBody(req)) ?? {}) as { recentCount?: unknown };
        return json(res, 200, emulator.studio(input.recentCount));
    }
    if (path === '/apex/InteractionLogMappingStudio.applyMapping') {
        const outcome = emulator.applyMapping(((await readBody(req)) ?? {}) as Record<string, unknown>);
        // As an AuraHandledException reaches the component.
        return 'error' in outcome
            ? json(res, 400, { message: outcome.error, exceptionType: 'System.AuraHandledException' })
            : json(res, 200, outcome.jobId);
    }
    if (path === '/apex/InteractionLogMappingStudio.logsToRemap')
        return json(res, 200, emulator.logsToRemap(((await readBody(req)) ?? {}) as Record<string, unknown>));
    if (path === '/events' && method === 'GET') {
        const after = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? 0);
        return json(
            res,
            200,
            emulator.events.filter((e) => e.replayId > after)
        );
    }
    if (path === '/apex/InteractionLogConfigController.getConfiguration')
        return json(res, 200, emulator.configuration());
    if (path === '/apex/InteractionLogSaveController.findRecordIdByLogKey') {
        const input = (await readBody(req)) as { logKey?: string };
        return json(res, 200, emulator.findRecordIdByLogKey(String(input?.logKey ?? '')));
    }
    if (path === '/apex/InteractionLogSaveController.findTaskIdForLog') {
        const input = (await readBody(req)) as { logId?: string };
        return json(res, 200, emulator.findTaskIdForLog(String(input?.logId ?? '')));
    }
    if (path === '/apex/InteractionLogRecordController.searchCustomers') {
        const input = ((await readBody(req)) ?? {}) as { phones?: unknown; emails?: unknown };
        return json(res, 200, emulator.searchCustomers(input.phones, input.emails));
    }
    if (path === '/apex/InteractionLogRecordController.describeRecords') {
        const input = ((await readBody(req)) ?? {}) as { recordIds?: unknown };
        return json(res, 200, emulator.describeRecords(input.recordIds));
    }
    if (path === '/apex/InteractionLogLinkController.countMyLogsWithoutCustomer')
        return json(res, 200, emulator.countMyLogsWithoutCustomer());
    if (path === '/apex/InteractionLogLinkController.contactsCreatedSince') {
        const input = ((await readBody(req)) ?? {}) as { since?: unknown };
        return json(res, 200, emulator.contactsCreatedSince(input.since));
    }
    if (path === '/apex/InteractionLogRecordController.searchRecords') {
        const input = ((await readBody(req)) ?? {}) as { term?: unknown };
        return json(res, 200, emulator.searchRecords(input.term));
    }
    if (path === '/contacts' && method === 'POST') {
        const input = ((await readBody(req)) ?? {}) as Record<string, unknown>;
        return json(res, 201, emulator.createContact(input));
    }
    if (path === '/apex/InteractionLogDirectoryController.getDirectory') return json(res, 200, emulator.getDirectory());
    if (path === '/directory' && method === 'GET') return json(res, 200, emulator.directory);
    if (path === '/records' && method === 'GET') return json(res, 200, emulator.list());
    if (path === '/tasks' && method === 'GET') return json(res, 200, emulator.tasks());
    if (path === '/records' && method === 'DELETE') {
        emulator.reset();
        return json(res, 200, { deleted: true });
    }
    if (path === '/control') {
        if (method === 'POST') {
            const change = ((await readBody(req)) ?? {}) as Partial<Faults>;
            emulator.faults = { ...emulator.faults, ...pickFaults(change) };
            if (typeof (change as { createTask?: unknown }).createTask === 'boolean') {
                emulator.createTask = (change as { createTask: boolean }).createTask;
            }
        } else if (method === 'DELETE') {
            emulator.clearFaults();
        }
        return json(res, 200, { ...emulator.faults, createTask: emulator.createTask });
    }
    if (path === '/stats') return json(res, 200, { ...emulator.stats, records: emulator.size });
    return json(res, 404, [{ errorCode: 'NOT_FOUND', message: `No such resource: ${path}` }]);
}

function pickFaults(change: Partial<Faults>): Partial<Faults> {
    const out: Partial<Faults> = {};
    if (typeof change.offline === 'boolean') out.offline = change.offline;
    if (typeof change.sessionExpired === 'boolean') out.sessionExpired = change.sessionExpired;
    if (typeof change.failStatus === 'number') out.failStatus = change.failStatus;
    if (typeof change.latencyMs === 'number') out.latencyMs = Math.max(0, Math.min(60000, change.latencyMs));
    if (Array.isArray(change.rejectFields))
        out.rejectFields = change.rejectFields.filter((f): f is string => typeof f === 'string');
    if (typeof change.lockNextWrites === 'number') out.lockNextWrites = Math.max(0, change.lockNextWrites);
    return out;
}

function appPage(): string {
    return `<!doctype html>
<html lang="en">
    <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Interaction Log Workbench</title>
        <link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css" />
    </head>
    <body>
        <div id="root"></div>
        <script src="/build/app.js"></script>
    </body>
</html>`;
}

/** Names in the order their labels are listed, unlisted ones last. */
function inOrder(names: string[], labels: Record<string, string>): string[] {
    const order = Object.keys(labels);
    return [...names].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
}

function fixtureIndex() {
    const names = (kind: string) =>
        readdirSync(join(FIXTURES, kind))
            .filter((f) => f.endsWith('.json'))
            .map((f) => f.replace(/\.json$/, ''))
            .sort();
    return {
        messages: inOrder(names('messages'), INTERACTION_LABELS).map((name) => ({
            name,
            label: INTERACTION_LABELS[name] ?? `End ${name}`
        })),
        malformed: names('malformed').map((name) => ({ name, label: `Malformed: ${name}` })),
        screenPops: inOrder(names('screen-pop'), SCREEN_POP_LABELS).map((name) => ({
            name,
            label: SCREEN_POP_LABELS[name] ?? name
        }))
    };
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
    const host = options.host ?? '127.0.0.1';
    const [appBundle, simulatorBundle] = await Promise.all([options.appBundle ?? buildApp(), buildSimulator()]);

    // The simulator's port must be known before the emulator's setting record names it.
    const simulator = createServer();
    const app = createServer();
    const simulatorPort = await listen(simulator, options.simulatorPort ?? 0, host);
    const appPort = await listen(app, options.appPort ?? 0, host);
    const appUrl = `http://${host}:${appPort}`;
    const simulatorUrl = `http://${crossSiteName(host)}:${simulatorPort}`;
    const emulator = new OrgEmulator({
        dataDir: options.dataDir,
        connectorUrl: `${simulatorUrl}/?host=${encodeURIComponent(appUrl)}`,
        extraFieldDirs: options.extraFieldDirs ?? [join(FIXTURES, 'admin-fields')]
    });

    app.on('request', (req, res) => {
        const path = new URL(req.url ?? '/', appUrl).pathname;
        if (path === '/' || path === '/index.html' || path === '/setup')
            return send(res, 200, appPage(), TYPES['.html']);
        if (path === '/build/app.js') return send(res, 200, appBundle, TYPES['.js']);
        if (path === '/favicon.ico') return send(res, 204, '');
        if (path.startsWith('/assets/')) return serveFile(res, SLDS_ASSETS, path.slice('/assets/'.length));
        if (path.startsWith('/api/')) {
            handleApi(emulator, req, res, path.slice('/api'.length)).catch((error: unknown) => {
                if (!res.headersSent)
                    json(res, 400, [{ errorCode: 'JSON_PARSER_ERROR', message: String((error as Error).message) }]);
            });
            return;
        }
        send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    });

    simulator.on('request', (req, res) => {
        const path = new URL(req.url ?? '/', simulatorUrl).pathname;
        if (path === '/' || path === '/index.html') return serveFile(res, join(WORKBENCH, 'simulator'), 'index.html');
        if (path === '/forger.html') return serveFile(res, join(WORKBENCH, 'simulator'), 'forger.html');
        if (path === '/simulator.js') return send(res, 200, simulatorBundle, TYPES['.js']);
        if (path === '/favicon.ico') return send(res, 204, '');
        if (path === '/fixtures/index.json') return json(res, 200, fixtureIndex());
        if (path.startsWith('/fixtures/')) return serveFile(res, FIXTURES, path.slice('/fixtures/'.length));
        if (path.startsWith('/assets/')) return serveFile(res, SLDS_ASSETS, path.slice('/assets/'.length));
        send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    });

    const close = (server: Server) =>
        new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        });
    return {
        appUrl,
        simulatorUrl,
        emulator,
        close: async () => {
            await Promise.all([close(app), close(simulator)]);
        }
    };
}
