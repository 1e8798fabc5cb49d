/**
 * npm run screenshot: the workbench after an AXP voice call (docs/workbench.png), and the
 * screen pop choice for a number a Contact and a Lead share (docs/screen-pop.png), for the README.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../tools/lib/forceApp';
import { openWorkbench } from './browser';

async function main(): Promise<void> {
    const session = await openWorkbench();
    try {
        const frame = await session.simulator();
        await frame.waitForSelector('#handshake:has-text("done")');
        await frame.click('button[data-fixture="axp-voice-inbound"]');
        await session.page.waitForSelector('wb-records :text("Interaction Logs (1)")');
        await session.page.click('wb-records lightning-datatable lightning-primitive-cell-actions button');
        await session.page.click('text=View');
        await session.page.waitForSelector('wb-records .detail');
        const file = join(PROJECT_ROOT, 'docs', 'workbench.png');
        await session.page.screenshot({ path: file });
        process.stdout.write(`${file}\n`);
        await frame.click('button[data-fixture="ambiguous-number"]');
        await session.page.waitForSelector('c-crm-connector .screen-pop-choice');
        const choice = join(PROJECT_ROOT, 'docs', 'screen-pop.png');
        await session.page.locator('c-crm-connector').screenshot({ path: choice });
        process.stdout.write(`${choice}\n`);
    } finally {
        await session.close();
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`screenshot: ${String(error)}\n`);
    process.exit(1);
});
