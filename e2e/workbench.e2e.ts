/**
 * Browser end-to-end tests: the real component, compiled by the LWC compiler with the real
 * lightning-base-components, in Debian's Chromium, against the CRM Connector simulator (on
 * another origin, in the component's frame) and the org emulator.
 *
 *   node --import tsx --test e2e/      (part of npm test)
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { startWorkbench, type Workbench } from '../workbench/server';
import {
    extractBody,
    mapInteractionLog,
    schemaFromObjectInfo,
    toFieldMappings,
    type UiApiObjectInfo
} from '../force-app/main/default/lwc/interactionLog/interactionLog';
import { resolveSetting } from '../force-app/main/default/lwc/interactionLogSettings/interactionLogSettings';
import { loadFixture, loadFixtures } from '../test/fixtures';
import { appBundle, CHROMIUM, CHROMIUM_FLAGS, until } from './browser';

let workbench: Workbench;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dataDir: string;
let pageErrors: string[] = [];

async function openPage(): Promise<Page> {
    const p = await context.newPage();
    p.on('pageerror', (error) => pageErrors.push(error.message));
    await p.goto(`${workbench.appUrl}/`);
    return p;
}

async function simulator(p: Page = page): Promise<Frame> {
    const handle = await p.waitForSelector('c-crm-connector iframe', { timeout: 20000 });
    const frame = await handle.contentFrame();
    assert.ok(frame, 'the connector frame has content');
    await frame.waitForSelector('#handshake:has-text("done")', { timeout: 20000 });
    return frame;
}

/** Waits until the simulator shows this record context (Page, Name options, Related To options). */
async function contextIs(frame: Frame, expected: { page: string; name: string; relatedTo: string }): Promise<void> {
    await until(`the connector's record context ${JSON.stringify(expected)}`, async () => {
        const [p, n, r] = await Promise.all(
            ['#pageInfo', '#nameOptions', '#relatedToOptions'].map((s) => frame.textContent(s))
        );
        return p === expected.page && n === expected.name && r === expected.relatedTo;
    });
}

/** What the status strip's queue button says now ('' when there is none); never waits. */
async function queueLabel(p: Page = page): Promise<string> {
    const labels = await p.locator('c-crm-connector .queue-toggle').allInnerTexts();
    return (labels[0] ?? '').trim();
}

/** The fields the mapper would write for a sample, as the workbench's user with its schema. */
function expectedFields(name: string): Record<string, unknown> {
    const config = workbench.emulator.configuration();
    const schema = schemaFromObjectInfo(workbench.emulator.objectInfo() as unknown as UiApiObjectInfo, config);
    return mapInteractionLog(
        extractBody(loadFixture('messages', name).message),
        toFieldMappings(config.mappings),
        schema,
        {
            userId: workbench.emulator.userId,
            storeRawPayload: resolveSetting(config.settings)?.storeRawPayload !== false
        }
    ).fields;
}

before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'workbench-e2e-'));
    workbench = await startWorkbench({ dataDir, appBundle: await appBundle() });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
    await browser?.close();
    await workbench?.close();
    rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
    await context?.close();
    workbench.emulator.reset();
    workbench.emulator.clearFaults();
    workbench.emulator.createTask = false;
    pageErrors = [];
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await openPage();
});

