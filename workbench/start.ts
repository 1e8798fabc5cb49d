/**
 * npm start: builds the workbench from the package's own sources and serves it on this
 * machine until Ctrl+C. Records are kept in .workbench-data/ (delete it to start afresh).
 *
 *   npm start [-- --port 3000] [--simulator-port 3001]
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../tools/lib/forceApp';
import { startWorkbench } from './server';

function option(name: string, fallback: number): number {
    const i = process.argv.indexOf(name);
    const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
    return Number.isInteger(value) && value >= 0 ? value : fallback;
}

async function main(): Promise<void> {
    process.stdout.write('Building the workbench from force-app (LWC compiler, lightning-base-components, SLDS)...\n');
    const started = Date.now();
    const workbench = await startWorkbench({
        appPort: option('--port', 3000),
        simulatorPort: option('--simulator-port', 3001),
        dataDir: join(PROJECT_ROOT, '.workbench-data')
    });
    process.stdout.write(
        [
            `Built and serving in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
            '',
            `  Workbench (Lightning-like page with c-crm-connector): ${workbench.appUrl}/`,
            `  CRM Connector simulator (another origin, in the frame): ${workbench.simulatorUrl}/`,
            `  Org emulator (same origin as the page):                ${workbench.appUrl}/api/records`,
            '',
            `Records are kept in ${join(PROJECT_ROOT, '.workbench-data')} (${workbench.emulator.size} now). Ctrl+C stops everything.`,
            ''
        ].join('\n')
    );
    const stop = () => {
        process.stdout.write('\nStopping the workbench.\n');
        workbench.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
    process.stderr.write(`npm start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
});
