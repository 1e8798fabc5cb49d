/** @salesforce/apex/InteractionLogMappingStudio.logsToRemap in the workbench. */
import { callOrg } from './api';

export default function logsToRemap(params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return callOrg('POST', '/apex/InteractionLogMappingStudio.logsToRemap', params) as Promise<
        Record<string, unknown>[]
    >;
}
