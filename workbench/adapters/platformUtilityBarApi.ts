/**
 * lightning/platformUtilityBarApi in the workbench: the connector sits in an always-open
 * utility-like panel, so opening it succeeds and changes nothing.
 */
export const WORKBENCH_UTILITY_ID = 'workbench-utility';

export function open(): Promise<boolean> {
    return Promise.resolve(true);
}

export class EnclosingUtilityId {
    constructor(private readonly dataCallback: (value: string) => void) {}

    connect(): void {
        this.dataCallback(WORKBENCH_UTILITY_ID);
    }

    disconnect(): void {
        // Nothing to release.
    }

    update(): void {
        // No configuration.
    }
}