describe('the workbench', () => {
    it('completes the handshake with the simulator', async () => {
        const frame = await simulator();
        await page.waitForSelector('c-crm-connector lightning-badge:has-text("Connected")');
        const crmData = JSON.parse((await frame.textContent('#crmData')) ?? '{}');
        assert.equal(crmData.currentUser.Id, workbench.emulator.userId);
        assert.equal(crmData.currentUser.attributes.type, 'User');
        assert.equal(crmData.capabilities.directoryAvailable, true);
        assert.equal(crmData.callCenterSettings.ReqGeneralInfo.reqDisplayName, 'Workbench Contact Center');
        assert.deepEqual(pageErrors, []);
    });

    it("runs the simulator on another site, out of the page's process, as the vendor's connector runs", async () => {
        const frame = await simulator();
        assert.notEqual(new URL(frame.url()).hostname, new URL(page.url()).hostname);
        // The frame's main thread is busy for 1.5 s; the page's is not, so it answers meanwhile.
        const busy = frame.evaluate(`(() => {
            const until = Date.now() + 1500;
            while (Date.now() < until) {}
            return Date.now();
        })()`) as Promise<number>;
        await new Promise((resolve) => setTimeout(resolve, 300));
        const pageAnswered = (await page.evaluate('Date.now()')) as number;
        assert.ok(pageAnswered < (await busy), 'the page answered while the frame was busy');
    });

    it('saves each sample interaction as one record with the values the mapper gives', async () => {
        const frame = await simulator();
        const samples = loadFixtures('messages').map((f) => f.name);
        for (const [i, name] of samples.entries()) {
            await frame.click(`button[data-fixture="${name}"]`);
            await until(`record ${i + 1} (${name})`, () => workbench.emulator.size === i + 1);
            const expected = expectedFields(name);
            const record = workbench.emulator.list().find((r) => r.fields.Log_Key__c === expected.Log_Key__c);
            assert.ok(record, `a record for ${name}`);
            assert.deepEqual(record.fields, expected, `the fields of ${name}`);
        }
        assert.equal(workbench.emulator.size, samples.length);
        await frame.waitForSelector(`#received li:has-text("createHistoryItem taskId=")`);
        await page.waitForSelector(`wb-records :text("Interaction Logs (${samples.length})")`);
        assert.deepEqual(pageErrors, []);
    });

    it('saves nothing posted by another frame or another origin, and counts it', async () => {
        const frame = await simulator();
        await frame.click('#forge');
        await page.evaluate(async () => {
            const message = await (await fetch('/api/records')).json();
            window.postMessage(
                {
                    type: 'CRMConnectMessage',
                    action: 'requestSaveInteractionLog',
                    data: {
                        message: { body: { interactionId: 'from-the-page', interactionData: { x: message.length } } }
                    }
                },
                '*'
            );
        });
        await until('two refused messages', async () => (await queueLabel()).includes('2 refused'));
        assert.equal(workbench.emulator.size, 0);
        assert.equal(workbench.emulator.stats.creates, 0);
    });

    it('updates the record when the connector delivers the same log again', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        await until('the first record', () => workbench.emulator.size === 1);
        await frame.click('#redeliver');
        await until('the update', () => workbench.emulator.stats.updates === 1);
        assert.equal(workbench.emulator.size, 1);
        assert.equal(workbench.emulator.stats.creates, 1);
    });

    it('lets a later delivery of a leg update what agents may change, never the evidence it was saved with', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        await until('the first record', () => workbench.emulator.size === 1);
        const [first] = workbench.emulator.list();
        await frame.evaluate(`(async () => {
            const host = new URLSearchParams(location.search).get('host');
            const message = await (await fetch('/fixtures/messages/axp-voice-inbound.json')).json();
            const data = message.data.message.body.interactionData;
            data.endTime = '2026-11-20T14:30:00Z';
            data.logDetails.comments = 'Refund approved on a second look.';
            window.parent.postMessage(message, host);
        })()`);
        await until('the update', () => workbench.emulator.stats.updates === 1);
        const [record] = workbench.emulator.list();
        assert.equal(workbench.emulator.size, 1);
        assert.equal(record.fields.Comments__c, 'Refund approved on a second look.');
        assert.equal(record.fields.End_Time__c, first.fields.End_Time__c, 'the end time it was saved with stays');
        assert.equal(record.fields.Raw_Payload__c, first.fields.Raw_Payload__c, 'the payload it was saved with stays');
        assert.equal(record.fields.Log_Key__c, first.fields.Log_Key__c);
        // The emulator counts the write before the page reads its answer: wait for the strip.
        await until('the log saved, not waiting for attention', async () => (await queueLabel()) === '');
    });

    it('keeps a log while the org is offline, shows it pending, and saves it once when back online', async () => {
        const frame = await simulator();
        workbench.emulator.faults.offline = true;
        await frame.click('button[data-fixture="axp-chat"]');
        await until('the pending log', async () => (await queueLabel()) === '1 pending');
        assert.equal(workbench.emulator.size, 0);
        workbench.emulator.faults.offline = false;
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await until('the saved log', () => workbench.emulator.size === 1);
        await until('the strip without pending logs', async () => (await queueLabel()) === '');
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(workbench.emulator.stats.creates, 1);
        assert.equal(workbench.emulator.size, 1);
    });

    it("keeps a waiting log sealed with the agent's key: nothing about the caller in storage, and no other key opens it", async () => {
        const frame = await simulator();
        workbench.emulator.faults.offline = true;
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        await until('the pending log', async () => (await queueLabel()) === '1 pending');
        const stored = (await page.evaluate(() =>
            Object.keys(localStorage)
                .filter((k) => k.startsWith('interactionLog.outbox'))
                .map((k) => [k, localStorage.getItem(k) ?? ''])
        )) as [string, string][];
        const text = stored.map(([, v]) => v).join('\n');
        assert.match(text, /aesgcm1\./);
        assert.doesNotMatch(text, /Maria Gonzalez/);
        const [bodyKey, sealed] = stored.find(([k]) => k.endsWith('|body')) as [string, string];
        const boundTo = bodyKey.slice(
            bodyKey.indexOf(workbench.emulator.userId) + workbench.emulator.userId.length + 1
        );
        // Sent as source text: the test's compiler would otherwise add helpers the page does not have.
        const openedWithAnotherKey = await page.evaluate(`(async () => {
            const [iv, data] = ${JSON.stringify(sealed)}.slice('aesgcm1.'.length).split('.');
            const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['decrypt']);
            const additionalData = new TextEncoder().encode(${JSON.stringify(boundTo)});
            return crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(iv), additionalData }, key, bytes(data)).then(() => true, () => false);
        })()`);
        assert.equal(openedWithAnotherKey, false);
        await page.reload();
        workbench.emulator.clearFaults();
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await until('the saved log', () => workbench.emulator.size === 1);
        assert.equal(workbench.emulator.list()[0].fields.Caller_Name__c, 'Maria Gonzalez');
    });

    it('saves a backlog kept while the org was offline in batches, each log once', async () => {
        const frame = await simulator();
        workbench.emulator.faults.offline = true;
        await frame.evaluate(`(async () => {
            const host = new URLSearchParams(location.search).get('host');
            const template = await (await fetch('/fixtures/messages/axp-voice-inbound.json')).json();
            for (let i = 0; i < 60; i += 1) {
                const message = JSON.parse(JSON.stringify(template));
                message.data.message.body.interactionId = 'backlog-' + i;
                window.parent.postMessage(message, host);
            }
        })()`);
        await until('the pending logs', async () => (await queueLabel()) === '60 pending');
        workbench.emulator.clearFaults();
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await until('the saved logs', () => workbench.emulator.size === 60);
        await until('the strip without pending logs', async () => (await queueLabel()) === '');
        assert.equal(workbench.emulator.stats.creates, 60);
        assert.ok(workbench.emulator.stats.mutations > 0, 'some logs went together in one request');
        const ids = new Set(workbench.emulator.list().map((r) => r.fields.Interaction_Id__c));
        assert.equal(ids.size, 60);
    });

    it('saves a log left pending before a reload exactly once after the reload', async () => {
        const frame = await simulator();
        workbench.emulator.faults.offline = true;
        await frame.click('button[data-fixture="elite-voice-outbound"]');
        await until('the pending log', async () => (await queueLabel()) === '1 pending');
        await page.reload();
        await page.waitForSelector('c-crm-connector .setup:has-text("Waiting for Salesforce")');
        assert.equal(await queueLabel(), '1 pending');
        workbench.emulator.faults.offline = false;
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await until('the saved log', () => workbench.emulator.size === 1);
        await simulator();
        await until('the strip without pending logs', async () => (await queueLabel()) === '');
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(workbench.emulator.stats.creates, 1);
    });

    it('saves a log whose field the org refuses, without that field and with the warning', async () => {
        const frame = await simulator();
        workbench.emulator.faults.rejectFields = ['Topic_Name__c'];
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        const record = await until('the record', () => workbench.emulator.list()[0]);
        assert.equal(record.fields.Topic_Name__c, undefined);
        assert.match(
            String(record.fields.Mapping_Warnings__c),
            /Topic_Name__c: Salesforce refused the value \(INVALID_FIELD/
        );
        assert.equal(record.fields.Mapping_Warning_Count__c, 1);
        assert.ok(
            String(record.fields.Raw_Payload__c).includes('Billing Support'),
            'the raw payload keeps the refused value'
        );
        await page.waitForSelector('.toast-title:has-text("mapping warning")');
    });

    it('lists a log that needs attention and saves it on Retry', async () => {
        const frame = await simulator();
        workbench.emulator.faults.rejectFields = ['Name'];
        await frame.click('button[data-fixture="minimal"]');
        await until('the failed log', async () => (await queueLabel()) === '1 needs attention');
        await page.click('c-crm-connector .queue-toggle');
        await page.waitForSelector('c-crm-connector .row-state:has-text("Needs attention")');
        workbench.emulator.faults.rejectFields = [];
        await page.click('c-crm-connector .retry');
        await until('the saved log', () => workbench.emulator.size === 1);
        await until('an empty queue', async () => (await queueLabel()) === '');
    });

    it('shows a saved record with every field, its warnings and the raw payload as text', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="axp-email-draft"]');
        await until('the record', () => workbench.emulator.size === 1);
        await page.waitForSelector('wb-records :text("Interaction Logs (1)")');
        await page.click('wb-records lightning-datatable lightning-primitive-cell-actions button');
        await page.click('text=View');
        const draft = page.locator('wb-records tr[data-field="Email_Draft_Body__c"] .value');
        const body = (
            extractBody(loadFixture('messages', 'axp-email-draft').message) as {
                interactionData: { draft: { emailDraftBody: string } };
            }
        ).interactionData.draft.emailDraftBody;
        assert.equal((await draft.textContent())?.trim(), body);
        assert.equal(await page.locator('wb-records script').count(), 0, 'markup in the payload is text, not elements');
        // The raw payload is folded away, as text; fields read by their labels, in order; lookups by their names.
        const raw = page.locator('wb-records details.raw-payload');
        assert.equal(await raw.count(), 1);
        assert.match((await raw.locator('pre').textContent()) ?? '', /"interactionId"/);
        const labels = (await page.locator('wb-records table.fields tbody th').allInnerTexts()).map((t) => t.trim());
        assert.deepEqual(
            labels,
            [...labels].sort((a, b) => a.localeCompare(b))
        );
        assert.ok(labels.includes('Record ID') && labels.includes('Created Date'), 'system fields are labelled');
        assert.equal(labels.includes('Raw_Payload__c') || labels.includes('Raw Payload'), false);
    });

    it('lays the page out so toasts never cover the controls, names are whole, and Tasks are in view', async () => {
        const frame = await simulator();
        for (const name of ['axp-voice-inbound', 'axp-chat', 'axp-email-draft']) {
            await frame.click(`button[data-fixture="${name}"]`);
        }
        await until('three records', () => workbench.emulator.size === 3);
        await page.locator('wb-records :text("Interaction Logs (3)")').waitFor();
        // Toasts of problems: a log the org refuses shows them.
        workbench.emulator.faults.rejectFields = ['Subject__c'];
        await frame.click('button[data-fixture="elite-voice-outbound"]');
        const toasts = page.locator('.toasts .slds-notify_toast');
        await until('a toast', async () => (await toasts.count()) > 0);
        const box = async (selector: string) => {
            const found = await page.locator(selector).first().boundingBox();
            assert.ok(found, `${selector} is on the page`);
            return found;
        };
        const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
            a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        const controls = [await box('header.slds-page-header'), await box('wb-org-controls')];
        for (let i = 0; i < (await toasts.count()); i += 1) {
            const toast = await toasts.nth(i).boundingBox();
            assert.ok(toast);
            for (const control of controls) assert.equal(overlaps(toast, control), false, 'a toast covers a control');
        }
        // The Name column shows each name whole.
        const truncated = await page.evaluate(`(() => {
            const cells = [];
            const walk = (root) => {
                for (const el of root.querySelectorAll('*')) {
                    if (el.getAttribute && el.getAttribute('data-label') === 'Name') cells.push(el);
                    if (el.shadowRoot) walk(el.shadowRoot);
                }
            };
            walk(document);
            return cells.filter((c) => {
                const text = c.querySelector('.slds-truncate, lightning-base-formatted-text, div') || c;
                return text.scrollWidth > text.clientWidth + 1;
            }).length + '/' + cells.length;
        })()`);
        assert.match(String(truncated), /^0\/[1-9]/, `truncated Name cells: ${truncated}`);
        assert.ok(await page.locator('wb-records .tasks lightning-datatable').isVisible(), 'the Tasks are in view');
        // Opening the pending logs does not squeeze the connector: its frame keeps most of the component's height.
        workbench.emulator.faults.offline = true;
        await frame.fill('#burstSize', '20');
        await frame.click('#burst');
        await until('20 logs waiting', async () => (await queueLabel()).includes('20 pending'));
        await page.locator('c-crm-connector .queue-toggle button').click();
        await page.locator('c-crm-connector .panel').waitFor();
        // ...and a screen pop asks the agent to choose at the same time.
        workbench.emulator.faults.offline = false;
        await frame.click('button[data-fixture="ambiguous-number"]');
        await page.locator('c-crm-connector .screen-pop-choice').first().waitFor();
        const host = await box('c-crm-connector .host');
        const connector = await box('c-crm-connector iframe');
        assert.ok(
            connector.height >= host.height * 0.55 - 1,
            `the frame keeps ${connector.height} of ${host.height} px`
        );
        workbench.emulator.faults.offline = false;
        assert.deepEqual(pageErrors, []);
    });
});

