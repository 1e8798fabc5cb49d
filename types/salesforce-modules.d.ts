/**
 * Types for the platform modules the LWC sources import. The platform provides them at
 * run time; jest maps them to the mocks in force-app/test/jest-mocks.
 */
declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export interface RecordInput {
        apiName?: string;
        fields: Record<string, unknown>;
    }
    export interface RecordRepresentation {
        id: string;
        apiName?: string;
        fields?: Record<string, { value: unknown; displayValue?: string | null }>;
    }
    export function createRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
    export function updateRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
    export const getRecord: WireAdapterConstructor;
    export function getFieldValue(record: unknown, field: unknown): unknown;
}

declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export const getObjectInfo: WireAdapterConstructor;
}

declare module 'lightning/platformShowToastEvent' {
    export class ShowToastEvent extends CustomEvent<unknown> {
        constructor(init: {
            title?: string;
            message: string;
            variant?: 'info' | 'success' | 'warning' | 'error';
            mode?: 'dismissible' | 'pester' | 'sticky';
        });
    }
}

declare module '@salesforce/user/Id' {
    const userId: string;
    export default userId;
}

declare module '@salesforce/schema/*' {
    const reference: { objectApiName: string; fieldApiName?: string };
    export default reference;
}

declare module '@salesforce/apex/InteractionLogConfigController.getConfiguration' {
    const getConfiguration: () => Promise<unknown>;
    export default getConfiguration;
}

declare module '@salesforce/apex/InteractionLogConfigController.findLogIdByKey' {
    const findLogIdByKey: (params: { logKey: string }) => Promise<string | null>;
    export default findLogIdByKey;
}

declare module '@salesforce/apex/InteractionLogConfigController.findTaskIdForLog' {
    const findTaskIdForLog: (params: { logId: string }) => Promise<string | null>;
    export default findTaskIdForLog;
}
