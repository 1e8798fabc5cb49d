/**
 * The mapping studio in the workbench (`/setup`), end to end in Chromium: an admin sees every
 * mapping, previews a change on the latest logs, applies it (the org emulator deploys it and
 * publishes the deployment's event), the next logs use it, stored logs are re-mapped once,
 * and the change is reverted.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openWorkbench, until, type Session } from './browser';

let session: Session;
let page: Page;

const studio = () => page.locator('c-mapping-studio');
const row = (field: string) => studio().locator('lightning-datatable.mappings tr', { hasText: field });

let sent = 0;

/** Sends each sample as a new interaction (its own id), as the connector would, and waits for its record. */
async function sendLogs(...fixtures: string[]): Promise<void> {
    await page.goto(`${session.workbench.appUrl}/`);
    const frame = await session.simulator();
    await frame.waitForSelector('#handshake:has-text("done")', { timeout: 20000 });
    const before = session.workbench.emulator.size;
    for (const fixture of fixtures) {
        sent += 1;
        // Sent as source text: the test's compiler would otherwise add helpers the frame does not have.
        await frame.evaluate(`(async () => {
            const host = new URLSearchParams(location.search).get('host');
            const message = await (await fetch('/fixtures/messages/${fixture}.json')).json();
            message.data.message.body.interactionId = 'studio-${sent}';
            window.parent.postMessage(message, host);
        })()`);
    }
    await until('the logs saved', () => session.workbench.emulator.size === before + fixtures.length, 15000);
}

async function openStudio(): Promise<void> {
    await page.goto(`${session.workbench.appUrl}/setup`);
    await studio().locator('lightning-datatable.mappings tr', { hasText: 'Caller Name' }).first().waitFor();
}

const comments = () =>
    session.workbench.emulator
        .list()
        .filter((r) => !r.apiName)
        .map((r) => String(r.fields.Comments__c ?? ''))
        .sort();

describe('the mapping studio', () => {
    before(async () => {
        session = await openWorkbench();
        page = session.page;
        session.workbench.emulator.deployDelayMs = 200;
        await sendLogs('axp-voice-inbound', 'axp-chat');
    });

    after(async () => {
        await session.close();
    });

    it('lists every mapping with where its values came from, what is stored, and the fields no mapping fills', async () => {
        await openStudio();
        const callerName = row('Caller Name').first();
        assert.match(await callerName.innerText(), /Package default/);
        assert.match(await callerName.innerText(), /interactionData\.callerName/);
        assert.match(await callerName.innerText(), /#1: 2 · #2: 0 · none: 0/);
        assert.equal(await studio().locator('.stored').innerText(), '2 logs, 2 with their raw payload');
        assert.match(await studio().locator('.retention').innerText(), /Until the log is deleted/);
        assert.ok(
            (await studio().locator('.unmapped lightning-button').count()) > 0,
            'fields without a mapping are offered'
        );
    });

    it('previews a change on the latest logs before anything is applied', async () => {
        await row('Comments').first().getByRole('button', { name: 'Edit' }).click();
        const editor = studio().locator('.editor');
        await editor.waitFor();
        await editor.locator('lightning-textarea.paths textarea').fill('interactionData.callerName');
        await until('the preview', async () =>
            (await editor.locator('.preview-summary').innerText()).includes('another value in 2 of 2 logs')
        );
        const preview = await editor.locator('lightning-datatable.preview').innerText();
        assert.match(preview, /Maria Gonzalez/);
        assert.match(preview, /Refund requested/);
        assert.deepEqual(
            comments(),
            [
                'Customer asked about a double charge on the November invoice. Refund requested.',
                'Interested in 25 seats.'
            ],
            'nothing changed yet'
        );
    });

    it('applies it as an Org override; the deployment is shown, and the next logs use it', async () => {
        await studio().locator('lightning-button.apply button').click();
        await until('the deployment applied', async () =>
            (await studio().locator('.deployment-status').innerText()).startsWith('Applied')
        );
        await until('the row showing the override', async () =>
            (await row('Comments').first().innerText()).includes('Org override')
        );
        await sendLogs('axp-voice-inbound');
        assert.ok(comments().includes('Maria Gonzalez'), 'the new log took its Comments from the caller name');
    });

    it('re-maps the stored logs from their raw payload once: a second run changes nothing more', async () => {
        await openStudio();
        await studio().locator('lightning-button.run-remap button').click();
        await until('the re-map report', async () =>
            (await studio().locator('.remap-report').innerText()).includes('3 logs examined: 2 changed, 1 unchanged')
        );
        assert.deepEqual(comments(), ['Liam Chen', 'Maria Gonzalez', 'Maria Gonzalez']);
        const evidence = session.workbench.emulator.list().map((r) => [r.fields.Raw_Payload__c, r.fields.Log_Key__c]);
        await studio().locator('lightning-button.run-remap button').click();
        await until('the second report', async () =>
            (await studio().locator('.remap-report').innerText()).includes('3 logs examined: 0 changed, 3 unchanged')
        );
        assert.deepEqual(
            session.workbench.emulator.list().map((r) => [r.fields.Raw_Payload__c, r.fields.Log_Key__c]),
            evidence,
            'the evidence is never touched'
        );
    });

    it('reverts to the package default by deactivating the override', async () => {
        await row('Comments').first().getByRole('button', { name: 'Edit' }).click();
        await studio().locator('lightning-button.revert button').click();
        await until('the revert applied', async () =>
            (await studio().locator('.deployment-status').innerText()).startsWith('Applied')
        );
        await until('the row back on the default', async () =>
            (await row('Comments').first().innerText()).includes('Package default (override inactive)')
        );
        await sendLogs('axp-chat');
        assert.ok(comments().includes('Interested in 25 seats.'), 'new logs use the package default again');
    });
});
