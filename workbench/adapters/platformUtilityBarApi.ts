/**
 * lightning/platformUtilityBarApi in the workbench: the connector sits in an always-open
 * utility-like panel, so opening it succeeds and changes nothing.
 */
import { constantWireAdapter } from './api';

export const WORKBENCH_UTILITY_ID = 'workbench-utility';

export function open(): Promise<boolean> {
    return Promise.resolve(true);
}

export const EnclosingUtilityId = constantWireAdapter(WORKBENCH_UTILITY_ID);
