import {
    CONFIRMED_WRITE_MS,
    entryId,
    LogOutbox,
    memoryStorage,
    NOTIFY_INTERVAL_MS,
    webStorage,
    type OutboxEntry,
    type OutboxStorage,
    type SaveOutcome,
    type Timers
} from 'c/interactionLog';
import { BudgetedStore, sizeOf } from '../outboxStore';

/** A clock and timers that only move when the test says so. */
function fakeTime() {
    let now = 1_000_000;
    let nextHandle = 1;
    const pending = new Map<number, { at: number; callback: () => void }>();
    const timers: Timers = {
        setTimeout(callback, ms) {
            const handle = nextHandle++;
            pending.set(handle, { at: now + ms, callback });
            return handle;
        },
        clearTimeout(handle) {
            pending.delete(handle as number);
        }
    };
    const flush = async () => {
        for (let i = 0; i < 20; i += 1) await Promise.resolve();
    };
    return {
        timers,
        now: () => now,
        flush,
        /** Moves the clock, firing due timers in order, letting promises settle in between. */
        async advance(ms: number) {
            const until = now + ms;
            await flush();
            for (;;) {
                const due = [...pending.entries()]
                    .filter(([, t]) => t.at <= until)
                    .sort((a, b) => a[1].at - b[1].at)[0];
                if (!due) break;
                pending.delete(due[0]);
                now = Math.max(now, due[1].at);
                due[1].callback();
                await flush();
            }
            now = until;
            await flush();
        }
    };
}

function body(id: string, extra: Record<string, unknown> = {}) {
    return JSON.stringify({ interactionId: id, interactionData: { ...extra } });
}

function setup(
    saverImpl?: (entry: Readonly<OutboxEntry>) => Promise<SaveOutcome>,
    storage: OutboxStorage = memoryStorage(),
    options = {}
) {
    const time = fakeTime();
    const calls: OutboxEntry[] = [];
    let counter = 0;
    const saver = jest.fn(async (entry: Readonly<OutboxEntry>) => {
        calls.push({ ...entry });
        if (saverImpl) return saverImpl(entry);
        counter += 1;
        return { ok: true, recordId: `a00${String(counter).padStart(15, '0')}` } as SaveOutcome;
    });
    const outbox = new LogOutbox({ storage, saver, now: time.now, random: () => 0.5, timers: time.timers, ...options });
    return { outbox, saver, calls, time, storage };
}