describe('the workbench under attack', () => {
    it('saves markup in every text field as text and never renders it', async () => {
        const frame = await simulator();
        const dialogs: string[] = [];
        page.on('dialog', (dialog) => {
            dialogs.push(dialog.message());
            void dialog.dismiss();
        });
        const markup = '<img src=x onerror="alert(1)"><b>bold</b>';
        // Sent as source text: the test runner's compiler would otherwise add helpers the page does not have.
        await frame.evaluate(`(async () => {
            const markup = ${JSON.stringify(markup)};
            const message = await (await fetch('/fixtures/messages/axp-email-draft.json')).json();
            const spike = (value) =>
                typeof value === 'string' ? value + markup
                : Array.isArray(value) ? value.map(spike)
                : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spike(v)]))
                : value;
            message.data.message.body.interactionData = spike(message.data.message.body.interactionData);
            window.parent.postMessage(message, new URLSearchParams(location.search).get('host'));
        })()`);
        const record = await until('the record', () => workbench.emulator.list()[0]);
        assert.ok(String(record.fields.Subject__c).endsWith(markup), 'the subject keeps the markup as text');
        await page.waitForSelector('c-crm-connector .last-saved-link');
        assert.ok(((await page.locator('c-crm-connector .last-saved-link').innerText()) ?? '').includes('<b>bold</b>'));
        await page.click('wb-records lightning-datatable lightning-primitive-cell-actions button');
        await page.click('text=View');
        await page.waitForSelector('wb-records .detail');
        assert.equal(
            await page
                .locator('c-crm-connector img, wb-records img, .toasts img, wb-records b, c-crm-connector b')
                .count(),
            0
        );
        await page.waitForTimeout(300);
        assert.deepEqual(dialogs, []);
    });

    it('refuses a 10 MB log from the connector with a message, and keeps working', async () => {
        const frame = await simulator();
        await frame.evaluate(() => {
            const body = { interactionId: 'huge-1', interactionData: { blob: 'x'.repeat(10 * 1024 * 1024) } };
            window.parent.postMessage(
                { type: 'CRMConnectMessage', action: 'requestSaveInteractionLog', data: { message: { body } } },
                new URLSearchParams(location.search).get('host') ?? '*'
            );
        });
        await page.waitForSelector('.toast-title:has-text("cannot be saved")');
        await until('the refusal counted', async () => (await queueLabel()).includes('1 refused'));
        await frame.waitForSelector('#received li:has-text("displayErrorNotification")');
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        await until('the next log saved', () => workbench.emulator.size === 1);
    });

    it('saves the prototype-pollution sample as data without polluting the page', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="prototype-pollution"]');
        await until('the record', () => workbench.emulator.size === 1);
        assert.equal(await page.evaluate(() => (({}) as Record<string, unknown>).polluted), undefined);
        assert.equal(
            await page.evaluate(() => Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')),
            false
        );
    });

    it('ignores unknown actions and other message types, saving nothing', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="unknown-action"]');
        await frame.click('button[data-fixture="wrong-type"]');
        await frame.click('button[data-fixture="no-message"]');
        await until('three refusals', async () => (await queueLabel()).includes('3 refused'));
        assert.equal(workbench.emulator.size, 0);
        await frame.click('button[data-fixture="axp-chat"]');
        await until('the next log saved', () => workbench.emulator.size === 1);
    });
});

