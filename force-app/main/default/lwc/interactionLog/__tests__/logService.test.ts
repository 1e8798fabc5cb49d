/**
 * The save path as one service: a genuine message goes in, is mapped once (log and Task),
 * stored, written, and comes back once as an outcome. The prepare step is wrapped so the
 * tests can count how often a body is mapped.
 */
import {
    InteractionLogService,
    memoryStorage,
    type LogOutcome,
    type OrgApi,
    type OutboxStorage,
    type ReceivedLog,
    type WriterConfig
} from 'c/interactionLog';
import { prepareLog, warmUp } from '../preparedLog';
import { MAX_HELD } from '../logService';
import { judgeMessage, type SaveInteractionLogMessage } from 'c/connectorProtocol';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { TASK_SCHEMA } from '@tools/lib/standardObjects';
import { ADMIN_FIELDS_DIR, loadFixture } from '@fixtures';

jest.mock('../preparedLog', () => {
    const actual = jest.requireActual('../preparedLog');
    return { ...actual, prepareLog: jest.fn(actual.prepareLog), warmUp: jest.fn(actual.warmUp) };
});

const USER = '005000000000001AAA';
const ORIGIN = 'https://connector.example.com';
const FRAME = {};
const prepareSpy = prepareLog as jest.Mock;
const warmUpSpy = warmUp as jest.Mock;

const config: WriterConfig = {
    schema: loadObjectSchema(undefined, undefined, [ADMIN_FIELDS_DIR]),
    mappings: loadFieldMappings(),
    userId: USER,
    storeRawPayload: true
};

/** What the protocol's gate hands over for a sample message. */
function received(name: string): SaveInteractionLogMessage {
    const verdict = judgeMessage(
        { origin: ORIGIN, source: FRAME, data: loadFixture('messages', name).message },
        { allowedOrigins: [ORIGIN], frameWindow: FRAME }
    );
    if (verdict.kind !== 'accepted' || verdict.message.action !== 'requestSaveInteractionLog') {
        throw new Error(`${name} was refused`);
    }
    return verdict.message;
}

/** An org that records every call and answers with new ids. */
function org(overrides: Partial<OrgApi> = {}) {
    let next = 1;
    const calls: { op: string; fields: Record<string, unknown> }[] = [];
    const api: OrgApi = {
        createRecord: jest.fn(async (input) => {
            calls.push({ op: `create ${input.apiName}`, fields: input.fields });
            return { id: `${input.apiName === 'Task' ? '00T' : 'a00'}${String(next++).padStart(15, '0')}` };
        }),
        updateRecord: jest.fn(async (input) => {
            calls.push({ op: 'update', fields: input.fields });
            return { id: String(input.fields.Id) };
        }),
        findRecordIdByLogKey: jest.fn(async () => null),
        findTaskIdForLog: jest.fn(async () => null),
        ...overrides
    };
    return { api, calls };
}

/** One turn of the event loop: promises and the outbox's zero-delay timers run. */
// eslint-disable-next-line @lwc/lwc/no-async-operation -- the test waits for the outbox's zero-delay timers
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

async function settle(service: InteractionLogService): Promise<void> {
    for (let i = 0; i < 50 && service.size > 0; i += 1) await turn();
}

function start(api: OrgApi, storage: OutboxStorage = memoryStorage(), writer: WriterConfig = config) {
    const outcomes: LogOutcome[] = [];
    const service = new InteractionLogService({ storage, api, onOutcome: (o) => outcomes.push(o) });
    service.configure(writer);
    return { service, outcomes };
}

/** A service whose configuration has not arrived yet. */
function unconfigured() {
    const outcomes: LogOutcome[] = [];
    const service = new InteractionLogService({
        storage: memoryStorage(),
        api: org().api,
        onOutcome: (o) => outcomes.push(o)
    });
    return { service, outcomes };
}

beforeEach(() => {
    prepareSpy.mockClear();
    warmUpSpy.mockClear();
});

