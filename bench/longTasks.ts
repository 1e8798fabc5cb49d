/**
 * longTasks: which part of the browser burst each long task belongs to, and what ran in it.
 *
 * Terms:
 * - a long task: a `longtask` entry of the page (50 ms or more), as [startTime, duration];
 * - a script: a `long-animation-frame` entry's script, as [startTime, duration, invoker];
 *   the script of a task is the longest one that started within it;
 * - the phases: `start` before the burst began (the page loading, the handshake), `arrival`
 *   from then until the org came back online, `drain` after.
 */

/** A task of 50 ms or more: when it started (ms from the burst's start), how long it took, what ran longest in it. */
export interface LongTask {
    phase: 'start' | 'arrival' | 'drain';
    atMs: number;
    ms: number;
    /** The longest script in the task (its invoker, as `DOMWindow.onmessage`), if one was attributed. */
    script?: string;
    scriptMs?: number;
}

export function attributeLongTasks(
    tasks: readonly [number, number][],
    scripts: readonly [number, number, string][],
    burstAt: number,
    onlineAt: number
): LongTask[] {
    return tasks.map(([start, duration]) => {
        const inTask = scripts
            .filter(([at]) => at >= start && at < start + duration)
            .reduce<[number, number, string] | undefined>(
                (longest, s) => (!longest || s[1] > longest[1] ? s : longest),
                undefined
            );
        return {
            phase: start < burstAt ? 'start' : start < onlineAt ? 'arrival' : 'drain',
            atMs: Math.round(start - burstAt),
            ms: Math.round(duration),
            ...(inTask ? { script: inTask[2], scriptMs: Math.round(inTask[1]) } : {})
        };
    });
}

/** The longest task of the arrival and the drain (0 when none): what `browserLongestTaskMs` reports. */
export function longestOfBurst(tasks: readonly LongTask[]): number {
    return Math.max(0, ...tasks.filter((t) => t.phase !== 'start').map((t) => t.ms));
}