describe('the workbench against spoofing and bursts', () => {
    /** Posts messages from inside the connector's frame, as the connector would. */
    async function postFromFrame(frame: Frame, script: string): Promise<void> {
        // Sent as source text: the test runner's compiler would otherwise add helpers the page does not have.
        await frame.evaluate(`(() => {
            const host = new URLSearchParams(location.search).get('host');
            const post = (message) => window.parent.postMessage(message, host);
            ${script}
        })()`);
    }

    it('frames the connector so that it cannot navigate the Salesforce tab, and does not offer geolocation', async () => {
        await simulator();
        const frame = page.locator('c-crm-connector iframe');
        assert.equal(await frame.getAttribute('allow'), 'camera; microphone');
        const sandbox = (await frame.getAttribute('sandbox')) ?? '';
        assert.ok(sandbox.includes('allow-scripts') && sandbox.includes('allow-same-origin'));
        assert.ok(!sandbox.includes('allow-top-navigation'));
        const inside = await simulator();
        const before = page.url();
        await inside.evaluate(() => {
            try {
                window.top?.location.assign('about:blank');
            } catch {
                // A sandboxed frame is refused: that is what this test checks.
            }
        });
        await page.waitForTimeout(300);
        assert.equal(page.url(), before, 'the Salesforce page is still there');
    });

    it('shows a right-to-left override as it is stored, without reversing what the agent reads', async () => {
        const frame = await simulator();
        await postFromFrame(
            frame,
            `fetch('/fixtures/messages/axp-chat.json').then((r) => r.json()).then((message) => {
                message.data.message.body.interactionData.logDetails.subject = 'Invoice\u202Egnp.exe\u0000 attached';
                post(message);
            });`
        );
        const record = await until('the record', () => workbench.emulator.list()[0]);
        assert.equal(record.fields.Subject__c, 'Invoice\u202Egnp.exe attached', 'stored without the NUL');
        const link = page.locator('c-crm-connector .last-saved-link');
        await link.waitFor();
        assert.equal(await link.innerText(), 'Invoicegnp.exe attached');
    });

    it('tells the agent once about a burst of 200 bad logs, then how many more', async () => {
        const frame = await simulator();
        await postFromFrame(
            frame,
            `for (let i = 0; i < 200; i += 1) post({ type: 'CRMConnectMessage', action: 'requestSaveInteractionLog', data: { message: { body: { interactionData: {} } } } });`
        );
        await until('200 refusals counted', async () => (await queueLabel()).includes('200 refused'));
        assert.equal(await page.locator('.toast-title:has-text("cannot be saved")').count(), 1);
        await page.waitForSelector('.toast-title:has-text("199 more logs from the CRM Connector cannot be saved")', {
            timeout: 10000
        });
        const notices = await frame.locator('#received li:has-text("displayErrorNotification")').count();
        assert.ok(notices <= 2, `the connector was told ${notices} times`);
    });

    it("offers a caller from another country whose number only ends like a Contact's, and opens nobody", async () => {
        const frame = await simulator();
        await postFromFrame(
            frame,
            `post({ type: 'CRMConnectMessage', action: 'requestPerformInteractionScreenPop', data: { aniValues: ['+49 3125 550187'] } });`
        );
        const choice = page.locator('c-crm-connector .screen-pop-choice button');
        await choice.first().waitFor();
        assert.deepEqual(await choice.allInnerTexts(), ['Ana Souza · Contact · Souza Consulting (partial match)']);
        assert.equal(
            (await page.locator('c-crm-connector .screen-pop-create button').innerText()).trim(),
            'New Contact with +49 3125 550187'
        );
        assert.equal(
            ((await page.locator('wb-current-page .current-page').allInnerTexts())[0] ?? '').trim(),
            'Home',
            'nothing was opened'
        );
    });
});

