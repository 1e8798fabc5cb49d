/** @salesforce/apex/InteractionLogSaveController.findRecordIdByLogKey in the workbench. */
import { callOrg } from './api';

export default function findRecordIdByLogKey(params: { logKey: string }): Promise<string | null> {
    return callOrg('POST', '/apex/InteractionLogSaveController.findRecordIdByLogKey', params) as Promise<string | null>;
}