describe('logOutbox', () => {
    it('writes a log to storage before anything is sent', async () => {
        const storage = memoryStorage();
        const seenAtSave: boolean[] = [];
        const { outbox, time } = setup(async (entry) => {
            seenAtSave.push(storage.read(entry.id) !== null);
            return { ok: true, recordId: 'a00000000000001AAA' };
        }, storage);
        outbox.start();
        const entry = outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        // The body is stored once, under its own key; the entry's state under the entry's id.
        expect(storage.read(`${entry.id}|body`)).toBe(body('i-1'));
        expect(JSON.parse(storage.read(entry.id) ?? '{}').state).toBe('pending');
        await time.flush();
        expect(seenAtSave).toEqual([true]);
    });

    it('removes the log once Salesforce confirms it, and remembers the record', async () => {
        const { outbox, saver, time, storage } = setup();
        outbox.start();
        const entry = outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(1);
        expect(outbox.size).toBe(0);
        const snapshot = outbox.snapshot();
        expect(snapshot.pending).toEqual([]);
        expect(snapshot.lastSaved).toMatchObject({
            id: entry.id,
            state: 'saved',
            recordId: 'a00000000000000001',
            bodyJson: ''
        });
        // The waiting log leaves storage at once; what stays once saved (ids and times, nothing
        // about the customer) is written within CONFIRMED_WRITE_MS.
        expect(storage.read(entry.id)).toBeNull();
        expect(storage.read(`${entry.id}|body`)).toBeNull();
        await time.advance(CONFIRMED_WRITE_MS);
        expect(JSON.parse(storage.read(entry.id) ?? '{}')).toEqual({
            id: entry.id,
            group: 'i-1',
            seq: 1,
            state: 'saved',
            recordId: 'a00000000000000001',
            savedAt: expect.any(Number)
        });
        expect(storage.read(`${entry.id}|body`)).toBeNull();
    });

    it('keeps a log received before start and saves it when started', async () => {
        const { outbox, saver, time } = setup();
        outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.flush();
        expect(saver).not.toHaveBeenCalled();
        expect(outbox.snapshot().pending).toHaveLength(1);
        outbox.start();
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(1);
    });

    it('retries transient failures with growing, jittered backoff until saved, exactly once', async () => {
        let failures = 3;
        const { outbox, saver, time } = setup(async () =>
            failures-- > 0
                ? { ok: false, transient: true, message: 'offline' }
                : { ok: true, recordId: 'a00000000000001AAA' }
        );
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(1);
        const waiting = outbox.snapshot().pending[0];
        expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError: 'offline' });
        await time.advance(1000);
        expect(saver).toHaveBeenCalledTimes(1);
        await time.advance(60_000);
        expect(saver).toHaveBeenCalledTimes(4);
        expect(outbox.size).toBe(0);
        expect(outbox.snapshot().lastSaved?.recordId).toBe('a00000000000001AAA');
    });

    it('computes backoff exponentially with jitter, capped', () => {
        const { outbox } = setup();
        expect(outbox.backoff(1)).toBe(1500);
        expect(outbox.backoff(2)).toBe(3000);
        expect(outbox.backoff(3)).toBe(6000);
        expect(outbox.backoff(30)).toBe(225_000);
        const low = new LogOutbox({ storage: memoryStorage(), saver: jest.fn(), random: () => 0 });
        const high = new LogOutbox({ storage: memoryStorage(), saver: jest.fn(), random: () => 0.999999 });
        expect(low.backoff(2)).toBe(2000);
        expect(high.backoff(2)).toBe(4000);
    });

    it('marks a permanent failure as needing attention and saves it on Retry', async () => {
        let refuse = true;
        const { outbox, saver, time } = setup(async () =>
            refuse
                ? { ok: false, transient: false, message: 'Refused', detail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }
                : { ok: true, recordId: 'a00000000000001AAA' }
        );
        outbox.start();
        const entry = outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.advance(10 * 60_000);
        expect(saver).toHaveBeenCalledTimes(1);
        expect(outbox.snapshot().failed).toEqual([
            expect.objectContaining({
                id: entry.id,
                lastError: 'Refused',
                errorDetail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION'
            })
        ]);
        refuse = false;
        expect(outbox.retry(entry.id)).toBe(true);
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(2);
        expect(outbox.snapshot().failed).toEqual([]);
        expect(outbox.retry('nope')).toBe(false);
    });

    it('saves what an earlier page load left behind, once', async () => {
        const storage = memoryStorage();
        const first = setup(undefined, storage);
        first.outbox.enqueue({ group: 'i-1', label: 'Call 1', bodyJson: body('i-1') });
        first.outbox.enqueue({ group: 'i-2', label: 'Call 2', bodyJson: body('i-2') });
        // The tab closes before anything was saved. A new page loads:
        const second = setup(undefined, storage);
        expect(second.outbox.snapshot().pending.map((e) => e.label)).toEqual(['Call 1', 'Call 2']);
        second.outbox.start();
        await second.time.flush();
        expect(second.saver).toHaveBeenCalledTimes(2);
        expect(second.outbox.size).toBe(0);
        const third = setup(undefined, storage);
        third.outbox.start();
        await third.time.flush();
        expect(third.saver).not.toHaveBeenCalled();
    });

    it('saves again an entry that was mid-save when the page closed', async () => {
        const storage = memoryStorage();
        const first = setup(() => new Promise<SaveOutcome>(() => undefined), storage);
        first.outbox.start();
        first.outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await first.time.flush();
        expect(first.outbox.snapshot().pending[0].state).toBe('saving');
        const second = setup(undefined, storage);
        second.outbox.start();
        await second.time.flush();
        expect(second.saver).toHaveBeenCalledTimes(1);
        expect(second.outbox.size).toBe(0);
    });

    it('treats the same message delivered twice as one entry', async () => {
        const { outbox, saver, time } = setup();
        const a = outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        const b = outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        expect(a.id).toBe(b.id);
        expect(outbox.size).toBe(1);
        outbox.start();
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(1);
    });

    it('passes the record id to a redelivery of a message already saved, so it updates that record', async () => {
        const { outbox, calls, time } = setup();
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.flush();
        outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.flush();
        expect(calls.map((c) => c.recordId)).toEqual([undefined, 'a00000000000000001']);
    });

    it('saves logs of one interaction one at a time, in arrival order', async () => {
        const resolvers: (() => void)[] = [];
        const { outbox, calls, time } = setup(
            () =>
                new Promise<SaveOutcome>((resolve) => {
                    resolvers.push(() => resolve({ ok: true, recordId: 'a00000000000001AAA' }));
                })
        );
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'first', bodyJson: body('i-1', { n: 1 }) });
        outbox.enqueue({ group: 'i-1', label: 'second', bodyJson: body('i-1', { n: 2 }) });
        outbox.enqueue({ group: 'i-2', label: 'other', bodyJson: body('i-2') });
        await time.flush();
        expect(calls.map((c) => c.label)).toEqual(['first', 'other']);
        resolvers[0]();
        await time.flush();
        expect(calls.map((c) => c.label)).toEqual(['first', 'other', 'second']);
    });

    it('drains a burst in order with a bounded number of saves in flight', async () => {
        let inFlight = 0;
        let maxInFlight = 0;
        const order: string[] = [];
        const { outbox, time } = setup(async (entry) => {
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            order.push(entry.group);
            await Promise.resolve();
            inFlight -= 1;
            return { ok: true, recordId: 'a00000000000001AAA' };
        });
        outbox.start();
        const groups = Array.from({ length: 500 }, (_, i) => `i-${i}`);
        for (const g of groups) outbox.enqueue({ group: g, label: g, bodyJson: body(g) });
        for (let i = 0; i < 100 && outbox.size > 0; i += 1) await time.flush();
        expect(outbox.size).toBe(0);
        expect(order).toEqual(groups);
        expect(maxInFlight).toBe(3);
    });

    it('keeps only the newest confirmed entries', async () => {
        const { outbox, time, storage } = setup(undefined, memoryStorage(), { maxConfirmed: 3 });
        outbox.start();
        for (let i = 0; i < 6; i += 1) {
            outbox.enqueue({ group: `i-${i}`, label: `log ${i}`, bodyJson: body(`i-${i}`) });
            await time.flush();
        }
        expect(outbox.entries().map((e) => e.label)).toEqual(['log 3', 'log 4', 'log 5']);
        await time.advance(CONFIRMED_WRITE_MS);
        expect((storage as ReturnType<typeof memoryStorage>).data.size).toBe(3);
    });

    it('writes confirmed entries at most once a second: those pushed out of the newest before then never touch storage', async () => {
        const storage = memoryStorage();
        const savedWrites: string[] = [];
        const removals: string[] = [];
        const { outbox, time } = setup(
            undefined,
            {
                ...storage,
                write: (key, value) => {
                    if (value.includes('"state":"saved"')) savedWrites.push(key);
                    storage.write(key, value);
                },
                remove: (key) => {
                    removals.push(key);
                    storage.remove(key);
                }
            },
            { maxConfirmed: 3 }
        );
        outbox.start();
        const ids = Array.from(
            { length: 20 },
            (_, i) => outbox.enqueue({ group: `i-${i}`, label: 'Call', bodyJson: body(`i-${i}`) }).id
        );
        for (let i = 0; i < 20 && outbox.size > 0; i += 1) await time.flush();
        expect(outbox.size).toBe(0);
        expect(savedWrites).toEqual([]);
        await time.advance(CONFIRMED_WRITE_MS);
        // Before, each of the 20 was written, and 17 of them removed again.
        expect(savedWrites).toEqual(ids.slice(17));
        expect(removals.filter((key) => !key.endsWith('|body'))).toEqual(ids);
        expect([...storage.data.keys()].sort()).toEqual(ids.slice(17).sort());
        // Stopping writes what is confirmed at once.
        outbox.enqueue({ group: 'i-last', label: 'Call', bodyJson: body('i-last') });
        await time.flush();
        outbox.stop();
        expect(savedWrites).toHaveLength(4);
    });

    it('keeps a redelivery of a confirmed log stored while later logs are confirmed', async () => {
        const storage = memoryStorage();
        let online = true;
        const { outbox, time } = setup(
            async (entry) =>
                online || !entry.group.startsWith('again')
                    ? { ok: true, recordId: 'a00000000000001AAA' }
                    : { ok: false, transient: true, message: 'offline' },
            storage,
            { maxConfirmed: 2 }
        );
        outbox.start();
        const first = outbox.enqueue({ group: 'again', label: 'Call', bodyJson: body('again') });
        await time.flush();
        await time.advance(CONFIRMED_WRITE_MS);
        online = false;
        const redelivery = outbox.enqueue({ group: 'again', label: 'Call', bodyJson: body('again') });
        expect(redelivery.id).toBe(first.id);
        expect(redelivery.recordId).toBe('a00000000000001AAA');
        for (let i = 0; i < 4; i += 1) {
            outbox.enqueue({ group: `other-${i}`, label: 'Call', bodyJson: body(`other-${i}`) });
            await time.flush();
        }
        await time.advance(CONFIRMED_WRITE_MS);
        // Before, the confirmed entry leaving the newest two removed the redelivery's stored state.
        expect(JSON.parse(storage.read(first.id) ?? '{}').state).toBe('pending');
        const reloaded = new LogOutbox({ storage, saver: async () => ({ ok: true, recordId: 'x' }) });
        expect(reloaded.snapshot().pendingCount).toBe(1);
        expect(reloaded.snapshot().pending[0].recordId).toBe('a00000000000001AAA');
    });

    it('keeps a log in memory when storage is full, says so, and still saves it', async () => {
        const full = memoryStorage();
        full.write = () => {
            throw new Error('QuotaExceededError');
        };
        let release: () => void = () => undefined;
        const { outbox, saver, time } = setup(
            () =>
                new Promise<SaveOutcome>((resolve) => {
                    release = () => resolve({ ok: true, recordId: 'a00000000000001AAA' });
                }),
            full
        );
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: body('i-1') });
        await time.flush();
        expect(outbox.snapshot().notDurable).toBe(1);
        release();
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(1);
        expect(outbox.size).toBe(0);
    });

    it('makes room by forgetting confirmed entries before giving up on durability', async () => {
        const storage = memoryStorage();
        const { outbox, time } = setup(undefined, storage);
        outbox.start();
        outbox.enqueue({ group: 'old', label: 'old', bodyJson: body('old') });
        await time.flush();
        const write = storage.write;
        // Room for two keys: the old confirmed entry, and one more (a log takes two: its body and its state).
        storage.write = (key, value) => {
            if (storage.data.size >= 2) throw new Error('QuotaExceededError');
            write(key, value);
        };
        outbox.stop();
        outbox.enqueue({ group: 'new', label: 'new', bodyJson: body('new') });
        expect(outbox.snapshot().notDurable).toBe(0);
        expect(storage.read(entryId('new', body('new')))).not.toBeNull();
    });

    it('retries everything waiting at once when the browser comes back online', async () => {
        let online = false;
        const { outbox, saver, time } = setup(async () =>
            online ? { ok: true, recordId: 'a00000000000001AAA' } : { ok: false, transient: true, message: 'offline' }
        );
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'a', bodyJson: body('i-1') });
        outbox.enqueue({ group: 'i-2', label: 'b', bodyJson: body('i-2') });
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(2);
        online = true;
        outbox.retryAll();
        await time.flush();
        expect(saver).toHaveBeenCalledTimes(4);
        expect(outbox.size).toBe(0);
    });

    it("puts a failed log woken with the others back ahead of its interaction's later logs, and saves each once", async () => {
        let online = false;
        let refused = true;
        const { outbox, calls, time } = setup(async (entry) => {
            if (entry.label === 'first' && refused) {
                refused = false;
                return { ok: false, transient: false, message: 'refused' };
            }
            return online
                ? { ok: true, recordId: 'a00000000000001AAA' }
                : { ok: false, transient: true, message: 'offline' };
        });
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'first', bodyJson: body('i-1', { leg: 1 }) });
        await time.flush();
        outbox.enqueue({ group: 'i-1', label: 'second', bodyJson: body('i-1', { leg: 2 }) });
        outbox.enqueue({ group: 'i-2', label: 'other', bodyJson: body('i-2') });
        await time.flush();
        expect(outbox.snapshot().failed).toHaveLength(1);
        online = true;
        calls.length = 0;
        outbox.retryAll();
        await time.flush();
        await time.advance(1000);
        expect(calls.map((c) => c.label)).toEqual(['first', 'other', 'second']);
        expect(outbox.size).toBe(0);
    });

    it('keeps what a partly successful save achieved, so the next attempt resumes there', async () => {
        let calls = 0;
        const {
            outbox,
            calls: seen,
            time
        } = setup(async () => {
            calls += 1;
            return calls === 1
                ? {
                      ok: false,
                      transient: true,
                      message: 'task later',
                      resume: { recordId: 'a00000000000001AAA', taskPending: true, taskId: '00T000000000001AAA' }
                  }
                : { ok: true, recordId: 'a00000000000001AAA' };
        });
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'a', bodyJson: body('i-1') });
        await time.advance(5000);
        expect(seen.map((e) => [e.recordId, e.taskPending, e.taskId])).toEqual([
            [undefined, undefined, undefined],
            ['a00000000000001AAA', true, '00T000000000001AAA']
        ]);
        expect(outbox.snapshot().lastSaved).toMatchObject({ taskPending: undefined, taskId: undefined });
    });

    it('treats a saver that throws as a transient failure', async () => {
        let calls = 0;
        const { outbox, time } = setup(async () => {
            calls += 1;
            if (calls === 1) throw new Error('bug');
            return { ok: true, recordId: 'a00000000000001AAA' };
        });
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'a', bodyJson: body('i-1') });
        await time.flush();
        expect(outbox.snapshot().pending[0]).toMatchObject({
            lastError: expect.stringMatching(/retried/),
            errorDetail: 'bug'
        });
        await time.advance(5000);
        expect(outbox.size).toBe(0);
    });

    it('tells subscribers of a change, then of the state the change led to, and survives a listener that throws', async () => {
        const { outbox, time } = setup();
        const seen: number[] = [];
        outbox.subscribe(() => {
            throw new Error('listener bug');
        });
        const stop = outbox.subscribe((snapshot) => seen.push(snapshot.pending.length));
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'a', bodyJson: body('i-1') });
        await time.flush();
        expect(seen).toEqual([1]);
        await time.advance(NOTIFY_INTERVAL_MS);
        expect(seen).toEqual([1, 0]);
        stop();
        outbox.enqueue({ group: 'i-2', label: 'b', bodyJson: body('i-2') });
        await time.advance(NOTIFY_INTERVAL_MS * 3);
        expect(seen).toEqual([1, 0]);
    });

    it('tells subscribers of a burst at most once per interval, each message arriving in a task of its own', async () => {
        const { outbox, time } = setup();
        const seen: number[] = [];
        outbox.subscribe((snapshot) => seen.push(snapshot.pendingCount));
        for (let i = 0; i < 200; i += 1) {
            outbox.enqueue({ group: `i-${i}`, label: 'a', bodyJson: body(`i-${i}`) });
            // Each postMessage is a task: promises settle between two messages.
            await time.flush();
        }
        expect(seen).toEqual([1]);
        await time.advance(NOTIFY_INTERVAL_MS);
        expect(seen).toEqual([1, 200]);
        await time.advance(NOTIFY_INTERVAL_MS * 5);
        expect(seen).toEqual([1, 200]);
        outbox.enqueue({ group: 'late', label: 'a', bodyJson: body('late') });
        await time.flush();
        expect(seen).toEqual([1, 200, 201]);
    });

    it('ignores unreadable storage entries', () => {
        const storage = memoryStorage({ junk: '{not json', other: '{"id":1}' });
        const { outbox } = setup(undefined, storage);
        expect(outbox.size).toBe(0);
    });
});

