import {
    ConfigurationLoader,
    hostingPlanFor,
    planHosting,
    resolveSetting,
    shouldToast,
    toastBehavior,
    type ConfigurationState,
    type SettingRecord
} from 'c/interactionLogSettings';
import { toFieldMappings } from 'c/interactionLog';

const base: SettingRecord = { developerName: 'Default', layer: 'Package_Default', active: true, connectorUrl: null };

describe('which setting applies', () => {
    it('prefers an active org override, then the package default', () => {
        const org: SettingRecord = {
            developerName: 'Org',
            layer: 'Org_Override',
            active: true,
            connectorUrl: 'https://c.example.com'
        };
        expect(resolveSetting([base, org])).toBe(org);
        expect(resolveSetting([base, { ...org, active: false }])).toBe(base);
        expect(resolveSetting([])).toBeUndefined();
        expect(resolveSetting(undefined)).toBeUndefined();
    });
});

describe('hosting plan', () => {
    it('is ready with an https connector URL, allowing its origin', () => {
        expect(planHosting({ ...base, connectorUrl: 'https://c.example.com/agent/' })).toEqual({
            ready: true,
            connectorUrl: 'https://c.example.com/agent/',
            connectorOrigin: 'https://c.example.com',
            allowedOrigins: ['https://c.example.com'],
            steps: []
        });
    });

    it('takes the page override of the URL', () => {
        expect(
            planHosting({ ...base, connectorUrl: 'https://c.example.com' }, 'https://other.example.com/x')
                .connectorOrigin
        ).toBe('https://other.example.com');
    });

    it('tells the admin exactly what to configure when nothing is set', () => {
        const plan = planHosting(base);
        expect(plan.ready).toBe(false);
        expect(plan.problem).toBe('The CRM Connector address is not configured.');
        const steps = plan.steps.join('\n');
        expect(steps).toMatch(/Interaction Log Setting/);
        expect(steps).toMatch(/Org override/);
        expect(steps).toMatch(/Trusted URLs/);
        expect(steps).toMatch(/frame-src/);
        expect(steps).toMatch(/camera and microphone/);
        expect(planHosting(undefined).problem).toMatch(/No active Interaction Log Setting/);
    });

    it('refuses a connector URL that is not https', () => {
        expect(planHosting({ ...base, connectorUrl: 'http://c.example.com' }).problem).toMatch(
            /not a valid https address/
        );
        expect(planHosting({ ...base, connectorUrl: 'not a url' }).ready).toBe(false);
    });

    it('refuses allowed origins that do not include the connector origin, naming both', () => {
        const plan = planHosting({
            ...base,
            connectorUrl: 'https://c.example.com',
            allowedOrigins: 'https://d.example.com'
        });
        expect(plan.ready).toBe(false);
        expect(plan.problem).toContain('https://c.example.com');
        expect(plan.problem).toContain('https://d.example.com');
        expect(plan.steps[0]).toMatch(/Add https:\/\/c.example.com to Allowed Origins/);
    });

    it('refuses allowed origins that are URLs with a path', () => {
        expect(
            planHosting({
                ...base,
                connectorUrl: 'https://c.example.com',
                allowedOrigins: 'https://c.example.com/agent'
            }).problem
        ).toMatch(/not origins/);
    });
});

describe('toasts and mappings', () => {
    it('toasts problems by default, everything with All, nothing with None', () => {
        expect(toastBehavior(base)).toBe('Problems_Only');
        expect(shouldToast('Problems_Only', 'saved')).toBe(false);
        expect(shouldToast('Problems_Only', 'problem')).toBe(true);
        expect(shouldToast(toastBehavior({ ...base, toastBehavior: 'All' }), 'saved')).toBe(true);
        expect(shouldToast(toastBehavior({ ...base, toastBehavior: 'None' }), 'problem')).toBe(false);
    });

    it('turns controller records into mapper records', () => {
        expect(
            toFieldMappings([
                {
                    developerName: 'Subject',
                    sourcePath: 'a.b',
                    targetField: 'Subject__c',
                    transform: 'text',
                    layer: 'Org_Override',
                    active: true
                }
            ])
        ).toEqual([
            {
                name: 'Subject',
                sourcePath: 'a.b',
                targetObject: undefined,
                targetField: 'Subject__c',
                transform: 'text',
                active: true,
                layer: 'Org_Override',
                description: undefined
            }
        ]);
    });
});

describe('loading the configuration', () => {
    function timers() {
        const waits: number[] = [];
        let due: (() => void) | undefined;
        return {
            waits,
            fire: () => due?.(),
            timers: {
                setTimeout(callback: () => void, ms: number) {
                    waits.push(ms);
                    due = callback;
                    return waits.length;
                },
                clearTimeout() {
                    due = undefined;
                }
            }
        };
    }
    const offline = new TypeError('Failed to fetch');
    const settle = async () => {
        for (let i = 0; i < 5; i += 1) await Promise.resolve();
    };

    it('tries again with a growing wait while Salesforce cannot be reached, then stops', async () => {
        const clock = timers();
        const load = jest.fn().mockRejectedValueOnce(offline).mockRejectedValueOnce(offline).mockResolvedValue({});
        const states: ConfigurationState[] = [];
        const loader = new ConfigurationLoader({ load, onChange: (s) => states.push(s), timers: clock.timers });
        await loader.load();
        expect(states[0]).toEqual({ error: 'Failed to fetch', transient: true });
        clock.fire();
        await settle();
        clock.fire();
        await settle();
        expect(clock.waits).toEqual([5000, 10000]);
        expect(states.at(-1)).toMatchObject({ configuration: {}, transient: false });
        expect(load).toHaveBeenCalledTimes(3);
    });

    it('waits for a person when the configuration cannot be read for another reason', async () => {
        const clock = timers();
        const noAccess = { status: 403, body: { message: 'You do not have access to the Apex class' } };
        const loader = new ConfigurationLoader({
            load: jest.fn().mockRejectedValue(noAccess),
            onChange: () => undefined,
            timers: clock.timers
        });
        await loader.load();
        expect(clock.waits).toEqual([]);
        expect(hostingPlanFor(loader.state)).toMatchObject({
            ready: false,
            problem: 'The Interaction Log configuration could not be read: You do not have access to the Apex class',
            steps: [expect.stringContaining('Interaction Log Agent permission set')]
        });
    });

    it('reads the configuration again when the agent comes back after five minutes, keeping it when that fails', async () => {
        let now = 0;
        const first = { settings: [{ developerName: 'A' }] };
        const second = { settings: [{ developerName: 'B' }] };
        const load = jest.fn().mockResolvedValueOnce(first).mockRejectedValueOnce(offline).mockResolvedValue(second);
        const states: ConfigurationState[] = [];
        const loader = new ConfigurationLoader({
            load,
            onChange: (s) => states.push(s),
            timers: timers().timers,
            now: () => now
        });
        await loader.load();
        expect(loader.state).toEqual({ configuration: first, transient: false, loadedAt: 0 });
        now = 4 * 60_000;
        loader.refresh();
        await settle();
        expect(load).toHaveBeenCalledTimes(1);
        now = 5 * 60_000;
        loader.refresh();
        await settle();
        expect(load).toHaveBeenCalledTimes(2);
        expect(loader.state.configuration).toBe(first);
        expect(states).toHaveLength(1);
        now = 6 * 60_000;
        loader.refresh();
        await settle();
        expect(loader.state).toEqual({ configuration: second, transient: false, loadedAt: 6 * 60_000 });
        expect(states).toHaveLength(2);
    });
});
