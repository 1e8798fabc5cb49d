/**
 * Customer data at rest: what the outbox stores of a waiting log is sealed with the user's
 * key (AES-GCM), opened by the same user's next session, and unreadable to anyone else.
 */
import { LogOutbox, memoryStorage, type OutboxEntry, type SaveOutcome } from 'c/interactionLog';
import { isSealed, NO_OUTBOX_KEY, OutboxSeal, sealedLength, utf8Length } from '../outboxSeal';

const KEY_A = Buffer.alloc(32, 7).toString('base64');
const KEY_B = Buffer.alloc(32, 9).toString('base64');
const CUSTOMER = 'Ana Souza';

/** Web Crypto answers on another turn of the event loop than promises: let it. */
async function settle(turns = 10): Promise<void> {
    for (let i = 0; i < turns; i += 1) {
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- Web Crypto settles on the event loop
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
}

async function sealWith(key?: string): Promise<OutboxSeal> {
    const seal = new OutboxSeal();
    if (key) await seal.useKey(key);
    return seal;
}

function body(id: string): string {
    return JSON.stringify({
        interactionId: id,
        interactionData: { intrinsics: { CALLER_NAME: CUSTOMER, CALLER_NUMBER: '+15550100' } }
    });
}

function outboxWith(storage: ReturnType<typeof memoryStorage>, seal: OutboxSeal | undefined, saved: OutboxEntry[]) {
    const outbox = new LogOutbox({
        storage,
        seal,
        saver: async (entry): Promise<SaveOutcome> => {
            saved.push({ ...entry });
            return { ok: true, recordId: `a00${String(saved.length).padStart(15, '0')}` };
        }
    });
    return outbox;
}

const storedText = (storage: ReturnType<typeof memoryStorage>) => [...storage.data.values()].join('\n');

describe('outboxSeal', () => {
    it('seals and opens text with the same key, bound to where it is stored', async () => {
        const seal = await sealWith(KEY_A);
        const sealed = await seal.seal('{"b":"secret"}', 'entry-1|body');
        expect(isSealed(sealed)).toBe(true);
        expect(sealed).not.toContain('secret');
        await expect(seal.open(sealed, 'entry-1|body')).resolves.toBe('{"b":"secret"}');
        // Moved under another entry's key, it does not open.
        await expect(seal.open(sealed, 'entry-2|body')).rejects.toThrow();
        // The same text sealed twice differs (a fresh IV each time).
        expect(await seal.seal('{"b":"secret"}', 'entry-1|body')).not.toBe(sealed);
    });

    it('knows the characters any text takes once sealed, before sealing it', async () => {
        const seal = await sealWith(KEY_A);
        const texts = ['', 'a', 'ab', 'abc', '{"b":"' + 'x'.repeat(997) + '"}', 'é', 'Ana Souza — São Paulo'];
        texts.push(
            '😀'.repeat(10),
            '\u202e'.repeat(3),
            'a\ud800b',
            '\udc00',
            'end\ud83d',
            JSON.stringify({ b: '{"q":"é"}' })
        );
        for (const text of texts) expect((await seal.seal(text, 'k')).length).toBe(sealedLength(text));
    });

    it('counts UTF-8 bytes as TextEncoder writes them, lone surrogates included', () => {
        const units = [
            'a',
            '\u007f',
            '\u0080',
            'é',
            '\u07ff',
            '\u0800',
            '€',
            '\uffff',
            '\ud83d',
            '\ude00',
            '\ud83d\ude00'
        ];
        let seed = 7;
        const next = () => (seed = (seed * 16807) % 2147483647);
        for (let run = 0; run < 500; run += 1) {
            const text = Array.from({ length: next() % 12 }, () => units[next() % units.length]).join('');
            expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
        }
    });

    it("does not open another user's sealed text", async () => {
        const sealed = await (await sealWith(KEY_A)).seal('{"b":"secret"}', 'k');
        await expect((await sealWith(KEY_B)).open(sealed, 'k')).rejects.toThrow();
    });

    it('waits for the key, and refuses once told none will come', async () => {
        const seal = new OutboxSeal();
        const waiting = seal.seal('text', 'k');
        await seal.useKey(KEY_A);
        await expect(waiting.then((s) => seal.open(s, 'k'))).resolves.toBe('text');

        const keyless = new OutboxSeal();
        const refused = keyless.seal('text', 'k');
        keyless.unavailable('Apex refused');
        await expect(refused).rejects.toThrow(NO_OUTBOX_KEY);
        const short = new OutboxSeal();
        await short.useKey(Buffer.alloc(16).toString('base64'));
        await expect(short.seal('text', 'k')).rejects.toThrow(NO_OUTBOX_KEY);
    });
});

describe('the outbox with a seal', () => {
    it('stores nothing about the customer in the clear, and saves a log only once it is stored sealed', async () => {
        const storage = memoryStorage();
        const saved: OutboxEntry[] = [];
        const seal = new OutboxSeal();
        const outbox = outboxWith(storage, seal, saved);
        outbox.start();
        outbox.enqueue({
            group: 'call-1',
            label: `Call with ${CUSTOMER}`,
            bodyJson: body('call-1'),
            headerJson: '{"agentId":"a1"}'
        });
        await settle();
        expect(saved).toHaveLength(0);
        expect(outbox.snapshot().pending[0].label).toBe(`Call with ${CUSTOMER}`);
        outbox.stop();

        await seal.useKey(KEY_A);
        await settle();
        const text = storedText(storage);
        expect(text).toContain('aesgcm1.');
        expect(text).not.toContain(CUSTOMER);
        expect(text).not.toContain('+15550100');
        expect(text).not.toContain('agentId');
        outbox.start();
        await settle();
        expect(saved.map((e) => e.bodyJson)).toEqual([body('call-1')]);
        expect(saved[0].headerJson).toBe('{"agentId":"a1"}');
    });

    it("opens the user's waiting logs in their next session and saves them", async () => {
        const storage = memoryStorage();
        const first: OutboxEntry[] = [];
        const before = outboxWith(storage, await sealWith(KEY_A), first);
        before.enqueue({ group: 'call-2', label: `Call with ${CUSTOMER}`, bodyJson: body('call-2') });
        await settle();
        expect(first).toHaveLength(0);

        const saved: OutboxEntry[] = [];
        const seal = new OutboxSeal();
        const after = outboxWith(storage, seal, saved);
        after.start();
        // Listed under its interaction until the key opens it; not saved before.
        expect(after.snapshot().pending[0].label).toBe('Interaction call-2');
        await settle();
        expect(saved).toHaveLength(0);
        await seal.useKey(KEY_A);
        await settle();
        expect(saved.map((e) => [e.bodyJson, e.label])).toEqual([[body('call-2'), `Call with ${CUSTOMER}`]]);
        expect(after.size).toBe(0);
    });

    it('shows a log stored with another key as needing attention, never saves or loses it silently', async () => {
        const storage = memoryStorage();
        const before = outboxWith(storage, await sealWith(KEY_A), []);
        before.enqueue({ group: 'call-3', label: 'Call', bodyJson: body('call-3') });
        await settle();

        const saved: OutboxEntry[] = [];
        const after = outboxWith(storage, await sealWith(KEY_B), saved);
        after.start();
        await settle();
        const snapshot = after.snapshot();
        expect(snapshot.failedCount).toBe(1);
        expect(snapshot.failed[0].lastError).toMatch(/cannot be read with your key/);
        expect(after.retry(snapshot.failed[0].id)).toBe(false);
        after.retryAll();
        await settle();
        expect(saved).toHaveLength(0);
        expect(storedText(storage)).toContain('aesgcm1.');
    });

    it('keeps a stored log for a session with a key when this one gets none', async () => {
        const storage = memoryStorage();
        const before = outboxWith(storage, await sealWith(KEY_A), []);
        before.enqueue({ group: 'call-4', label: 'Call', bodyJson: body('call-4') });
        await settle();

        const seal = new OutboxSeal();
        const after = outboxWith(storage, seal, []);
        after.start();
        seal.unavailable('Apex refused');
        await settle();
        expect(after.snapshot().pending[0].lastError).toMatch(/Waiting for your key/);
        expect(storedText(storage)).toContain('aesgcm1.');
    });

    it('seals only what its storage budget can hold: the rest is kept in memory without being sealed', async () => {
        const storage = memoryStorage();
        const saved: OutboxEntry[] = [];
        const seal = await sealWith(KEY_A);
        const sealed: string[] = [];
        const counting = {
            seal: (text: string, boundTo: string) => {
                sealed.push(boundTo);
                return seal.seal(text, boundTo);
            },
            open: (text: string, boundTo: string) => seal.open(text, boundTo)
        };
        const outbox = new LogOutbox({
            storage,
            seal: counting,
            budgetChars: 3000,
            saver: async (entry): Promise<SaveOutcome> => {
                saved.push({ ...entry });
                return { ok: false, transient: true, message: 'offline' };
            }
        });
        for (let i = 0; i < 50; i += 1) {
            outbox.enqueue({ group: `call-${i}`, label: 'Call', bodyJson: body(`call-${i}`) });
            await settle(2);
        }
        const snapshot = outbox.snapshot();
        expect(snapshot.pendingCount).toBe(50);
        expect(snapshot.storedChars).toBeLessThanOrEqual(3000);
        const stored = [...storage.data.keys()].filter((k) => k.endsWith('|body')).length;
        expect(stored).toBeGreaterThan(0);
        expect(snapshot.notDurable).toBe(50 - stored);
        // Every log sealed was stored; none was sealed only to be refused.
        expect(sealed).toHaveLength(stored);
    });

    /** An outbox whose seals are counted and whose saver answers `online` or offline, with a small budget. */
    async function countingOutbox(storage: ReturnType<typeof memoryStorage>, online: { now: boolean }) {
        const seal = await sealWith(KEY_A);
        const sealed: string[] = [];
        const outbox = new LogOutbox({
            storage,
            budgetChars: 3000,
            seal: {
                seal: (text: string, boundTo: string) => {
                    sealed.push(boundTo);
                    return seal.seal(text, boundTo);
                },
                open: (text: string, boundTo: string) => seal.open(text, boundTo)
            },
            saver: async (): Promise<SaveOutcome> =>
                online.now
                    ? { ok: true, recordId: 'a00000000000001AAA' }
                    : { ok: false, transient: true, message: 'offline' }
        });
        return { outbox, sealed };
    }

    const storedBodies = (storage: ReturnType<typeof memoryStorage>) =>
        [...storage.data.keys()].filter((k) => k.endsWith('|body')).length;

    it('seals and writes no more than its budget can hold when logs arrive faster than they are sealed', async () => {
        const storage = memoryStorage();
        const bodiesWritten: string[] = [];
        const write = storage.write;
        storage.write = (key, value) => {
            if (key.endsWith('|body')) bodiesWritten.push(key);
            write(key, value);
        };
        const { outbox, sealed } = await countingOutbox(storage, { now: false });
        // One burst: every log arrives before the first seal is done. Quotes and accents make the sealed text longer than the body.
        for (let i = 0; i < 50; i += 1)
            outbox.enqueue({
                group: `call-${i}`,
                label: 'Appel é',
                bodyJson: JSON.stringify({ id: i, q: body(`call-${i}`) })
            });
        await settle();
        const snapshot = outbox.snapshot();
        expect(snapshot.pendingCount).toBe(50);
        expect(snapshot.storedChars).toBeLessThanOrEqual(3000);
        expect(storedBodies(storage)).toBeGreaterThan(0);
        expect(snapshot.notDurable).toBe(50 - storedBodies(storage));
        // None sealed, or written, only to be refused or removed again.
        expect(sealed).toHaveLength(storedBodies(storage));
        expect(bodiesWritten).toHaveLength(storedBodies(storage));
    });

    it('counts the room confirmed logs could give, and no more, before sealing a log', async () => {
        const storage = memoryStorage();
        const online = { now: true };
        const { outbox, sealed } = await countingOutbox(storage, online);
        outbox.start();
        for (let i = 0; i < 3; i += 1)
            outbox.enqueue({ group: `done-${i}`, label: 'Call', bodyJson: body(`done-${i}`) });
        await settle();
        expect(outbox.snapshot().lastSaved).toBeDefined();
        online.now = false;
        sealed.length = 0;
        for (let i = 0; i < 50; i += 1)
            outbox.enqueue({ group: `call-${i}`, label: 'Call', bodyJson: body(`call-${i}`) });
        await settle();
        expect(outbox.snapshot().storedChars).toBeLessThanOrEqual(3000);
        // Before, any confirmed log let every arriving log be sealed, whether it could be stored or not.
        expect(storedBodies(storage)).toBeGreaterThan(0);
        expect(sealed).toHaveLength(storedBodies(storage));
    });

    it('keeps a new log in memory only, and saves it, when no key comes', async () => {
        const storage = memoryStorage();
        const saved: OutboxEntry[] = [];
        const seal = new OutboxSeal();
        seal.unavailable('no Web Crypto');
        const outbox = outboxWith(storage, seal, saved);
        outbox.enqueue({ group: 'call-5', label: `Call with ${CUSTOMER}`, bodyJson: body('call-5') });
        await settle();
        expect(outbox.snapshot().notDurable).toBe(1);
        expect(storedText(storage)).not.toContain(CUSTOMER);
        outbox.start();
        await settle();
        expect(saved).toHaveLength(1);
    });
});

describe('asking for the key', () => {
    it('uses the key Apex gives, and asks only once at a time', async () => {
        const seal = new OutboxSeal();
        const load = jest.fn(async () => KEY_A);
        seal.request(load);
        seal.request(load);
        await settle();
        expect(load).toHaveBeenCalledTimes(1);
        const sealed = await seal.seal('text', 'k');
        await expect((await sealWith(KEY_A)).open(sealed, 'k')).resolves.toBe('text');
        seal.request(load);
        await settle();
        expect(load).toHaveBeenCalledTimes(1);
    });

    it('keeps waiting when the network fails, and stops when Salesforce refuses', async () => {
        const seal = new OutboxSeal();
        seal.request(async () => {
            throw new TypeError('Failed to fetch');
        });
        await settle();
        const waiting = seal.seal('text', 'k');
        seal.request(async () => KEY_A);
        await expect(waiting).resolves.toMatch(/^aesgcm1\./);

        const refused = new OutboxSeal();
        refused.request(async () => {
            // What Lightning rejects an Apex call with: the response, not an Error.
            throw Object.assign(new Error(), {
                status: 500,
                body: { message: 'You do not have access to the Apex class named: InteractionLogOutboxKey' }
            });
        });
        await settle();
        await expect(refused.seal('text', 'k')).rejects.toThrow(/do not have access/);
    });
});
