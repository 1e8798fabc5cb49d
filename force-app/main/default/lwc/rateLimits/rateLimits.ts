/**
 * rateLimits: how much the component does when the connector, or an attacker in its
 * frame, sends a burst.
 * - `Coalescer`: one notice for a burst. The first is shown at once; what follows within
 *   the window is counted, and shown once as "N more" when the window closes.
 * - `LatestOnly`: of requests arriving within a window, the first runs at once and only the
 *   latest of the others runs when the window closes (a burst of screen pops opens one).
 * - `CallBudget`: at most N calls per second reach Salesforce; the others wait their turn.
 * - `nextTask`: waits for a later task, so that a burst's work is spread over short tasks.
 *
 * Pure: the clock and timers are passed in.
 */

/** The timers every module that waits takes, so tests can move time themselves. */
export interface Timers {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

/** The browser's timers: the one place the package's modules wait (windows, backoff, retries). */
export const browserTimers: Timers = {
    // Waiting is what these modules are for: a window closing, a backoff, a retry.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** Resolves in a later task: what follows runs after the current task, and whatever it queued, has finished. */
export function nextTask(timers: Timers = browserTimers): Promise<void> {
    return new Promise((resolve) => {
        timers.setTimeout(resolve, 0);
    });
}

export class Coalescer {
    private open = false;
    private more = 0;
    private summary?: (more: number) => void;

    constructor(
        private readonly windowMs: number,
        private readonly timers: Timers = browserTimers
    ) {}

    /** Shows `first` now, or counts it into the burst already being shown. */
    notify(first: () => void, summary: (more: number) => void): void {
        if (this.open) {
            this.more += 1;
            this.summary = summary;
            return;
        }
        this.open = true;
        first();
        this.timers.setTimeout(() => this.close(), this.windowMs);
    }

    private close(): void {
        const { more, summary } = this;
        this.open = false;
        this.more = 0;
        this.summary = undefined;
        if (more > 0 && summary) summary(more);
    }
}

export class LatestOnly {
    private open = false;
    private pending?: () => void;

    constructor(
        private readonly windowMs: number,
        private readonly timers: Timers = browserTimers
    ) {}

    run(task: () => void): void {
        if (this.open) {
            this.pending = task;
            return;
        }
        this.open = true;
        task();
        this.timers.setTimeout(() => this.close(), this.windowMs);
    }

    private close(): void {
        this.open = false;
        const next = this.pending;
        this.pending = undefined;
        if (next) this.run(next);
    }
}

export class CallBudget {
    private readonly started: number[] = [];
    private readonly waiting: (() => void)[] = [];
    private timer?: unknown;

    constructor(
        private readonly perSecond: number,
        private readonly now: () => number = () => Date.now(),
        private readonly timers: Timers = browserTimers
    ) {}

    /** Runs the call when the budget allows: at once, or after the calls before it. */
    schedule<T>(call: () => Promise<T>): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.waiting.push(() => {
                call().then(resolve, reject);
            });
            this.pump();
        });
    }

    private pump(): void {
        const now = this.now();
        while (this.started.length > 0 && now - this.started[0] >= 1000) this.started.shift();
        while (this.waiting.length > 0 && this.started.length < this.perSecond) {
            this.started.push(now);
            (this.waiting.shift() as () => void)();
        }
        if (this.waiting.length > 0 && this.timer === undefined) {
            this.timer = this.timers.setTimeout(
                () => {
                    this.timer = undefined;
                    this.pump();
                },
                1000 - (now - this.started[0])
            );
        }
    }
}
