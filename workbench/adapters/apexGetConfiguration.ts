/** @salesforce/apex/InteractionLogConfigController.getConfiguration in the workbench. */
import { callOrg } from './api';

export default function getConfiguration(): Promise<unknown> {
    return callOrg('POST', '/apex/InteractionLogConfigController.getConfiguration', {});
}
