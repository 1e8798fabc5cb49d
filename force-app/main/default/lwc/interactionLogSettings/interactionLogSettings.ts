/**
 * interactionLogSettings: the configuration the Apex controller returns, and what the
 * component makes of it: which setting record applies, whether the connector can be
 * hosted at all (and if not, exactly what an admin must configure), and when to toast.
 */
import { LAYER_ORG_OVERRIDE, type MappingRecord } from 'c/interactionLog';
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

export function toastBehavior(setting: SettingRecord | undefined): ToastBehavior {
    const value = setting?.toastBehavior;
    return value === 'All' || value === 'None' ? value : 'Problems_Only';
}

export function shouldToast(behavior: ToastBehavior, kind: 'saved' | 'problem'): boolean {
    if (behavior === 'None') return false;
    return kind === 'problem' || behavior === 'All';
}
