/** @salesforce/apex/InteractionLogConfigController.findLogIdByKey in the workbench. */
import { callOrg } from './api';

export default function findLogIdByKey(params: { logKey: string }): Promise<string | null> {
    return callOrg('POST', '/apex/InteractionLogConfigController.findLogIdByKey', params) as Promise<string | null>;
}