describe('the workbench when the org misbehaves', () => {
    it('keeps every log through a 503, an expired session, lock errors and latency, and saves each once', async () => {
        const frame = await simulator();
        const steps: [string, () => void][] = [
            ['axp-voice-inbound', () => (workbench.emulator.faults.failStatus = 503)],
            ['axp-chat', () => (workbench.emulator.faults.sessionExpired = true)],
            ['axp-email-draft', () => (workbench.emulator.faults.lockNextWrites = 3)],
            ['elite-voice-outbound', () => (workbench.emulator.faults.latencyMs = 400)]
        ];
        for (const [name, fault] of steps) {
            fault();
            await frame.click(`button[data-fixture="${name}"]`);
            await new Promise((resolve) => setTimeout(resolve, 300));
        }
        assert.ok((await queueLabel()).includes('pending'), 'the strip shows logs waiting');
        workbench.emulator.clearFaults();
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await until('four records', () => workbench.emulator.size === 4, 20000);
        await until('an empty queue', async () => (await queueLabel()) === '', 20000);
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.equal(workbench.emulator.stats.creates, 4);
        assert.equal(new Set(workbench.emulator.list().map((r) => r.fields.Log_Key__c)).size, 4);
    });

    it('saves a log once when two tabs both hold it', async () => {
        const frame = await simulator();
        workbench.emulator.faults.offline = true;
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        await until('the pending log', async () => (await queueLabel()) === '1 pending');
        const second = await openPage();
        await until('the second tab sees it', async () => (await queueLabel(second)) === '1 pending');
        workbench.emulator.faults.offline = false;
        await Promise.all([page, second].map((p) => p.evaluate(() => window.dispatchEvent(new Event('online')))));
        await until('the record', () => workbench.emulator.size === 1);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.equal(workbench.emulator.size, 1);
        assert.equal(workbench.emulator.stats.creates, 1);
    });
});

