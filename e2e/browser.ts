/**
 * Shared set-up for the browser tests and the screenshot: Debian's Chromium driven by
 * playwright-core, and a workbench on free ports with its own data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { startWorkbench, type Workbench } from '../workbench/server';
import { buildApp } from '../workbench/build';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-quic',
    '--disable-sync'
];

/** Waits until `probe` gives a value (polling every 50 ms), or fails saying what it waited for. */
export async function until<T>(
    what: string,
    probe: () => T | undefined | false | Promise<T | undefined | false>,
    ms = 10000
): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

let bundle: Promise<string> | undefined;

/** The app bundle, built once per test process. */
export function appBundle(): Promise<string> {
    bundle ??= buildApp();
    return bundle;
}

export interface Session {
    workbench: Workbench;
    browser: Browser;
    page: Page;
    dataDir: string;
    /** The simulator inside the component's frame. */
    simulator(): Promise<Frame>;
    close(): Promise<void>;
}

export async function openWorkbench(
    options: { dataDir?: string; query?: string; production?: boolean } = {}
): Promise<Session> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'workbench-data-'));
    const bundleCode = options.production ? await buildApp('production') : await appBundle();
    const workbench = await startWorkbench({ dataDir, appBundle: bundleCode });
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${workbench.appUrl}/${options.query ?? ''}`);
    const simulator = async (): Promise<Frame> => {
        const handle = await page.waitForSelector('c-crm-connector iframe', { timeout: 15000 });
        const frame = await handle.contentFrame();
        if (!frame) throw new Error('the connector frame has no content');
        await frame.waitForSelector('#interactions button', { timeout: 15000 });
        return frame;
    };
    return {
        workbench,
        browser,
        page,
        dataDir,
        simulator,
        close: async () => {
            await browser.close();
            await workbench.close();
            if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
            if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
        }
    };
}
