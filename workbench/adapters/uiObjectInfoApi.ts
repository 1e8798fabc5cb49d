/** lightning/uiObjectInfoApi in the workbench: getObjectInfo over the org emulator. */
import { fetchingWireAdapter } from './api';

export const getObjectInfo = fetchingWireAdapter((config) => {
    const object = config.objectApiName as { objectApiName?: string } | string | undefined;
    const name = typeof object === 'string' ? object : object?.objectApiName;
    return name ? `/ui-api/object-info/${encodeURIComponent(name)}` : undefined;
});