describe('the workbench with the activity mirror on', () => {
    it('gives each sample interaction one log and one completed Task linked to its Who and What', async () => {
        workbench.emulator.createTask = true;
        try {
            await page.reload();
            const frame = await simulator();
            const samples = loadFixtures('messages').map((f) => f.name);
            for (const [i, name] of samples.entries()) {
                await frame.click(`button[data-fixture="${name}"]`);
                await until(
                    `log and Task ${i + 1} (${name})`,
                    () => workbench.emulator.size === i + 1 && workbench.emulator.tasks().length === i + 1
                );
            }
            await until('every log linked to its Task', () =>
                workbench.emulator.list().every((log) => typeof log.fields.Task_Id__c === 'string')
            );
            for (const log of workbench.emulator.list()) {
                const task = workbench.emulator.get(String(log.fields.Task_Id__c));
                assert.ok(task, `a Task for ${String(log.fields.Name)}`);
                assert.equal(task.fields.Status, 'Completed');
                assert.equal(task.fields.WhoId, log.fields.Contact__c ?? log.fields.Lead__c);
                assert.equal(
                    task.fields.WhatId,
                    log.fields.Account__c ?? log.fields.Case__c ?? log.fields.Opportunity__c
                );
                assert.equal(task.fields.Subject, log.fields.Subject__c ?? log.fields.Name);
            }
            await frame.click('#redeliver');
            await until(
                'the redelivery updates the log and its Task',
                () => workbench.emulator.stats.taskUpdates === 1
            );
            assert.equal(workbench.emulator.tasks().length, samples.length);
        } finally {
            workbench.emulator.createTask = false;
        }
    });
});

describe('the workbench when an interaction arrives', () => {
    async function currentPage(): Promise<string> {
        return ((await page.locator('wb-current-page .current-page').allInnerTexts())[0] ?? '').trim();
    }

    async function screenPopText(): Promise<string> {
        return ((await page.locator('c-crm-connector .screen-pop-message').allInnerTexts())[0] ?? '').trim();
    }

    it('opens the customer of a known number, and the connector learns the record', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="known-number"]');
        await until('the Contact page', async () => (await currentPage()) === 'Contact: Ana Souza');
        assert.equal(await screenPopText(), 'Opened Ana Souza · Contact · Souza Consulting for +13125550187.');
        await until(
            'the record context in the connector',
            async () => (await frame.textContent('#nameOptions')) === 'Ana Souza (Contact)'
        );
        await until(
            "the Contact's Account offered as Related To",
            async () => (await frame.textContent('#relatedToOptions')) === 'Souza Consulting (Account)'
        );
        assert.deepEqual(pageErrors, []);
    });

    it('offers a choice for a shared number, and opens the one the agent picks', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="ambiguous-number"]');
        await until('the choice', async () => (await screenPopText()).startsWith('2 records match'));
        const choices = page.locator('c-crm-connector .screen-pop-choice button');
        assert.deepEqual(await choices.allInnerTexts(), [
            'Maria Gonzalez · Contact · Gonzalez Household',
            'Maria Gonzales · Lead · Gonzales Imports'
        ]);
        assert.equal(await currentPage(), 'Home', 'nothing is opened before the agent chooses');
        await choices.nth(1).click();
        await until('the Lead page', async () => (await currentPage()) === 'Lead: Maria Gonzales');
        await until(
            'the Lead offered as Name',
            async () => (await frame.textContent('#nameOptions')) === 'Maria Gonzales (Lead)'
        );
    });

    it('offers a new Contact with the number for an unknown caller', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="unknown-number"]');
        const create = page.locator('c-crm-connector .screen-pop-create button');
        await create.waitFor();
        assert.equal((await create.innerText()).trim(), 'New Contact with +15550000001');
        await create.click();
        await until('the new Contact page', async () => (await currentPage()) === 'New Contact');
        assert.deepEqual(await page.locator('wb-current-page .default-values dd').allInnerTexts(), ['+15550000001']);
        assert.equal(await page.locator('c-crm-connector .screen-pop').count(), 0);
    });

    it('finds a digital customer by email, and opens a click-to-dial result', async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="known-email"]');
        await until('the Lead page', async () => (await currentPage()) === 'Lead: Liam Chen');
        await frame.click('button[data-fixture="click-to-dial-result"]');
        await until('the dialled Contact', async () => (await currentPage()) === 'Contact: Dev Patel');
    });

    it('tells the connector about the records the agent opens, with the records they belong to', async () => {
        const frame = await simulator();
        await page.click('wb-current-page lightning-button[data-id="500000000000001AAA"] button');
        await contextIs(frame, {
            page: '00001024 (Case)',
            name: 'Maria Gonzalez (Contact)',
            relatedTo: '00001024 (Case), Gonzalez Household (Account)'
        });
        await page.click('wb-current-page lightning-button[data-id="003000000000004AAA"] button');
        await contextIs(frame, {
            page: 'Dev Patel (Contact)',
            name: 'Dev Patel (Contact)',
            relatedTo: 'Patel Logistics (Account)'
        });
        assert.deepEqual(pageErrors, []);
    });
});

