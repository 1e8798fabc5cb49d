/** @salesforce/apex/InteractionLogDirectoryController.getDirectory in the workbench. */
import { callOrg } from './api';

export default function getDirectory(): Promise<unknown[]> {
    return callOrg('POST', '/apex/InteractionLogDirectoryController.getDirectory', {}) as Promise<unknown[]>;
}
