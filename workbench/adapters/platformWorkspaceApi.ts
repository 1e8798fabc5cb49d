/**
 * lightning/platformWorkspaceApi in the workbench: the page is a standard-navigation app,
 * not a console, so IsConsoleNavigation is false and the tab methods refuse as they do
 * outside a console.
 */
const notConsole = () => Promise.reject(new Error('This method works only in Lightning console apps.'));

export const getAllTabInfo = notConsole;
export const getFocusedTabInfo = notConsole;
export const openTab = notConsole;

export class IsConsoleNavigation {
    constructor(private readonly dataCallback: (value: boolean) => void) {}

    connect(): void {
        this.dataCallback(false);
    }

    disconnect(): void {
        // Nothing to release.
    }

    update(): void {
        // No configuration.
    }
}
