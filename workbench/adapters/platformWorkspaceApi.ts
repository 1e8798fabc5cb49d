/**
 * lightning/platformWorkspaceApi in the workbench. Opened as a console app (`/?console`),
 * the page keeps workspace tabs of records: openTab opens or focuses one, and focusing or
 * closing a tab publishes lightning__tabFocused / lightning__tabClosed as Lightning does.
 * Otherwise it is a standard-navigation app: IsConsoleNavigation is false and the tab
 * methods refuse, as they do outside a console.
 */
import { publish } from 'lightning/messageService';
import TAB_FOCUSED from '@salesforce/messageChannel/lightning__tabFocused';
import TAB_CLOSED from '@salesforce/messageChannel/lightning__tabClosed';
import { constantWireAdapter } from './api';

export interface WorkbenchTab {
    tabId: string;
    recordId: string;
    focused: boolean;
    subtabs: WorkbenchTab[];
}

export const CONSOLE = typeof location !== 'undefined' && new URLSearchParams(location.search).has('console');

const tabs: WorkbenchTab[] = [];
const watchers = new Set<(tabs: WorkbenchTab[]) => void>();
let counter = 0;

const copy = (): WorkbenchTab[] => tabs.map((t) => ({ ...t, subtabs: [] }));
const notConsole = () => Promise.reject(new Error('This method works only in Lightning console apps.'));

function changed(): void {
    const snapshot = copy();
    watchers.forEach((watch) => watch(snapshot));
}

/** For the workbench page: the tabs now and after every change. */
export function watchTabs(watch: (tabs: WorkbenchTab[]) => void): () => void {
    watchers.add(watch);
    watch(copy());
    return () => watchers.delete(watch);
}

export function focusTab(tabId: string): Promise<boolean> {
    if (!CONSOLE) return notConsole();
    const previous = tabs.find((t) => t.focused);
    const next = tabs.find((t) => t.tabId === tabId);
    if (!next) return Promise.reject(new Error(`No tab ${tabId}`));
    tabs.forEach((t) => (t.focused = t === next));
    changed();
    publish(undefined, TAB_FOCUSED, { previousTabId: previous?.tabId ?? null, currentTabId: tabId });
    return Promise.resolve(true);
}

export function closeTab(tabId: string): Promise<boolean> {
    if (!CONSOLE) return notConsole();
    const index = tabs.findIndex((t) => t.tabId === tabId);
    if (index === -1) return Promise.reject(new Error(`No tab ${tabId}`));
    const [closed] = tabs.splice(index, 1);
    if (closed.focused && tabs.length > 0) tabs[Math.max(0, index - 1)].focused = true;
    changed();
    publish(undefined, TAB_CLOSED, { tabId });
    return Promise.resolve(true);
}

export async function openTab(options: { recordId?: string; focus?: boolean }): Promise<string> {
    if (!CONSOLE) return notConsole();
    if (!options.recordId) throw new Error('The workbench console opens record tabs only.');
    let tab = tabs.find((t) => t.recordId === options.recordId);
    if (!tab) {
        counter += 1;
        tab = { tabId: `ctab${counter}`, recordId: options.recordId, focused: false, subtabs: [] };
        tabs.push(tab);
        changed();
    }
    if (options.focus !== false) await focusTab(tab.tabId);
    return tab.tabId;
}

export function getAllTabInfo(): Promise<WorkbenchTab[]> {
    return CONSOLE ? Promise.resolve(copy()) : notConsole();
}

export function getFocusedTabInfo(): Promise<WorkbenchTab> {
    if (!CONSOLE) return notConsole();
    const focused = tabs.find((t) => t.focused);
    return focused ? Promise.resolve({ ...focused }) : Promise.reject(new Error('No tab is focused.'));
}

export const IsConsoleNavigation = constantWireAdapter(CONSOLE);
