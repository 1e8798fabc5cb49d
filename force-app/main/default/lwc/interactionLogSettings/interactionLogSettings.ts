/**
 * interactionLogSettings: the configuration the Apex controller returns, and what the
 * component makes of it: loading it (again, while Salesforce cannot be reached), which
 * setting record applies, whether the connector can be hosted at all (and if not, exactly
 * what an admin must configure), and when to toast.
 */
import {
    errorMessage,
    isTransient,
    LAYER_ORG_OVERRIDE,
    normalizeSaveError,
    type MappingRecord
} from 'c/interactionLog';
import { browserTimers, type Timers } from 'c/rateLimits';
import { allowedOriginsFrom, originOf } from 'c/connectorProtocol';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

/** Mirrors Apex InteractionLogConfigController.SettingRecord: one Interaction_Log_Setting__mdt record. */
export interface SettingRecord {
    developerName: string;
    label?: string;
    layer?: string | null;
    active?: boolean | null;
    connectorUrl?: string | null;
    allowedOrigins?: string | null;
    storeRawPayload?: boolean | null;
    createTask?: boolean | null;
    toastBehavior?: string | null;
    callCenterSettings?: string | null;
    /** ISO 3166 country whose calling code national phone numbers are read with. */
    defaultCountry?: string | null;
    /** Days a log may wait in the browser before it is dropped (empty: 7). */
    pendingExpiryDays?: number | null;
    /** Agent_Entry (empty too) or Mapping: which value wins when a custom field names a mapped field. */
    customFieldPrecedence?: string | null;
    /** A public group's API name that narrows the directory (read by Apex; shown here for completeness). */
    directoryGroup?: string | null;
}

/** Mirrors Apex InteractionLogConfigController.Configuration: what getConfiguration returns. */
export interface Configuration {
    mappings?: MappingRecord[];
    settings?: SettingRecord[];
    picklists?: Record<string, { values: string[]; restricted: boolean }>;
    /** The same facts for Task, which the activity mirror writes. */
    taskPicklists?: Record<string, { values: string[]; restricted: boolean }>;
    keyPrefixes?: Record<string, string>;
}

export type ToastBehavior = 'All' | 'Problems_Only' | 'None';

/** The active Org override setting record if there is one (first by name), else the package default. */
export function resolveSetting(records: readonly SettingRecord[] | undefined): SettingRecord | undefined {
    const active = (records ?? []).filter((r) => r && r.active !== false);
    const byName = (a: SettingRecord, b: SettingRecord) => a.developerName.localeCompare(b.developerName);
    return (
        active.filter((r) => r.layer === LAYER_ORG_OVERRIDE).sort(byName)[0] ??
        active.filter((r) => r.layer !== LAYER_ORG_OVERRIDE).sort(byName)[0]
    );
}

export interface HostingPlan {
    ready: boolean;
    connectorUrl?: string;
    connectorOrigin?: string;
    allowedOrigins: string[];
    /** For the admin: what is wrong, in one sentence. */
    problem?: string;
    /** For the admin: what to configure, step by step. */
    steps: string[];
}

function setupSteps(origin: string): string[] {
    return [
        LABELS.setupStepSetting,
        formatLabel(LABELS.setupStepTrustedUrl, origin),
        LABELS.setupStepMedia,
        LABELS.setupStepPermissionSets
    ];
}

const EXAMPLE_ORIGIN = 'https://your-connector.example.com';

/**
 * https, or plain http on this machine's loopback (what browsers treat as potentially
 * trustworthy, and what the local workbench serves its connector simulator on).
 */
export function isSecureOrigin(origin: string): boolean {
    return /^https:\/\//i.test(origin) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(origin);
}

/**
 * Decides whether the connector can be hosted with this setting (and an optional URL
 * override from the page), and if not, says exactly what an admin must configure.
 */
export function planHosting(setting: SettingRecord | undefined, urlOverride?: string | null): HostingPlan {
    const url = (urlOverride && urlOverride.trim()) || setting?.connectorUrl?.trim() || '';
    const origin = originOf(url);
    const notReady = (problem: string, steps: string[], allowedOrigins: string[] = []): HostingPlan => ({
        ready: false,
        allowedOrigins,
        problem,
        steps
    });
    if (!setting) {
        return notReady(LABELS.setupNoSetting, setupSteps(origin ?? EXAMPLE_ORIGIN));
    }
    if (!url) {
        return notReady(LABELS.setupNoUrl, setupSteps(EXAMPLE_ORIGIN));
    }
    if (!origin || !isSecureOrigin(origin)) {
        return notReady(formatLabel(LABELS.setupBadUrl, url), setupSteps(EXAMPLE_ORIGIN));
    }
    const allowed = allowedOriginsFrom(url, setting.allowedOrigins);
    if (allowed.invalid.length > 0) {
        return notReady(formatLabel(LABELS.setupBadOrigins, allowed.invalid.join(', ')), setupSteps(origin));
    }
    if (!allowed.origins.includes(origin)) {
        return notReady(
            formatLabel(LABELS.setupOriginNotAllowed, origin, allowed.origins.join(', ')),
            [formatLabel(LABELS.setupStepAddOrigin, origin), ...setupSteps(origin).slice(1)],
            allowed.origins
        );
    }
    return { ready: true, connectorUrl: url, connectorOrigin: origin, allowedOrigins: allowed.origins, steps: [] };
}

