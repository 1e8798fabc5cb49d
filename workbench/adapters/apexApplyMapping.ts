/** @salesforce/apex/InteractionLogMappingStudio.applyMapping in the workbench. */
import { callOrg } from './api';

export default function applyMapping(params: Record<string, unknown>): Promise<string> {
    return callOrg('POST', '/apex/InteractionLogMappingStudio.applyMapping', params) as Promise<string>;
}
