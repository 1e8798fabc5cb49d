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

declare module 'lightning/graphql' {
    export function gql(strings: TemplateStringsArray, ...values: unknown[]): unknown;
    export function executeMutation(request: {
        query: unknown;
        variables?: Record<string, unknown>;
        operationName?: string;
    }): Promise<{ data?: unknown; errors?: unknown }>;
}

declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export const getObjectInfo: WireAdapterConstructor;
}

declare module 'lightning/actions' {
    export class CloseActionScreenEvent extends CustomEvent<unknown> {
        constructor();
    }
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

declare module '@salesforce/i18n/locale' {
    /** The running user's locale, e.g. en-US. */
    const locale: string;
    export default locale;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/schema/*' {
    const reference: { objectApiName: string; fieldApiName?: string };
    export default reference;
}

declare module '@salesforce/apex/InteractionLogConfigController.getConfiguration' {
    const getConfiguration: () => Promise<unknown>;
    export default getConfiguration;
}

declare module 'lightning/empApi' {
    export function subscribe(
        channel: string,
        replayId: number,
        onMessage: (message: unknown) => void
    ): Promise<unknown>;
    export function unsubscribe(subscription: unknown, callback?: (response: unknown) => void): Promise<unknown>;
}

declare module '@salesforce/apex/InteractionLogMappingStudio.getStudio' {
    import type { Studio } from '../force-app/main/default/lwc/mappingStudio/studioModel';
    const getStudio: (params: { recentCount: number }) => Promise<Studio>;
    export default getStudio;
}

declare module '@salesforce/apex/InteractionLogMappingStudio.applyMapping' {
    const applyMapping: (params: {
        targetField: string;
        sourcePath: string;
        transform: string;
        active: boolean;
    }) => Promise<string>;
    export default applyMapping;
}

declare module '@salesforce/apex/InteractionLogMappingStudio.logsToRemap' {
    const logsToRemap: (params: {
        fromDate: string | null;
        toDate: string | null;
        afterId: string;
        pageSize: number;
    }) => Promise<Record<string, unknown>[]>;
    export default logsToRemap;
}

declare module '@salesforce/apex/InteractionLogOutboxKey.getOutboxKey' {
    const getOutboxKey: () => Promise<string>;
    export default getOutboxKey;
}

declare module '@salesforce/apex/InteractionLogSaveController.findRecordIdByLogKey' {
    const findRecordIdByLogKey: (params: { logKey: string }) => Promise<string | null>;
    export default findRecordIdByLogKey;
}

declare module '@salesforce/apex/InteractionLogSaveController.findTaskIdForLog' {
    const findTaskIdForLog: (params: { logId: string }) => Promise<string | null>;
    export default findTaskIdForLog;
}

declare module '@salesforce/apex/InteractionLogRecordController.searchCustomers' {
    const searchCustomers: (params: { phones: string[]; emails: string[] }) => Promise<unknown[]>;
    export default searchCustomers;
}

declare module '@salesforce/apex/InteractionLogRecordController.describeRecords' {
    const describeRecords: (params: { recordIds: string[] }) => Promise<unknown[]>;
    export default describeRecords;
}

declare module '@salesforce/apex/InteractionLogDirectoryController.getDirectory' {
    const getDirectory: () => Promise<unknown[]>;
    export default getDirectory;
}

declare module '@salesforce/apex/InteractionLogLinkController.countMyLogsWithoutCustomer' {
    const countMyLogsWithoutCustomer: () => Promise<number>;
    export default countMyLogsWithoutCustomer;
}

declare module '@salesforce/apex/InteractionLogLinkController.contactsCreatedSince' {
    const contactsCreatedSince: (params: { since: string }) => Promise<unknown[]>;
    export default contactsCreatedSince;
}

declare module '@salesforce/apex/InteractionLogRecordController.searchRecords' {
    const searchRecords: (params: { term: string }) => Promise<unknown[]>;
    export default searchRecords;
}

declare module 'lightning/navigation' {
    import type { LightningElement, WireAdapterConstructor } from 'lwc';
    export interface PageReference {
        type: string;
        attributes: Record<string, string>;
        state?: Record<string, string>;
    }
    interface Navigable {
        [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
        [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Constructor<T> = new (...args: any[]) => T;
    export function NavigationMixin<T extends Constructor<LightningElement>>(base: T): T & Constructor<Navigable>;
    export namespace NavigationMixin {
        const Navigate: unique symbol;
        const GenerateUrl: unique symbol;
    }
    export const CurrentPageReference: WireAdapterConstructor;
}

declare module 'lightning/pageReferenceUtils' {
    export function encodeDefaultFieldValues(values: Record<string, unknown>): string;
    export function decodeDefaultFieldValues(encoded: string): Record<string, string>;
}

declare module 'lightning/platformWorkspaceApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export interface TabInfo {
        tabId: string;
        recordId?: string | null;
        focused?: boolean;
        subtabs?: TabInfo[];
    }
    export const IsConsoleNavigation: WireAdapterConstructor;
    export function getAllTabInfo(): Promise<TabInfo[]>;
    export function getFocusedTabInfo(): Promise<TabInfo>;
    export function openTab(options: { recordId?: string; url?: string; focus?: boolean }): Promise<string>;
    export function focusTab(tabId: string): Promise<boolean>;
    export function closeTab(tabId: string): Promise<boolean>;
}

declare module 'lightning/messageService' {
    import type { WireAdapterConstructor } from 'lwc';
    export interface Subscription {
        readonly subscription?: unknown;
    }
    export const MessageContext: WireAdapterConstructor;
    export const APPLICATION_SCOPE: unknown;
    export function subscribe(
        context: unknown,
        channel: unknown,
        listener: (message: unknown) => void,
        options?: { scope?: unknown }
    ): Subscription;
    export function unsubscribe(subscription: Subscription): void;
    export function publish(context: unknown, channel: unknown, message: unknown): void;
}

declare module '@salesforce/messageChannel/*' {
    const channel: unknown;
    export default channel;
}

declare module 'lightning/platformUtilityBarApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export const EnclosingUtilityId: WireAdapterConstructor;
    export function open(utilityId: string, options?: { autoFocus?: boolean }): Promise<boolean>;
}