describe('webStorage', () => {
    it('scopes entries to the user with a prefix and lists only its own keys', () => {
        const data = new Map<string, string>([['unrelated', 'x']]);
        const store = {
            get length() {
                return data.size;
            },
            key: (i: number) => [...data.keys()][i] ?? null,
            getItem: (k: string) => data.get(k) ?? null,
            setItem: (k: string, v: string) => {
                data.set(k, v);
            },
            removeItem: (k: string) => {
                data.delete(k);
            }
        };
        const mine = webStorage(store, '005000000000001AAA');
        const theirs = webStorage(store, '005000000000002AAA');
        mine.write('e1', 'v1');
        theirs.write('e2', 'v2');
        expect(mine.keys()).toEqual(['e1']);
        expect(theirs.keys()).toEqual(['e2']);
        expect(data.has('interactionLog.outbox.v1.005000000000001AAA.e1')).toBe(true);
        mine.remove('e1');
        expect(mine.read('e1')).toBeNull();
        expect(data.get('unrelated')).toBe('x');
    });
});

describe('BudgetedStore', () => {
    it('counts room held for writes still being prepared until each is released, once', () => {
        const store = new BudgetedStore(memoryStorage(), sizeOf('a', 100) * 2);
        expect(store.fits(sizeOf('a', 100))).toBe(true);
        const release = store.reserve(sizeOf('a', 100));
        expect(store.fits(sizeOf('b', 100))).toBe(true);
        const second = store.reserve(sizeOf('b', 100));
        expect(store.fits(1)).toBe(false);
        // What the outbox could free (confirmed entries) counts as room.
        expect(store.fits(1, 1)).toBe(true);
        release();
        release();
        expect(store.fits(sizeOf('c', 100))).toBe(true);
        expect(store.fits(sizeOf('c', 100) + 1)).toBe(false);
        second();
        expect(store.write('a', 'x'.repeat(100), () => false)).toBe(true);
        expect(store.charsOf('a')).toBe(sizeOf('a', 100));
        expect(store.fits(sizeOf('b', 100))).toBe(true);
        expect(store.fits(sizeOf('b', 101))).toBe(false);
    });
});

