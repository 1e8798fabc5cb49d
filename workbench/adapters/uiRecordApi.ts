/** lightning/uiRecordApi in the workbench: createRecord, updateRecord, getRecord and getFieldValue over the org emulator. */
import { callOrg, fetchingWireAdapter } from './api';

interface RecordInput {
    apiName?: string;
    fields: Record<string, unknown>;
}

interface FieldReference {
    objectApiName?: string;
    fieldApiName?: string;
}

export function createRecord(recordInput: RecordInput): Promise<{ id: string }> {
    return callOrg('POST', '/ui-api/records', recordInput) as Promise<{ id: string }>;
}

export function updateRecord(recordInput: RecordInput): Promise<{ id: string }> {
    const id = String(recordInput.fields.Id ?? '');
    return callOrg('PATCH', `/ui-api/records/${encodeURIComponent(id)}`, recordInput) as Promise<{ id: string }>;
}

export const getRecord = fetchingWireAdapter((config) =>
    typeof config.recordId === 'string' ? `/ui-api/records/${encodeURIComponent(config.recordId)}` : undefined
);

export function getFieldValue(record: unknown, field: FieldReference | string): unknown {
    const name = typeof field === 'string' ? field.split('.').pop() : field.fieldApiName;
    const fields = (record as { fields?: Record<string, { value: unknown }> } | undefined)?.fields;
    return name && fields && fields[name] ? fields[name].value : undefined;
}
