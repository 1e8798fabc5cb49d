import { CallBudget, Coalescer, LatestOnly, nextTask, type Timers } from 'c/rateLimits';

function clock() {
    let now = 0;
    const due: { at: number; callback: () => void }[] = [];
    const timers: Timers = {
        setTimeout(callback, ms) {
            due.push({ at: now + ms, callback });
            return due.length;
        },
        clearTimeout() {
            // not used by these classes' callers here
        }
    };
    return {
        timers,
        now: () => now,
        async advance(ms: number) {
            const until = now + ms;
            for (;;) {
                due.sort((a, b) => a.at - b.at);
                const next = due[0];
                if (!next || next.at > until) break;
                due.shift();
                now = next.at;
                next.callback();
                await Promise.resolve();
            }
            now = until;
        }
    };
}

describe('rate limits', () => {
    it('waits for a later task: nothing the current task queued runs after it', async () => {
        const time = clock();
        const order: string[] = [];
        const next = nextTask(time.timers).then(() => order.push('next task'));
        const current = Promise.resolve().then(() => order.push('this task'));
        for (let i = 0; i < 10; i += 1) await Promise.resolve();
        expect(order).toEqual(['this task']);
        await time.advance(0);
        for (let i = 0; i < 10; i += 1) await Promise.resolve();
        expect(order).toEqual(['this task', 'next task']);
        await Promise.all([next, current]);
    });

    it('shows one notice for a burst, then how many more came', async () => {
        const time = clock();
        const coalescer = new Coalescer(3000, time.timers);
        const shown: string[] = [];
        for (let i = 1; i <= 200; i += 1) {
            coalescer.notify(
                () => shown.push(`log ${i}`),
                (more) => shown.push(`${more} more`)
            );
        }
        expect(shown).toEqual(['log 1']);
        await time.advance(3000);
        expect(shown).toEqual(['log 1', '199 more']);
        coalescer.notify(
            () => shown.push('later'),
            (more) => shown.push(`${more} more`)
        );
        expect(shown).toEqual(['log 1', '199 more', 'later']);
    });

    it('runs the first request at once and only the latest of a burst after it', async () => {
        const time = clock();
        const latest = new LatestOnly(500, time.timers);
        const ran: number[] = [];
        for (let i = 1; i <= 200; i += 1) latest.run(() => ran.push(i));
        expect(ran).toEqual([1]);
        await time.advance(500);
        expect(ran).toEqual([1, 200]);
        await time.advance(500);
        expect(ran).toEqual([1, 200]);
    });

    it('lets a bounded number of calls per second through, in order, and none is lost', async () => {
        const time = clock();
        const budget = new CallBudget(5, time.now, time.timers);
        const calls: number[] = [];
        const results = Array.from({ length: 12 }, (_, i) =>
            budget.schedule(async () => {
                calls.push(time.now());
                return i;
            })
        );
        await Promise.resolve();
        expect(calls).toEqual([0, 0, 0, 0, 0]);
        await time.advance(1000);
        expect(calls).toHaveLength(10);
        await time.advance(1000);
        expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        expect(calls).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]);
    });
});
