/** @salesforce/apex/InteractionLogRecordController.searchCustomers in the workbench. */
import { callOrg } from './api';

export default function searchCustomers(params: { phones: string[]; emails: string[] }): Promise<unknown[]> {
    return callOrg('POST', '/apex/InteractionLogRecordController.searchCustomers', params) as Promise<unknown[]>;
}
