import { SCENARIOS } from '../faultScenarios';

describe('fault injection on the save path', () => {
    it.each(SCENARIOS.map((s) => [s.name, s] as const))(
        '%s: exactly one record per log key, none lost',
        async (_name, scenario) => {
            const result = await scenario.run();
            expect(result.lost).toBe(0);
            expect(result.duplicates).toBe(0);
            expect(result.records).toBe(result.logKeys);
            expect(result.maxInFlight).toBeLessThanOrEqual(3 * 2);
        },
        30000
    );

    it('really injected faults: the org refused or dropped requests while they lasted', async () => {
        const network = await SCENARIOS[0].run();
        expect(network.refusedByOrg).toBeGreaterThan(0);
        expect(network.maxPendingSeen).toBeGreaterThan(0);
    }, 30000);
});
