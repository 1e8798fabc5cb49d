/**
 * Lightning Data Service over the org emulator, in-process: what the writer sees in the
 * browser, with the emulator's faults applied the way the network and the org show them
 * (a TypeError when offline, a 503 or 401 response, a lock error, latency), and the GraphQL
 * mutations of a backlog's batched creates (orgRequests) under the same faults.
 */
import type { MutationApi, OrgApi } from '../force-app/main/default/lwc/interactionLog/interactionLog';
import type { OrgEmulator, WriteOutcome } from './orgEmulator';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LdsProbe {
    inFlight: number;
    maxInFlight: number;
    calls: number;
}

export function emulatorLds(
    emulator: OrgEmulator,
    probe: LdsProbe = { inFlight: 0, maxInFlight: 0, calls: 0 }
): OrgApi & { probe: LdsProbe; mutations: MutationApi } {
    /** One request to the org: counted, delayed, and refused as the emulator's faults say. */
    const request = async <T>(answer: () => T): Promise<T> => {
        probe.calls += 1;
        probe.inFlight += 1;
        probe.maxInFlight = Math.max(probe.maxInFlight, probe.inFlight);
        try {
            const f = emulator.faults;
            await (f.latencyMs > 0 ? sleep(f.latencyMs) : Promise.resolve());
            if (f.offline) {
                emulator.stats.dropped += 1;
                throw new TypeError('Failed to fetch');
            }
            if (f.sessionExpired || f.failStatus) emulator.stats.refused += 1;
            if (f.sessionExpired)
                throw {
                    status: 401,
                    ok: false,
                    statusText: 'Unauthorized',
                    body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]
                };
            if (f.failStatus)
                throw {
                    status: f.failStatus,
                    ok: false,
                    statusText: 'Service Unavailable',
                    body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Service Unavailable' }]
                };
            return answer();
        } finally {
            probe.inFlight -= 1;
        }
    };
    const call = (write: () => WriteOutcome): Promise<{ id: string }> =>
        request(() => {
            const outcome = write();
            if (!outcome.ok) throw { status: outcome.status, ok: false, statusText: 'Bad Request', body: outcome.body };
            return { id: outcome.record.Id };
        });
    return {
        probe,
        createRecord: (input) => call(() => emulator.create(String(input.apiName), input.fields)),
        updateRecord: (input) => call(() => emulator.update(String(input.fields.Id), input.fields)),
        findRecordIdByLogKey: async (logKey) => emulator.findRecordIdByLogKey(logKey),
        findTaskIdForLog: async (logId) => emulator.findTaskIdForLog(logId),
        mutations: {
            gql: (strings, ...values) =>
                strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), ''),
            executeMutation: (input) => request(() => emulator.mutate(input.query, input.variables))
        }
    };
}