describe('the workbench as a console app', () => {
    async function tabNames(): Promise<string[]> {
        return (await page.locator('wb-current-page .workspace-tab .tab-name').allInnerTexts()).map((t) => t.trim());
    }

    it('offers the records of the open tabs, the focused one first, and follows focus and close', async () => {
        await page.goto(`${workbench.appUrl}/?console`);
        const frame = await simulator();
        await page.click('wb-current-page lightning-button[data-id="500000000000001AAA"] button');
        await contextIs(frame, {
            page: '00001024 (Case)',
            name: 'Maria Gonzalez (Contact)',
            relatedTo: '00001024 (Case), Gonzalez Household (Account)'
        });
        await page.click('wb-current-page lightning-button[data-id="003000000000001AAA"] button');
        await contextIs(frame, {
            page: 'Maria Gonzalez (Contact)',
            name: 'Maria Gonzalez (Contact)',
            relatedTo: 'Gonzalez Household (Account), 00001024 (Case)'
        });
        await page.click('wb-current-page lightning-button[data-id="001000000000001AAA"] button');
        assert.deepEqual(await tabNames(), [
            '00001024 (Case)',
            'Maria Gonzalez (Contact)',
            'Gonzalez Household (Account)'
        ]);
        await contextIs(frame, {
            page: 'Gonzalez Household (Account)',
            name: 'Maria Gonzalez (Contact)',
            relatedTo: 'Gonzalez Household (Account), 00001024 (Case)'
        });
        await page.click('wb-current-page .workspace-tab:has-text("00001024") .focus-tab button');
        await contextIs(frame, {
            page: '00001024 (Case)',
            name: 'Maria Gonzalez (Contact)',
            relatedTo: '00001024 (Case), Gonzalez Household (Account)'
        });
        assert.equal(
            (await page.locator('wb-current-page .workspace-tab.focused .tab-name').innerText()).trim(),
            '00001024 (Case)'
        );
        await page.click('wb-current-page .workspace-tab:has-text("00001024") .close-tab button');
        await contextIs(frame, {
            page: 'Maria Gonzalez (Contact)',
            name: 'Maria Gonzalez (Contact)',
            relatedTo: 'Gonzalez Household (Account)'
        });
        assert.deepEqual(pageErrors, []);
    });

    it('opens the screen pop and click-to-dial records as focused workspace tabs', async () => {
        await page.goto(`${workbench.appUrl}/?console`);
        const frame = await simulator();
        await frame.click('button[data-fixture="known-number"]');
        await until('the Contact tab', async () => (await tabNames()).includes('Ana Souza (Contact)'));
        await frame.click('button[data-fixture="click-to-dial-result"]');
        await until('the dialled Contact tab', async () => (await tabNames()).length === 2);
        assert.equal(
            (await page.locator('wb-current-page .workspace-tab.focused .tab-name').innerText()).trim(),
            'Dev Patel (Contact)'
        );
        await contextIs(frame, {
            page: 'Dev Patel (Contact)',
            name: 'Dev Patel (Contact), Ana Souza (Contact)',
            relatedTo: 'Patel Logistics (Account), Souza Consulting (Account)'
        });
    });
});

describe('the workbench speaks the rest of the conversation', () => {
    async function openRecord(recordId: string): Promise<void> {
        await page.click(`wb-current-page lightning-button[data-id="${recordId}"] button`);
        await page.locator('c-interaction-log-dial').waitFor();
    }

    function callButtons() {
        return page.locator('c-interaction-log-dial [data-id="call"] button');
    }

    async function dialState(): Promise<string> {
        return ((await page.locator('c-interaction-log-dial [data-id="state"]').allInnerTexts())[0] ?? '').trim();
    }

    it("writes the agent's custom fields into the admin's own fields, typed, and warns about the rest", async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="axp-voice-custom-fields"]');
        await until('the log', () => workbench.emulator.size === 1);
        const [record] = workbench.emulator.list();
        assert.deepEqual(record.fields, expectedFields('axp-voice-custom-fields'));
        assert.equal(record.fields.Callback_Requested__c, true);
        assert.equal(record.fields.Customer_Mood__c, 'Upset');
        assert.equal(record.fields.Promised_Amount__c, 49.9);
        assert.equal(record.fields.Contact_Reasons__c, 'Billing;Refund');
        assert.notEqual(record.fields.Log_Key__c, 'forged-key');
        assert.match(String(record.fields.Mapping_Warnings__c), /Log_Key__c: the package fills this field itself/);
        assert.match(String(record.fields.Mapping_Warnings__c), /no field named "Loyalty_Tier__c"/);
        assert.deepEqual(pageErrors, []);
    });

    it('offers the Salesforce users as the directory', async () => {
        const frame = await simulator();
        await frame.click('#askDirectory');
        await until('the directory', async () => (await frame.locator('#directory li').count()) === 4);
        assert.deepEqual(await frame.locator('#directory li').allInnerTexts(), [
            'Ada Lovelace · +1 312 555 0101 · ada.lovelace@example.com',
            'Grace Hopper · +1 312 555 0102 · grace.hopper@example.com',
            'Katherine Johnson · katherine.johnson@example.com',
            'Supervisor Desk · +1 312 555 0199 · supervisors@example.com'
        ]);
        assert.equal(workbench.emulator.stats.directoryRequests, 1);
    });

    it('calls from a record page once the connector enables it, and links the call to the record', async () => {
        const frame = await simulator();
        await openRecord('003000000000004AAA');
        await until('the buttons say calls are off', async () =>
            (await dialState()).startsWith('The CRM Connector does not take calls')
        );
        assert.equal(await callButtons().count(), 3, "the Contact's two numbers and its Account's");
        assert.equal(await callButtons().first().isDisabled(), true);
        await frame.click('#enableDial');
        await until('the buttons are enabled', async () => !(await callButtons().first().isDisabled()));
        assert.equal(await dialState(), '');
        await callButtons().nth(1).click();
        await until('the connector got the number', async () =>
            ((await frame.textContent('#dialed')) ?? '').startsWith('(646) 555-0188 for Dev Patel (Contact)')
        );
        await page.locator('c-interaction-log-dial [data-id="sent"]').waitFor();
        await frame.click('#endDialed');
        await until('the log of the dialed call', () => workbench.emulator.size === 1);
        const [record] = workbench.emulator.list();
        const patel = workbench.emulator.directory.find((r) => r.recordName === 'Dev Patel');
        const account = workbench.emulator.directory.find((r) => r.recordName === 'Patel Logistics');
        assert.equal(record.fields.Contact__c, patel?.recordId);
        assert.equal(record.fields.Account__c, account?.recordId);
        await frame.click('#disableDial');
        await until('the buttons are off again', async () => await callButtons().first().isDisabled());
        assert.deepEqual(pageErrors, []);
    });

    it('asks before calling a person marked Do Not Call', async () => {
        const frame = await simulator();
        await frame.click('#enableDial');
        await openRecord(workbench.emulator.directory.find((r) => r.recordName === 'Maria Gonzales')?.recordId ?? '');
        await until('the button is enabled', async () => !(await callButtons().first().isDisabled()));
        assert.equal(await page.locator('c-interaction-log-dial lightning-badge').innerText(), 'Do Not Call');
        await callButtons().first().click();
        const confirm = page.locator('c-interaction-log-dial [data-id="confirm"]');
        await confirm.waitFor();
        assert.match(await confirm.innerText(), /Maria Gonzales asked not to be called\. Call anyway\?/);
        assert.equal(await frame.textContent('#dialed'), '(none yet)');
        await page.locator('c-interaction-log-dial [data-id="call-anyway"] button').click();
        await until('the connector got the number', async () =>
            ((await frame.textContent('#dialed')) ?? '').startsWith('+1 415-555-0142 for Maria Gonzales (Lead)')
        );
    });
});

