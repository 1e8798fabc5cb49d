/** @salesforce/apex/InteractionLogOutboxKey.getOutboxKey in the workbench. */
import { callOrg } from './api';

export default function getOutboxKey(): Promise<string> {
    return callOrg('POST', '/apex/InteractionLogOutboxKey.getOutboxKey', {}) as Promise<string>;
}
