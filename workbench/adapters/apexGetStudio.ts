/** @salesforce/apex/InteractionLogMappingStudio.getStudio in the workbench. */
import { callOrg } from './api';

export default function getStudio(params: { recentCount: number }): Promise<unknown> {
    return callOrg('POST', '/apex/InteractionLogMappingStudio.getStudio', params) as Promise<unknown>;
}
