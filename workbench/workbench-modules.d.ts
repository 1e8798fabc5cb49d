/**
 * What the workbench's stand-ins for platform modules add for the workbench page itself
 * (never used by the package's components, which the platform compiler would refuse).
 */
declare module 'lightning/platformWorkspaceApi' {
    /** Whether the page was opened as a console app (`/?console`). */
    export const CONSOLE: boolean;
    export interface WorkbenchTab {
        tabId: string;
        recordId: string;
        focused: boolean;
        subtabs: WorkbenchTab[];
    }
    /** The workspace tabs now and after every change; returns the unsubscribe function. */
    export function watchTabs(watch: (tabs: WorkbenchTab[]) => void): () => void;
}