describe('logOutbox at contact-center scale', () => {
    const big = (id: string) => body(id, { notes: 'x'.repeat(1500) });

    it('snapshots one page of rows with counts, however many logs wait', async () => {
        const { outbox } = setup();
        for (let i = 0; i < 20000; i += 1)
            outbox.enqueue({ group: `i-${i}`, label: `Call ${i}`, bodyJson: body(`i-${i}`) });
        const snapshot = outbox.snapshot();
        expect(snapshot.pendingCount).toBe(20000);
        expect(snapshot.pending).toHaveLength(50);
        expect(snapshot.pending[0].label).toBe('Call 0');
        outbox.showFrom(19990);
        expect(outbox.snapshot().pending.map((e) => e.label)).toEqual(
            Array.from({ length: 10 }, (_, i) => `Call ${19990 + i}`)
        );
    });

    it('writes a body once, however often its log changes state', async () => {
        let offline = true;
        const storage = memoryStorage();
        const writes: string[] = [];
        const write = storage.write;
        storage.write = (key, value) => {
            writes.push(value);
            write(key, value);
        };
        const { outbox, time } = setup(
            async () =>
                offline
                    ? { ok: false, transient: true, message: 'offline' }
                    : { ok: true, recordId: 'a00000000000001AAA' },
            storage
        );
        outbox.start();
        outbox.enqueue({ group: 'i-1', label: 'Call', bodyJson: big('i-1') });
        await time.advance(60_000);
        offline = false;
        outbox.retryAll();
        await time.flush();
        expect(outbox.size).toBe(0);
        expect(writes.filter((value) => value.includes('x'.repeat(1500)))).toHaveLength(1);
    });

    it('keeps within its storage budget, holds the rest in memory and says so, and leaves other keys alone', async () => {
        const store = new Map<string, string>([['someone.elses.key', 'keep me']]);
        const web = {
            get length() {
                return store.size;
            },
            key: (i: number) => [...store.keys()][i] ?? null,
            getItem: (k: string) => store.get(k) ?? null,
            setItem: (k: string, v: string) => {
                store.set(k, v);
            },
            removeItem: (k: string) => {
                store.delete(k);
            }
        };
        const { outbox } = setup(undefined, webStorage(web, '005000000000001AAA'));
        for (let i = 0; i < 10000; i += 1) outbox.enqueue({ group: `i-${i}`, label: 'Call', bodyJson: big(`i-${i}`) });
        const used = [...store.entries()]
            .filter(([k]) => k.startsWith('interactionLog.outbox'))
            .reduce((sum, [k, v]) => sum + k.length + v.length, 0);
        expect(used).toBeLessThanOrEqual(1_000_000);
        const snapshot = outbox.snapshot();
        expect(snapshot.storedChars).toBeLessThanOrEqual(1_000_000);
        expect(snapshot.notDurable).toBeGreaterThan(9000);
        expect(snapshot.pendingCount).toBe(10000);
        expect(store.get('someone.elses.key')).toBe('keep me');
    });

    it('drops logs that waited longer than the expiry when saving starts, and counts them', async () => {
        const storage = memoryStorage();
        const old = setup(async () => ({ ok: false, transient: true, message: 'offline' }), storage);
        old.outbox.enqueue({ group: 'i-old', label: 'Old call', bodyJson: body('i-old') });
        old.outbox.stop();

        const later = setup(undefined, storage, { expireAfterMs: 7 * 86_400_000 });
        // Eight days later.
        await later.time.advance(8 * 86_400_000);
        later.outbox.enqueue({ group: 'i-new', label: 'New call', bodyJson: body('i-new') });
        later.outbox.start();
        await later.time.flush();
        expect(later.calls.map((e) => e.group)).toEqual(['i-new']);
        expect(later.outbox.snapshot().expired).toBe(1);
        expect(storage.read(entryId('i-old', body('i-old')))).toBeNull();
        // The count survives a reload.
        expect(setup(undefined, storage).outbox.snapshot().expired).toBe(1);
    });

    it('saves thousands of waiting logs once each, in order within an interaction', async () => {
        let offline = true;
        const { outbox, time, calls } = setup(async (entry) =>
            offline
                ? { ok: false, transient: true, message: 'offline' }
                : { ok: true, recordId: `a00${entry.id.length.toString().padStart(15, '0')}` }
        );
        outbox.start();
        for (let i = 0; i < 3000; i += 1)
            outbox.enqueue({ group: `i-${i % 100}`, label: `Call ${i}`, bodyJson: body(`i-${i % 100}`, { n: i }) });
        await time.advance(1000);
        offline = false;
        calls.length = 0;
        outbox.retryAll();
        // Saves that were already on their way when the network came back wait out their backoff.
        for (let i = 0; i < 3000 && outbox.size > 0; i += 1) await time.advance(1000);
        expect(outbox.size).toBe(0);
        expect(calls).toHaveLength(3000);
        const order = calls.filter((e) => e.group === 'i-7').map((e) => Number(e.label.slice(5)));
        expect(order).toEqual([...order].sort((a, b) => a - b));
    });
});
