import { attributeLongTasks, longestOfBurst } from '../longTasks';

describe("the browser burst's long tasks", () => {
    const burstAt = 1000;
    const onlineAt = 6000;

    it('puts each task in its phase and names the longest script that started in it', () => {
        const tasks = attributeLongTasks(
            [
                [400, 70],
                [1015, 52],
                [9000, 58]
            ],
            [
                [410, 60, 'Response.json.then'],
                [1015, 12, 'DOMWindow.onmessage'],
                [1030, 40, 'DOMWindow.onmessage'],
                [8990, 80, 'Response.text.then'],
                [9001, 57.6, 'Response.text.then']
            ],
            burstAt,
            onlineAt
        );
        expect(tasks).toEqual([
            { phase: 'start', atMs: -600, ms: 70, script: 'Response.json.then', scriptMs: 60 },
            { phase: 'arrival', atMs: 15, ms: 52, script: 'DOMWindow.onmessage', scriptMs: 40 },
            // The 80 ms script began before this task: it is not this task's.
            { phase: 'drain', atMs: 8000, ms: 58, script: 'Response.text.then', scriptMs: 58 }
        ]);
    });

    it('leaves a task without a script when none started in it', () => {
        expect(attributeLongTasks([[2000, 51]], [[1990, 30, 'DOMWindow.onmessage']], burstAt, onlineAt)).toEqual([
            { phase: 'arrival', atMs: 1000, ms: 51 }
        ]);
    });

    it("reports the longest task of the arrival and the drain, not of the page's start", () => {
        const tasks = attributeLongTasks(
            [
                [500, 120],
                [2000, 51],
                [7000, 64]
            ],
            [],
            burstAt,
            onlineAt
        );
        expect(longestOfBurst(tasks)).toBe(64);
        expect(longestOfBurst(tasks.slice(0, 1))).toBe(0);
    });
});
