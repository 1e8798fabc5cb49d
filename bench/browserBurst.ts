/**
 * The burst measured where agents feel it: the workbench in Debian's Chromium. The org is
 * offline while 10,000 logs arrive from the hosted frame (50 per task, as interactions end
 * in a busy contact center), then comes back online until every log is saved.
 *
 * - browserLongestTaskMs: the longest main-thread task while the logs arrived and drained
 *   (a `longtask` PerformanceObserver in the page; a task over 50 ms is one an agent feels);
 * - browserLongTasks: each task of 50 ms or more since the page loaded, when it ran (the page's
 *   start and handshake before the burst, the arrival, the drain) and the script that ran longest
 *   in it (from a `long-animation-frame` observer), so that a slow run says where it was slow;
 * - browserDrainSeconds: from back online until the last record is saved;
 * - outboxStoragePeakChars: the most characters the outbox held in localStorage;
 * - browserBurstMessages, browserBurstLost, browserBurstDuplicates: counted in the org emulator.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM, openWorkbench } from '../e2e/browser';
import { attributeLongTasks, longestOfBurst, type LongTask } from './longTasks';

export interface BrowserBurst {
    browserBurstMessages: number;
    browserBurstLost: number;
    browserBurstDuplicates: number;
    browserLongestTaskMs: number;
    browserLongTasks: LongTask[];
    browserDrainSeconds: number;
    outboxStoragePeakChars: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The characters the outbox holds in the page's localStorage now. */
const STORAGE_CHARS = `(() => {
    let chars = 0;
    for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        if (key && key.startsWith('interactionLog.outbox')) chars += key.length + (localStorage.getItem(key) || '').length;
    }
    return chars;
})()`;

/** The long tasks the page saw since it loaded, each with the longest script that started in it. */
async function readLongTasks(page: Page, burstAt: number, onlineAt: number): Promise<LongTask[]> {
    const [tasks, scripts] = (await page.evaluate('[window.__longTasks, window.__scripts]')) as [
        [number, number][],
        [number, number, string][]
    ];
    return attributeLongTasks(tasks, scripts, burstAt, onlineAt);
}

export async function browserBurst(count = 10000): Promise<BrowserBurst | undefined> {
    if (!existsSync(CHROMIUM)) return undefined;
    const session = await openWorkbench({ query: '?norecords', production: true });
    const { page, workbench } = session;
    try {
        // As the package ships: a toast for problems only (the workbench's own setting toasts every log).
        workbench.emulator.toastBehavior = 'Problems_Only';
        await page.reload();
        await page.evaluate(`(() => {
            window.__longTasks = [];
            window.__scripts = [];
            new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
            }).observe({ type: 'longtask', buffered: false });
            new PerformanceObserver((list) => {
                for (const frame of list.getEntries())
                    for (const script of frame.scripts) window.__scripts.push([script.startTime, script.duration, script.invoker]);
            }).observe({ type: 'long-animation-frame', buffered: false });
        })()`);
        const frame = await session.simulator();
        await frame.waitForSelector('#handshake:has-text("done")', { timeout: 20000 });
        workbench.emulator.faults.offline = true;
        const burstAt = (await page.evaluate('performance.now()')) as number;
        // Sent as source text: the bench's compiler would otherwise add helpers the frame does not have.
        await frame.evaluate(`(async () => {
            const host = new URLSearchParams(location.search).get('host');
            const template = await (await fetch('/fixtures/messages/axp-voice-inbound.json')).json();
            for (let i = 0; i < ${count}; i += 1) {
                const message = JSON.parse(JSON.stringify(template));
                message.data.message.body.interactionId = 'bench-' + i;
                window.parent.postMessage(message, host);
                if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 0));
            }
        })()`);
        let peak = 0;
        const label = page.locator('c-crm-connector .queue-toggle');
        for (let waited = 0; waited < 120000; waited += 200) {
            peak = Math.max(peak, (await page.evaluate(STORAGE_CHARS)) as number);
            const text = (await label.allInnerTexts())[0] ?? '';
            if (text.includes(`${count} pending`)) break;
            await sleep(200);
        }
        workbench.emulator.clearFaults();
        const online = Date.now();
        const onlineAt = (await page.evaluate('performance.now()')) as number;
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        for (let waited = 0; waited < 300000 && workbench.emulator.size < count; waited += 100) {
            peak = Math.max(peak, (await page.evaluate(STORAGE_CHARS)) as number);
            await sleep(100);
        }
        const drainSeconds = (Date.now() - online) / 1000;
        const records = workbench.emulator.list();
        const ids = new Map<string, number>();
        for (const r of records)
            ids.set(String(r.fields.Interaction_Id__c), (ids.get(String(r.fields.Interaction_Id__c)) ?? 0) + 1);
        const sent = Array.from({ length: count }, (_, i) => `bench-${i}`);
        const longTasks = await readLongTasks(page, burstAt, onlineAt);
        return {
            browserBurstMessages: count,
            browserBurstLost: sent.filter((id) => !ids.has(id)).length,
            browserBurstDuplicates: [...ids.values()].reduce((sum, n) => sum + n - 1, 0),
            browserLongestTaskMs: longestOfBurst(longTasks),
            browserLongTasks: longTasks,
            browserDrainSeconds: Number(drainSeconds.toFixed(2)),
            outboxStoragePeakChars: peak
        };
    } finally {
        await session.close();
    }
}