describe('the Interaction Log service', () => {
    it('maps a log once, saves it once, and reports the record with the fields written', async () => {
        const { api, calls } = org();
        const { service, outcomes } = start(api);
        const message = received('axp-voice-inbound');
        service.receive(message);
        await settle(service);

        expect(prepareSpy).toHaveBeenCalledTimes(1);
        expect(calls.map((c) => c.op)).toEqual(['create Interaction_Log__c']);
        expect(outcomes).toHaveLength(1);
        const saved = outcomes[0] as Extract<LogOutcome, { kind: 'saved' }>;
        expect(saved).toMatchObject({ kind: 'saved', recordId: 'a00000000000000001', warnings: [] });
        expect(saved.fields).toEqual(calls[0].fields);
        // The connector's history entry gets the body and header as received.
        expect(saved.body).toEqual(message.body);
        expect(saved.header).toEqual(message.header);
        expect(saved.label).toBe(calls[0].fields.Name);
    });

    it('maps the Task with the log, in the same single pass', async () => {
        const { api, calls } = org();
        const { service } = start(api, memoryStorage(), { ...config, task: { schema: TASK_SCHEMA } });
        service.receive(received('axp-voice-inbound'));
        await settle(service);
        expect(prepareSpy).toHaveBeenCalledTimes(1);
        expect(calls.map((c) => c.op)).toEqual(['create Interaction_Log__c', 'create Task', 'update']);
    });

    it('does not map a redelivered message again', async () => {
        const { api } = org();
        const { service } = start(api);
        const message = received('axp-chat');
        service.receive(message);
        service.receive(received('axp-chat'));
        await settle(service);
        expect(prepareSpy).toHaveBeenCalledTimes(1);
        expect(api.createRecord).toHaveBeenCalledTimes(1);
    });

    it('does not map again when a transient failure is retried', async () => {
        const offline = Object.assign(new TypeError('Failed to fetch'), {});
        const createRecord = jest.fn().mockRejectedValueOnce(offline).mockResolvedValue({ id: 'a00000000000000009' });
        const { api } = org({ createRecord });
        const { service, outcomes } = start(api);
        service.receive(received('minimal'));
        for (let i = 0; i < 50 && createRecord.mock.calls.length === 0; i += 1) await turn();
        await turn();
        service.retryAll();
        await settle(service);
        expect(createRecord).toHaveBeenCalledTimes(2);
        expect(prepareSpy).toHaveBeenCalledTimes(1);
        expect(outcomes.map((o) => o.kind)).toEqual(['saved']);
    });

    it('keeps only the next logs to save prepared in memory; a larger backlog is prepared again from its text, saved the same', async () => {
        const createRecord = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
        const { api } = org({ createRecord });
        const { service, outcomes } = start(api);
        const base = received('axp-voice-inbound');
        const count = MAX_HELD + 30;
        for (let i = 0; i < count; i += 1) {
            const body = { ...base.body, interactionId: `backlog-${i}` };
            service.receive({ ...base, body, bodyJson: JSON.stringify(body) });
        }
        expect(prepareSpy).toHaveBeenCalledTimes(count);
        await turn();
        const healthy = org();
        createRecord.mockImplementation(healthy.api.createRecord);
        prepareSpy.mockClear();
        service.retryAll();
        for (let i = 0; i < 200 && service.size > 0; i += 1) await turn();
        expect(service.size).toBe(0);
        expect(outcomes.filter((o) => o.kind === 'saved')).toHaveLength(count);
        // The logs beyond the held ones, and the ones that failed while many waited, were prepared again.
        expect(prepareSpy.mock.calls.length).toBeGreaterThanOrEqual(30);
        expect(prepareSpy.mock.calls.length).toBeLessThanOrEqual(count);
        const keys = new Set(healthy.calls.map((c) => c.fields.Log_Key__c));
        expect(keys.size).toBe(count);
    });

    it('warms the mapper up for the latest configuration in a task of its own, not in the caller’s', async () => {
        const { service } = unconfigured();
        service.configure({ ...config });
        service.configure(config);
        expect(warmUpSpy).not.toHaveBeenCalled();
        await turn();
        expect(warmUpSpy).toHaveBeenCalledTimes(1);
        expect(warmUpSpy).toHaveBeenCalledWith(config);
        // The warm-up is not a log: nothing was mapped for the outbox, nothing waits.
        expect(prepareSpy).not.toHaveBeenCalled();
        expect(service.size).toBe(0);
    });

    it('prepares each log it saves in a task of its own, not in the task that started the saves', async () => {
        const due: (() => void)[] = [];
        const timers = {
            setTimeout: (callback: () => void) => due.push(callback),
            clearTimeout: () => undefined
        };
        const { api } = org();
        const service = new InteractionLogService({
            storage: memoryStorage(),
            api,
            onOutcome: () => undefined,
            outbox: { timers }
        });
        for (const name of ['minimal', 'axp-chat', 'elite-voice-outbound']) service.receive(received(name));
        // The configuration starts the three saves; none is prepared in its task.
        service.configure(config);
        for (let i = 0; i < 20; i += 1) await Promise.resolve();
        expect(prepareSpy).not.toHaveBeenCalled();
        // The warm-up's task, then one for each save.
        expect(due).toHaveLength(4);
        const run = async (task: () => void) => {
            task();
            for (let i = 0; i < 20; i += 1) await Promise.resolve();
        };
        await run(due[0]);
        expect(warmUpSpy).toHaveBeenCalledTimes(1);
        expect(prepareSpy).not.toHaveBeenCalled();
        for (const n of [1, 2, 3]) {
            await run(due[n]);
            expect(prepareSpy).toHaveBeenCalledTimes(n);
            expect(api.createRecord).toHaveBeenCalledTimes(n);
        }
    });

    it('lists a log under a provisional name until it is configured, then maps it when it is saved', async () => {
        const { service, outcomes } = unconfigured();
        const message = received('minimal');
        service.receive(message);
        expect(prepareSpy).not.toHaveBeenCalled();
        expect(service.snapshot().pending[0].label).toBe(`Interaction ${message.body.interactionId}`);
        service.configure(config);
        await settle(service);
        expect(prepareSpy).toHaveBeenCalledTimes(1);
        expect(outcomes).toHaveLength(1);
    });

    it('reports a log received before the configuration by the name its record got, not the provisional one', async () => {
        const { service, outcomes } = unconfigured();
        const message = received('axp-voice-inbound');
        service.receive(message);
        expect(service.snapshot().pending[0].label).toBe(`Interaction ${message.body.interactionId}`);
        service.configure(config);
        await settle(service);
        const saved = outcomes[0] as Extract<LogOutcome, { kind: 'saved' }>;
        expect(saved.label).toBe('Inbound call - billing question');
        expect(saved.label).toBe(saved.fields.Name);
    });

    it('saves what an earlier page left in storage, reading each stored body once', async () => {
        const storage = memoryStorage();
        const before = new InteractionLogService({ storage, api: org().api, onOutcome: () => undefined });
        const message: ReceivedLog = received('elite-voice-outbound');
        before.receive(message);
        before.stop();

        const { api, calls } = org();
        const parse = jest.spyOn(JSON, 'parse');
        const { service, outcomes } = start(api, storage);
        await settle(service);
        const bodyParses = parse.mock.calls.filter(([text]) => text === message.bodyJson).length;
        parse.mockRestore();
        expect(bodyParses).toBe(1);
        expect(calls).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ kind: 'saved', body: message.body, header: message.header });
    });

    it('reports a log Salesforce refuses as needing attention, once, with the agent text and the admin detail', async () => {
        const refusal = {
            status: 400,
            body: {
                output: {
                    errors: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Logs need a disposition' }],
                    fieldErrors: {}
                }
            }
        };
        const { api } = org({ createRecord: jest.fn().mockRejectedValue(refusal) });
        const { service, outcomes } = start(api);
        service.receive(received('axp-voice-inbound'));
        await turn();
        await turn();
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({
            kind: 'needs-attention',
            message: expect.stringContaining('Logs need a disposition'),
            detail: expect.stringContaining('FIELD_CUSTOM_VALIDATION_EXCEPTION')
        });
        expect(service.snapshot().failed).toHaveLength(1);
    });
});

describe('a log left waiting in the browser', () => {
    it('is saved under the key it was given when it arrived, even after the key rule changed', async () => {
        const storage = memoryStorage();
        const before = new InteractionLogService({ storage, api: org().api, onOutcome: () => undefined });
        before.configure(config);
        const message = received('axp-voice-inbound');
        const entry = before.receive(message);
        before.stop();
        // The stored entry as an earlier version of the package left it, with the key of its own rule.
        const stored = JSON.parse(String(storage.read(entry.id))) as Record<string, unknown>;
        storage.write(
            entry.id,
            JSON.stringify({ ...stored, state: 'pending', logKey: 'i-1|005|4105|2026-11-20T14:08:47.000Z' })
        );

        const { api, calls } = org();
        const { service } = start(api, storage);
        await settle(service);
        expect(calls).toHaveLength(1);
        expect(calls[0].fields.Log_Key__c).toBe('i-1|005|4105|2026-11-20T14:08:47.000Z');
    });
});
