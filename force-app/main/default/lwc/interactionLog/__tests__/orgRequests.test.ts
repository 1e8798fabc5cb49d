/**
 * The save path's org requests: few at a time, and a backlog's creates sent together as one
 * GraphQL mutation, with every create the batch did not confirm sent again alone.
 */
import { OrgRequests, type MutationApi, type OrgApi } from 'c/interactionLog';
import { gql } from 'lightning/graphql';
import { nextTask } from 'c/rateLimits';

interface Deferred<T> {
    promise: Promise<T>;
    resolve(value: T): void;
    reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

/** Lets every promise chain the test started settle, and the tasks that send what waits (one request each) run. */
async function flush(turns = 20, tasks = 3): Promise<void> {
    for (let i = 0; i < turns; i += 1) await Promise.resolve();
    for (let task = 0; task < tasks; task += 1) {
        await nextTask();
        for (let i = 0; i < turns; i += 1) await Promise.resolve();
    }
}

/** An org whose every call waits until the test answers it. */
function heldOrg() {
    const calls: { kind: string; input: unknown; answer: Deferred<unknown> }[] = [];
    const held = (kind: string) => (input: unknown) => {
        const answer = deferred<unknown>();
        calls.push({ kind, input, answer });
        return answer.promise;
    };
    const api = {
        createRecord: held('create'),
        updateRecord: held('update'),
        findRecordIdByLogKey: held('findRecordIdByLogKey'),
        findTaskIdForLog: held('findTaskIdForLog')
    } as unknown as OrgApi;
    const mutations: { query: string; variables: Record<string, unknown>; answer: Deferred<unknown> }[] = [];
    const mutationApi: MutationApi = {
        gql: gql as MutationApi['gql'],
        executeMutation: (request) => {
            const answer = deferred<unknown>();
            mutations.push({ query: String(request.query), variables: request.variables, answer });
            return answer.promise as Promise<{ data?: unknown; errors?: unknown }>;
        }
    };
    return { api, calls, mutations, mutationApi };
}

const log = (n: number) => ({
    apiName: 'Interaction_Log__c',
    fields: { Log_Key__c: `key-${n}`, Subject__c: `Call ${n}` }
});

describe('orgRequests', () => {
    it('sends a lone create alone, through createRecord', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi);
        const saved = requests.createRecord(log(1));
        await flush();
        expect(org.calls.map((c) => c.kind)).toEqual(['create']);
        expect(org.mutations).toHaveLength(0);
        org.calls[0].answer.resolve({ id: 'a01000000000001AAA' });
        await expect(saved).resolves.toEqual({ id: 'a01000000000001AAA' });
    });

