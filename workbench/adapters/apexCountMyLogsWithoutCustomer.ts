/** @salesforce/apex/InteractionLogLinkController.countMyLogsWithoutCustomer in the workbench. */
import { callOrg } from './api';

export default function countMyLogsWithoutCustomer(): Promise<number> {
    return callOrg('POST', '/apex/InteractionLogLinkController.countMyLogsWithoutCustomer', {}) as Promise<number>;
}
