/** @salesforce/apex/InteractionLogRecordController.describeRecords in the workbench. */
import { callOrg } from './api';

export default function describeRecords(params: { recordIds: string[] }): Promise<unknown[]> {
    return callOrg('POST', '/apex/InteractionLogRecordController.describeRecords', params) as Promise<unknown[]>;
}