    it('keeps at most three requests in flight, of every kind', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api);
        const all = [
            requests.updateRecord({ fields: { Id: 'a01000000000001AAA' } }),
            requests.findRecordIdByLogKey('k'),
            requests.findTaskIdForLog('a01000000000001AAA'),
            requests.createRecord(log(1)),
            requests.createRecord(log(2))
        ];
        await flush();
        expect(org.calls).toHaveLength(3);
        org.calls[1].answer.resolve(null);
        await flush();
        expect(org.calls).toHaveLength(4);
        expect(org.calls[3].kind).toBe('create');
        for (const call of org.calls) call.answer.resolve({ id: 'x' });
        await flush();
        org.calls[4].answer.resolve({ id: 'y' });
        await Promise.all(all);
        expect(org.calls).toHaveLength(5);
    });

    it('builds and sends one request per task, so that no task of the page sends a whole backlog at once', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi);
        const saved = Array.from({ length: 75 }, (_, i) => requests.createRecord(log(i)));
        const sentAfter: number[] = [];
        for (let task = 0; task < 4; task += 1) {
            await flush(20, 1);
            sentAfter.push(org.mutations.length);
        }
        expect(sentAfter).toEqual([1, 2, 3, 3]);
        for (const m of org.mutations) {
            expect(Object.keys(m.variables)).toHaveLength(25);
            m.answer.resolve({
                data: { uiapi: Object.fromEntries(Object.keys(m.variables).map((a) => [a, { Record: { Id: a } }])) }
            });
        }
        await expect(Promise.all(saved)).resolves.toHaveLength(75);
    });

    it('sends the creates that wait together as one mutation with allOrNone false, each answered with its own id', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi);
        const saved = Array.from({ length: 40 }, (_, i) => requests.createRecord(log(i)));
        await flush();
        // Sent in a task of their own: every create of the task that queued them is waiting by then.
        expect(org.calls).toHaveLength(0);
        expect(org.mutations).toHaveLength(2);
        const [first, second] = org.mutations;
        expect(first.query).toMatch(/^mutation SaveInteractionLogs\(/);
        expect(first.query).toContain('uiapi(input: { allOrNone: false })');
        expect(Object.keys(first.variables)).toHaveLength(25);
        expect(Object.keys(second.variables)).toHaveLength(15);
        expect(first.variables.c0).toEqual({ Interaction_Log__c: log(0).fields });
        expect(first.query).toContain('c24: Interaction_Log__cCreate(input: $c24) { Record { Id } }');
        first.answer.resolve({
            data: {
                uiapi: Object.fromEntries(Object.keys(first.variables).map((a) => [a, { Record: { Id: `id-${a}` } }]))
            }
        });
        await expect(saved[0]).resolves.toEqual({ id: 'id-c0' });
        await expect(saved[24]).resolves.toEqual({ id: 'id-c24' });
        expect(org.calls).toHaveLength(0);
        expect(requests.sent).toMatchObject({ batches: 2, batched: 25, alone: 0 });
    });

    it('sends the creates queued after an answer, in the task that answered it, as one batch: none goes alone ahead of the others', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi, { requestsAtOnce: 1 });
        const first = [1, 2].map((n) => requests.createRecord(log(n)));
        await flush();
        // As the outbox does: the saves that follow start once the answer's saves are confirmed.
        const next = Promise.all(first).then(() => [3, 4, 5].map((n) => requests.createRecord(log(n))));
        org.mutations[0].answer.resolve({
            data: { uiapi: { c0: { Record: { Id: 'one' } }, c1: { Record: { Id: 'two' } } } }
        });
        const later = await next;
        await flush();
        expect(org.calls).toHaveLength(0);
        expect(org.mutations).toHaveLength(2);
        expect(org.mutations[1].variables).toEqual({
            c0: { Interaction_Log__c: log(3).fields },
            c1: { Interaction_Log__c: log(4).fields },
            c2: { Interaction_Log__c: log(5).fields }
        });
        org.mutations[1].answer.resolve({
            data: { uiapi: { c0: { Record: { Id: 'a' } }, c1: { Record: { Id: 'b' } }, c2: { Record: { Id: 'c' } } } }
        });
        await expect(Promise.all(later)).resolves.toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
        expect(requests.sent).toMatchObject({ batches: 2, batched: 5, alone: 0 });
    });

    it('sends a create the batch did not confirm again alone, so the writer sees what Salesforce answers it', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi, { requestsAtOnce: 1 });
        const saved = [1, 2, 3].map((n) => requests.createRecord(log(n)));
        await flush();
        const [batch] = org.mutations;
        expect(Object.keys(batch.variables)).toEqual(['c0', 'c1', 'c2']);
        batch.answer.resolve({
            data: { uiapi: { c0: { Record: { Id: 'first' } }, c1: null, c2: { Record: { Id: 'third' } } } },
            errors: [{ message: 'duplicate value found', paths: ['uiapi', 'c1'] }]
        });
        await flush();
        expect(org.calls).toHaveLength(1);
        expect(org.calls[0]).toMatchObject({ kind: 'create', input: log(2) });
        const duplicate = { status: 400, body: { output: { errors: [{ errorCode: 'DUPLICATE_VALUE' }] } } };
        org.calls[0].answer.reject(duplicate);
        await expect(saved[0]).resolves.toEqual({ id: 'first' });
        await expect(saved[1]).rejects.toBe(duplicate);
        await expect(saved[2]).resolves.toEqual({ id: 'third' });
        expect(requests.sent.fallbacks).toBe(1);
    });

    it('fails each log of a batch the network failed with that error, to be retried as any log is', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi, { requestsAtOnce: 1 });
        const saved = [1, 2, 3].map((n) => requests.createRecord(log(n)));
        await flush();
        const offline = new TypeError('Failed to fetch');
        org.mutations[0].answer.reject(offline);
        for (const one of saved) await expect(one).rejects.toBe(offline);
        expect(org.calls).toHaveLength(0);
        // Batching goes on once the network is back.
        const later = [4, 5].map((n) => requests.createRecord(log(n)));
        await flush();
        expect(org.mutations).toHaveLength(2);
        org.mutations[1].answer.resolve({
            data: { uiapi: { c0: { Record: { Id: 'four' } }, c1: { Record: { Id: 'five' } } } }
        });
        await expect(Promise.all(later)).resolves.toEqual([{ id: 'four' }, { id: 'five' }]);
    });

    it('falls back whole when an org answers a batch without data, and sends creates alone for a while', async () => {
        let now = 1_000;
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi, { requestsAtOnce: 1, now: () => now });
        const saved = [1, 2].map((n) => requests.createRecord(log(n)));
        await flush();
        org.mutations[0].answer.resolve({
            errors: [{ message: 'Validation error: unknown field Interaction_Log__cCreate' }]
        });
        await flush();
        expect(org.calls.map((c) => c.input)).toEqual([log(1)]);
        org.calls[0].answer.resolve({ id: 'one' });
        await flush();
        org.calls[1].answer.resolve({ id: 'two' });
        await expect(Promise.all(saved)).resolves.toEqual([{ id: 'one' }, { id: 'two' }]);

        const later = [3, 4].map((n) => requests.createRecord(log(n)));
        await flush();
        org.calls[2].answer.resolve({ id: 'three' });
        await flush();
        expect(org.mutations).toHaveLength(1);
        org.calls[3].answer.resolve({ id: 'four' });
        await Promise.all(later);

        now += 60_000;
        const after = [5, 6].map((n) => requests.createRecord(log(n)));
        await flush();
        expect(org.mutations).toHaveLength(2);
        org.mutations[1].answer.resolve({
            data: { uiapi: { c0: { Record: { Id: 'five' } }, c1: { Record: { Id: 'six' } } } }
        });
        await expect(Promise.all(after)).resolves.toEqual([{ id: 'five' }, { id: 'six' }]);
    });

    it('keeps a batch within its characters, and never batches what is not a log', async () => {
        const org = heldOrg();
        const requests = new OrgRequests(org.api, org.mutationApi, { requestsAtOnce: 1, batchChars: 300 });
        const big = (n: number) => ({
            apiName: 'Interaction_Log__c',
            fields: { Raw_Payload__c: 'x'.repeat(200), Log_Key__c: `k${n}` }
        });
        const all = [
            requests.createRecord({ apiName: 'Task', fields: { Subject: 'one' } }),
            requests.createRecord({ apiName: 'Task', fields: { Subject: 'two' } }),
            requests.createRecord(big(1)),
            requests.createRecord(big(2))
        ];
        await flush();
        org.calls[0].answer.resolve({ id: 't1' });
        await flush();
        expect(org.calls[1].input).toEqual({ apiName: 'Task', fields: { Subject: 'two' } });
        org.calls[1].answer.resolve({ id: 't2' });
        await flush();
        // Two logs of 200 characters each do not fit 300 together: each goes alone.
        expect(org.mutations).toHaveLength(0);
        expect(org.calls[2].input).toEqual(big(1));
        org.calls[2].answer.resolve({ id: 'l1' });
        await flush();
        org.calls[3].answer.resolve({ id: 'l2' });
        await expect(Promise.all(all)).resolves.toHaveLength(4);
    });

    it('says how many saves may wait on it: a batch for every slot when it can batch', () => {
        const org = heldOrg();
        expect(new OrgRequests(org.api, org.mutationApi).capacity).toBe(75);
        expect(new OrgRequests(org.api).capacity).toBe(3);
    });
});
