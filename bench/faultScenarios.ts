/**
 * Fault injection on the save path: the real Interaction Log service (outbox and writer), a fake storage, and the
 * org emulator as Lightning Data Service, with the network and the org misbehaving. Every
 * scenario must end with exactly one record per log key and no log lost. The unit tests
 * assert that; `npm run bench` reports the counts.
 */
import {
    extractBody,
    InteractionLogService,
    mapInteractionLog,
    memoryStorage,
    OrgRequests,
    type FieldMapping,
    type ObjectSchema,
    type OrgApi,
    type OutboxStorage
} from '../force-app/main/default/lwc/interactionLog/interactionLog';
import { judgeMessage } from '../force-app/main/default/lwc/connectorProtocol/connectorProtocol';
import { loadFieldMappings, loadObjectSchema } from '../tools/lib/forceApp';
import { loadFixtures } from '../test/fixtures';
import { OrgEmulator } from '../workbench/orgEmulator';
import { emulatorLds } from '../workbench/emulatorLds';

export interface ScenarioResult {
    name: string;
    messages: number;
    logKeys: number;
    records: number;
    lost: number;
    duplicates: number;
    refusedByOrg: number;
    maxPendingSeen: number;
    maxInFlight: number;
}

const USER = '005000000000001AAA';
const ORIGIN = 'https://connector.example.com';
const frame = {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Rig {
    emulator: OrgEmulator;
    schema: ObjectSchema;
    mappings: FieldMapping[];
    lds: ReturnType<typeof emulatorLds>;
}

function rig(): Rig {
    const emulator = new OrgEmulator({ userId: USER });
    return { emulator, schema: loadObjectSchema(), mappings: loadFieldMappings(), lds: emulatorLds(emulator) };
}

/** The component's save path: the service, with short retry delays; `start` configures it, as the component does once the schema is in. */
class Tab {
    readonly service: InteractionLogService;
    constructor(
        private readonly r: Rig,
        storage: OutboxStorage = memoryStorage(),
        // As the component saves: its requests few at a time, a backlog's creates in batches.
        api: OrgApi = new OrgRequests(r.lds, r.lds.mutations)
    ) {
        this.service = new InteractionLogService({
            storage,
            api,
            onOutcome: () => undefined,
            outbox: { baseDelayMs: 5, maxDelayMs: 40 }
        });
    }
    start(): void {
        this.service.configure({
            schema: this.r.schema,
            mappings: this.r.mappings,
            userId: USER,
            storeRawPayload: true
        });
    }
    get size(): number {
        return this.service.size;
    }
}

function outbox(r: Rig, storage?: OutboxStorage): Tab {
    return new Tab(r, storage);
}

/** The sample messages plus `extra` voice calls with their own interaction ids, as the connector posts them. */
export function messages(extra = 20, prefix = 'fault'): unknown[] {
    const samples = loadFixtures('messages');
    const voice = samples.find((f) => f.name === 'axp-voice-inbound')?.message;
    const more = Array.from({ length: extra }, (_, i) => {
        const copy = JSON.parse(JSON.stringify(voice)) as { data: { message: { body: { interactionId: string } } } };
        copy.data.message.body.interactionId = `${prefix}-${i}`;
        return copy;
    });
    return [...samples.map((f) => f.message), ...more];
}

/** What the component does with a message: judge it, then hand a genuine log to the service. */
export function receive(box: Tab, message: unknown): void {
    const verdict = judgeMessage(
        { origin: ORIGIN, source: frame, data: message },
        { allowedOrigins: [ORIGIN], frameWindow: frame }
    );
    if (verdict.kind !== 'accepted' || verdict.message.action !== 'requestSaveInteractionLog')
        throw new Error('a sample was refused');
    box.service.receive(verdict.message);
}

async function drain(boxes: Tab[], watch: { maxPending: number }, ms = 20000): Promise<void> {
    const deadline = Date.now() + ms;
    while (boxes.some((b) => b.size > 0)) {
        watch.maxPending = Math.max(
            watch.maxPending,
            ...boxes.map((b) => b.service.snapshot().pending.length + b.service.snapshot().failed.length)
        );
        if (Date.now() > deadline) throw new Error('the outbox did not drain');
        await sleep(5);
    }
}

function logKeysOf(r: Rig, sent: unknown[]): Set<string> {
    const keys = new Set<string>();
    for (const message of sent) {
        const body = extractBody(message);
        // The key the writer gives each message, from the same mapper.
        keys.add(String(mapInteractionLog(body, r.mappings, r.schema, { userId: USER }).fields.Log_Key__c));
    }
    return keys;
}

function result(name: string, r: Rig, sent: unknown[], watch: { maxPending: number }): ScenarioResult {
    const keys = logKeysOf(r, sent);
    const records = r.emulator.list();
    const stored = new Map<string, number>();
    for (const record of records)
        stored.set(String(record.fields.Log_Key__c), (stored.get(String(record.fields.Log_Key__c)) ?? 0) + 1);
    return {
        name,
        messages: sent.length,
        logKeys: keys.size,
        records: records.length,
        lost: [...keys].filter((k) => !stored.has(k)).length,
        duplicates: [...stored.values()].reduce((sum, n) => sum + n - 1, 0),
        refusedByOrg: r.emulator.stats.refused + r.emulator.stats.dropped,
        maxPendingSeen: watch.maxPending,
        maxInFlight: r.lds.probe.maxInFlight
    };
}

type Scenario = { name: string; run: () => Promise<ScenarioResult> };

/** A fault that lasts while the first `faultyMs` of the drain pass, then clears (as the network comes back). */
function transientFault(name: string, apply: (r: Rig) => void, faultyMs = 60): Scenario {
    return {
        name,
        run: async () => {
            const r = rig();
            const box = outbox(r);
            const sent = messages();
            apply(r);
            for (const m of sent) receive(box, m);
            box.start();
            const watch = { maxPending: 0 };
            await sleep(faultyMs);
            watch.maxPending = box.service.snapshot().pending.length;
            r.emulator.clearFaults();
            box.service.retryAll();
            await drain([box], watch);
            return result(name, r, sent, watch);
        }
    };
}

export const SCENARIOS: Scenario[] = [
    transientFault('network down', (r) => (r.emulator.faults.offline = true)),
    transientFault('503 from the org', (r) => (r.emulator.faults.failStatus = 503)),
    transientFault('session expired', (r) => (r.emulator.faults.sessionExpired = true)),
    transientFault('row lock errors', (r) => (r.emulator.faults.lockNextWrites = 12), 10),
    transientFault('latency spikes', (r) => (r.emulator.faults.latencyMs = 25), 10),
    {
        name: 'duplicate delivery',
        run: async () => {
            const r = rig();
            const box = outbox(r);
            const sent = messages();
            box.start();
            for (const m of sent) {
                receive(box, m);
                receive(box, m);
            }
            const watch = { maxPending: 0 };
            await drain([box], watch);
            for (const m of sent.slice(0, 5)) receive(box, m);
            await drain([box], watch);
            return result('duplicate delivery', r, [...sent, ...sent, ...sent.slice(0, 5)], watch);
        }
    },
    {
        name: 'two tabs saving the same logs',
        run: async () => {
            const r = rig();
            const shared = memoryStorage();
            const first = outbox(r, shared);
            const sent = messages();
            for (const m of sent) receive(first, m);
            const second = outbox(r, shared);
            r.emulator.faults.latencyMs = 5;
            first.start();
            second.start();
            const watch = { maxPending: 0 };
            await drain([first, second], watch);
            return result('two tabs saving the same logs', r, sent, watch);
        }
    },
    {
        name: 'tab closed mid-save, reopened',
        run: async () => {
            const r = rig();
            const storage = memoryStorage();
            const closing = outbox(r, storage);
            const sent = messages();
            for (const m of sent) receive(closing, m);
            r.emulator.faults.latencyMs = 20;
            closing.start();
            await sleep(5);
            closing.service.stop();
            const reopened = outbox(r, storage);
            reopened.start();
            const watch = { maxPending: 0 };
            await drain([reopened], watch);
            await sleep(50);
            return result('tab closed mid-save, reopened', r, sent, watch);
        }
    },
    {
        name: 'browser storage full',
        run: async () => {
            const r = rig();
            const full = memoryStorage();
            full.write = () => {
                throw new Error('QuotaExceededError');
            };
            const box = outbox(r, full);
            const sent = messages();
            for (const m of sent) receive(box, m);
            const watch = { maxPending: box.service.snapshot().notDurable };
            box.start();
            await drain([box], watch);
            return result('browser storage full', r, sent, watch);
        }
    }
];

export async function runScenarios(): Promise<ScenarioResult[]> {
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) results.push(await scenario.run());
    return results;
}
