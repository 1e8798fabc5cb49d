/** @salesforce/apex/InteractionLogRecordController.searchRecords in the workbench. */
import { callOrg } from './api';

export default function searchRecords(params: { term: string }): Promise<unknown[]> {
    return callOrg('POST', '/apex/InteractionLogRecordController.searchRecords', params) as Promise<unknown[]>;
}
