/**
 * Standard objects the package writes besides its own: what getObjectInfo reports for them
 * in a typical org, for the tools and the org emulator, which have no org to ask.
 */
import type { FieldSchema, ObjectSchema } from '../../force-app/main/default/lwc/interactionLog/interactionLog';

/** Record id prefixes of standard objects; custom objects get theirs per org. */
export const STANDARD_KEY_PREFIXES: Readonly<Record<string, string>> = {
    Account: '001',
    Contact: '003',
    Lead: '00Q',
    Case: '500',
    Opportunity: '006',
    User: '005',
    Group: '00G',
    Campaign: '701',
    Contract: '800',
    Order: '801',
    Product2: '01t',
    Asset: '02i',
    Solution: '501',
    Quote: '0Q0',
    WorkOrder: '0WO',
    Task: '00T',
    Event: '00U'
};

const ref = (...objects: string[]) =>
    objects.map((apiName) => ({ apiName, keyPrefix: STANDARD_KEY_PREFIXES[apiName] }));

const field = (
    apiName: string,
    label: string,
    spec: Omit<FieldSchema, 'apiName' | 'label' | 'createable'> & { createable?: boolean }
): FieldSchema => ({
    apiName,
    label,
    createable: spec.createable ?? true,
    ...spec
});

/** Task, with the fields the activity mirror writes (standard picklist values). */
export const TASK_SCHEMA: ObjectSchema = {
    apiName: 'Task',
    fields: Object.fromEntries(
        [
            field('Subject', 'Subject', { dataType: 'ComboBox', length: 255 }),
            field('Description', 'Comments', { dataType: 'TextArea', length: 32000 }),
            field('Status', 'Status', {
                dataType: 'Picklist',
                picklistValues: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
                restrictedPicklist: false
            }),
            field('Priority', 'Priority', {
                dataType: 'Picklist',
                picklistValues: ['High', 'Normal', 'Low'],
                restrictedPicklist: false
            }),
            field('CallType', 'Call Type', {
                dataType: 'Picklist',
                picklistValues: ['Internal', 'Inbound', 'Outbound'],
                restrictedPicklist: true
            }),
            field('CallObject', 'Call Object Identifier', { dataType: 'String', length: 255 }),
            field('CallDisposition', 'Call Result', { dataType: 'String', length: 255 }),
            field('CallDurationInSeconds', 'Call Duration', { dataType: 'Int', precision: 9, scale: 0 }),
            field('ActivityDate', 'Due Date Only', { dataType: 'Date' }),
            field('TaskSubtype', 'Task Subtype', {
                dataType: 'Picklist',
                picklistValues: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
                restrictedPicklist: true,
                updateable: false
            }),
            field('WhoId', 'Name ID', { dataType: 'Reference', referenceTo: ref('Contact', 'Lead') }),
            field('WhatId', 'Related To ID', {
                dataType: 'Reference',
                referenceTo: ref(
                    'Account',
                    'Case',
                    'Opportunity',
                    'Campaign',
                    'Contract',
                    'Order',
                    'Asset',
                    'Solution',
                    'Product2',
                    'Quote',
                    'WorkOrder'
                )
            }),
            field('OwnerId', 'Assigned To ID', { dataType: 'Reference', referenceTo: ref('User', 'Group') })
        ].map((f) => [f.apiName, f])
    )
};
