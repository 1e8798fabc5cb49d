/** @salesforce/apex/InteractionLogSaveController.findTaskIdForLog in the workbench. */
import { callOrg } from './api';

export default function findTaskIdForLog(params: { logId: string }): Promise<string | null> {
    return callOrg('POST', '/apex/InteractionLogSaveController.findTaskIdForLog', params) as Promise<string | null>;
}