describe('the workbench leaves no log without its customer', () => {
    /** Ends a voice call from this number that names no record, as the connector would after a screen pop. */
    async function endCallFrom(frame: Frame, number: string, id: string): Promise<void> {
        await frame.evaluate(
            `(async () => {
                const host = new URLSearchParams(location.search).get('host');
                const message = await (await fetch('/fixtures/messages/axp-voice-inbound.json')).json();
                const body = message.data.message.body;
                body.interactionId = ${JSON.stringify(id)};
                const data = body.interactionData;
                data.callerNumber = ${JSON.stringify(number)};
                data.updatedOriginatingAddress = ${JSON.stringify(number)};
                delete data.logDetails.nameId;
                delete data.logDetails.relatedToId;
                window.parent.postMessage(message, host);
            })()`
        );
    }

    async function strip(selector: string): Promise<string> {
        return ((await page.locator(`c-crm-connector ${selector}`).allInnerTexts())[0] ?? '').trim();
    }

    it("links an unknown caller's log to the Contact the agent creates from the screen pop, and can undo it", async () => {
        const frame = await simulator();
        await frame.click('button[data-fixture="unknown-number"]');
        await page.locator('c-crm-connector .screen-pop-create button').click();
        await page.locator('wb-current-page .save-contact').waitFor();
        await endCallFrom(frame, '+15550000001', 'unknown-caller-1');
        await until('the log', () => workbench.emulator.size === 1);
        await until(
            'the strip counts it',
            async () => (await strip('.unlinked')) === '1 of your logs needs a customer'
        );
        await page.click('wb-current-page .save-contact button');
        await until('the log linked to the new Contact', () => Boolean(workbench.emulator.list()[0].fields.Contact__c));
        const [log] = workbench.emulator.list();
        const contact = workbench.emulator.directory.find((r) => r.recordName === 'Caller');
        assert.equal(log.fields.Contact__c, contact?.recordId);
        assert.equal(log.fields.Name_Id__c, contact?.recordId);
        await until('the notice', async () => (await strip('.link-notice')).includes('to Caller.'));
        await until('the count is gone', async () => (await strip('.unlinked')) === '');
        await page.click('c-crm-connector .undo-link button');
        await until('the link undone', () => !workbench.emulator.list()[0].fields.Contact__c);
        await until('the undo said', async () => (await strip('.link-notice')).includes('The link was undone.'));
        await page.click('c-crm-connector .unlinked button');
        await until(
            'the list view of logs without a customer',
            async () =>
                ((await page.locator('wb-current-page .current-page').allInnerTexts())[0] ?? '').trim() ===
                'Interaction_Log__c list view Logs_Without_Customer'
        );
        assert.deepEqual(pageErrors, []);
    });

    it('links a log from a shared number by hand, in two clicks, to the record the agent picks, its Task following', async () => {
        workbench.emulator.createTask = true;
        await page.reload();
        const frame = await simulator();
        await endCallFrom(frame, '+14155550142', 'shared-number-1');
        await until(
            'the log and its Task',
            () => workbench.emulator.size === 1 && workbench.emulator.tasks().length === 1
        );
        assert.equal(workbench.emulator.tasks()[0].fields.WhoId, undefined, 'the Task has no Who yet');
        await page.click('wb-records lightning-datatable lightning-primitive-cell-actions button');
        await page.click('text=Link to Customer');
        const choices = page.locator('c-interaction-log-link .matches li');
        await until('the matches', async () => (await choices.count()) === 2);
        assert.deepEqual(
            (await page.locator('c-interaction-log-link .matches li span').allInnerTexts()).map((t) => t.trim()),
            ['Maria Gonzalez · Contact · Gonzalez Household', 'Maria Gonzales · Lead · Gonzales Imports']
        );
        await choices.nth(1).locator('button').click();
        await until('the log linked to the Lead', () => Boolean(workbench.emulator.list()[0].fields.Lead__c));
        const lead = workbench.emulator.directory.find((r) => r.recordName === 'Maria Gonzales');
        assert.equal(workbench.emulator.list()[0].fields.Lead__c, lead?.recordId);
        await until('the Task follows', () => workbench.emulator.tasks()[0].fields.WhoId === lead?.recordId);
        await until('the action closed', async () => (await page.locator('c-interaction-log-link').count()) === 0);
        assert.deepEqual(pageErrors, []);
    });
});
