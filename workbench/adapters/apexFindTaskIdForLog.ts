/** @salesforce/apex/InteractionLogConfigController.findTaskIdForLog in the workbench. */
import { callOrg } from './api';

export default function findTaskIdForLog(params: { logId: string }): Promise<string | null> {
    return callOrg('POST', '/apex/InteractionLogConfigController.findTaskIdForLog', params) as Promise<string | null>;
}