/** The days a log may wait in the browser, in milliseconds: the setting's, or 7 days. */
export function pendingExpiryMs(setting: SettingRecord | undefined): number {
    const days = Number(setting?.pendingExpiryDays);
    return (Number.isFinite(days) && days > 0 ? days : 7) * 86_400_000;
}

/** Whether an agent's custom field entry replaces a mapped value (the default) or the mapping wins. */
export function customFieldsWin(setting: SettingRecord | undefined): boolean {
    return setting?.customFieldPrecedence !== 'Mapping';
}

export function toastBehavior(setting: SettingRecord | undefined): ToastBehavior {
    const value = setting?.toastBehavior;
    return value === 'All' || value === 'None' ? value : 'Problems_Only';
}

export function shouldToast(behavior: ToastBehavior, kind: 'saved' | 'problem'): boolean {
    if (behavior === 'None') return false;
    return kind === 'problem' || behavior === 'All';
}

// ---------------------------------------------------------------------------
// Loading the configuration
// ---------------------------------------------------------------------------

/** What is known of the configuration: the records, or why they could not be read. */
export interface ConfigurationState {
    configuration?: Configuration;
    /** Why the configuration could not be read, in one line. */
    error?: string;
    /** True when Salesforce could not be reached: the loader tries again by itself. */
    transient: boolean;
    /** When the configuration in force was read (ms since the epoch). */
    loadedAt?: number;
}

export interface ConfigurationLoaderOptions {
    /** InteractionLogConfigController.getConfiguration. */
    load(): Promise<unknown>;
    onChange(state: ConfigurationState): void;
    timers?: Timers;
    firstRetryMs?: number;
    maxRetryMs?: number;
    /** A configuration older than this is read again when the agent comes back (focus, online); 5 minutes. */
    maxAgeMs?: number;
    now?: () => number;
}

/**
 * Loads the configuration, and when Salesforce cannot be reached, loads it again with a
 * growing wait (5 s, 10 s... at most a minute) until it answers. A configuration that
 * cannot be read for another reason (no access) waits for a person. Once loaded, it is read
 * again (uncached) when the agent comes back to the page or online and it is older than
 * `maxAgeMs`, so an admin's change reaches agents without a reload; a refresh that fails
 * keeps the configuration in force.
 */
export class ConfigurationLoader {
    private readonly options: ConfigurationLoaderOptions;
    private readonly timers: Timers;
    private retry?: unknown;
    private delay: number;
    private stopped = false;
    state: ConfigurationState = { transient: false };

    constructor(options: ConfigurationLoaderOptions) {
        this.options = options;
        this.timers = options.timers ?? browserTimers;
        this.delay = options.firstRetryMs ?? 5000;
    }

    async load(): Promise<void> {
        this.clearRetry();
        const now = this.options.now ?? (() => Date.now());
        const inForce = this.state.configuration;
        try {
            const configuration = (await this.options.load()) as Configuration;
            this.state = { configuration, transient: false, loadedAt: now() };
            this.delay = this.options.firstRetryMs ?? 5000;
        } catch (error) {
            if (inForce) return; // A failed refresh: the configuration in force stays; the next refresh tries again.
            const transient = isTransient(normalizeSaveError(error));
            this.state = { error: errorMessage(error), transient };
            if (transient && !this.stopped) {
                this.retry = this.timers.setTimeout(() => this.load(), this.delay);
                this.delay = Math.min(this.delay * 2, this.options.maxRetryMs ?? 60_000);
            }
        }
        this.options.onChange(this.state);
    }

    /** Loads again now if nothing was loaded yet, or if what was loaded is older than maxAgeMs (focus, online). */
    refresh(): void {
        const now = this.options.now ?? (() => Date.now());
        const age = now() - (this.state.loadedAt ?? 0);
        if (!this.state.configuration || age >= (this.options.maxAgeMs ?? 5 * 60_000)) this.load();
    }

    stop(): void {
        this.stopped = true;
        this.clearRetry();
    }

    private clearRetry(): void {
        if (this.retry !== undefined) this.timers.clearTimeout(this.retry);
        this.retry = undefined;
    }
}

/**
 * Whether and how the connector can be hosted, from what is known of the configuration
 * and the page's URL override: a configuration that could not be read says why.
 */
export function hostingPlanFor(state: ConfigurationState, urlOverride?: string | null): HostingPlan {
    if (state.error && state.transient) {
        return {
            ready: false,
            allowedOrigins: [],
            problem: formatLabel(LABELS.setupUnreachable, state.error),
            steps: []
        };
    }
    if (state.error) {
        return {
            ready: false,
            allowedOrigins: [],
            problem: formatLabel(LABELS.setupUnreadable, state.error),
            steps: [LABELS.setupStepPermission]
        };
    }
    return planHosting(resolveSetting(state.configuration?.settings), urlOverride);
}
