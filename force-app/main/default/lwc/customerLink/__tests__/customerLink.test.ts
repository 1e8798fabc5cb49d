import {
    CREATE_WINDOW_MS,
    CustomerLinker,
    hasCustomer,
    linkFields,
    logAddresses,
    taskLinkFields,
    valuesBefore,
    type CustomerLinkerOptions,
    type LinkNotice
} from 'c/customerLink';
import type { ObjectSchema } from 'c/interactionLog';
import type { CustomerRecord } from 'c/screenPop';
import { loadObjectSchema } from '@tools/lib/forceApp';

const schema: ObjectSchema = loadObjectSchema();
const contact: CustomerRecord = {
    recordId: '003000000000009AAA',
    recordName: 'New Caller',
    objectType: 'Contact',
    phones: ['+1 (555) 000-0001']
};

describe('the fields of a link', () => {
    it('sets the lookup for the object and Name Id for a person, Related To Id for the rest', () => {
        expect(linkFields(schema, contact)).toEqual({ Contact__c: contact.recordId, Name_Id__c: contact.recordId });
        expect(
            linkFields(schema, { recordId: '500000000000001AAA', recordName: '00001024', objectType: 'Case' })
        ).toEqual({
            Case__c: '500000000000001AAA',
            Related_To_Id__c: '500000000000001AAA'
        });
        expect(
            linkFields(schema, { recordId: 'a0X000000000001AAA', recordName: 'x', objectType: 'Invoice__c' })
        ).toBeUndefined();
        const readOnly = {
            ...schema,
            fields: { ...schema.fields, Contact__c: { ...schema.fields.Contact__c, updateable: false } }
        };
        expect(linkFields(readOnly, contact)).toBeUndefined();
    });

    it("moves the Task's WhoId for a person and WhatId for the rest, and undoes to what was there", () => {
        expect(taskLinkFields('00T000000000001AAA', contact)).toEqual({
            Id: '00T000000000001AAA',
            WhoId: contact.recordId
        });
        expect(taskLinkFields('00T000000000001AAA', { ...contact, objectType: 'Account' })).toEqual({
            Id: '00T000000000001AAA',
            WhatId: contact.recordId
        });
        expect(valuesBefore({ Contact__c: 'x', Name_Id__c: 'x' }, { Name_Id__c: '00Q000000000001AAA' })).toEqual({
            Contact__c: null,
            Name_Id__c: '00Q000000000001AAA'
        });
    });

    it('knows a log without a customer, and the numbers it holds', () => {
        expect(hasCustomer({ Name_Id__c: '003000000000001AAA' })).toBe(false);
        expect(hasCustomer({ Opportunity__c: '006000000000001AAA' })).toBe(true);
        expect(
            logAddresses({
                Caller_Number__c: ' +15550000001 ',
                Updated_Originating_Address__c: '+15550000001',
                Destination_Address__c: '8005550199'
            })
        ).toEqual(['+15550000001', '8005550199']);
    });
});

describe('linking the log of a screen pop to the Contact created from it', () => {
    let now = 1_000_000;
    let created: CustomerRecord[];
    let updates: Record<string, unknown>[];
    let notices: (LinkNotice | undefined)[];
    let remembered: unknown[];
    let forgotten: string[];

    function linker(overrides: Partial<CustomerLinkerOptions> = {}): CustomerLinker {
        return new CustomerLinker({
            contactsCreatedSince: async () => created,
            updateRecord: async (input) => {
                updates.push(input.fields);
            },
            rememberNumber: (link) => remembered.push(link),
            forgetNumber: (number) => forgotten.push(number),
            schema: () => schema,
            callingCode: () => '1',
            onNotice: (notice) => notices.push(notice),
            now: () => now,
            ...overrides
        });
    }

    const savedLog = (number: string, extra: Record<string, string> = {}) => ({
        recordId: 'a00000000000001AAA',
        label: 'Inbound Voice with +15550000001',
        fields: { Caller_Number__c: number, ...extra },
        taskId: '00T000000000001AAA'
    });

    beforeEach(() => {
        created = [];
        updates = [];
        notices = [];
        remembered = [];
        forgotten = [];
    });

    it('links a log saved before the Contact existed, its Task too, and undoes both', async () => {
        const l = linker();
        l.expectContact('+15550000001');
        await l.logSaved(savedLog('+15550000001'));
        await l.check();
        expect(updates).toEqual([]);
        created = [contact];
        now += 60_000;
        await l.check();
        expect(updates).toEqual([
            { Id: 'a00000000000001AAA', Contact__c: contact.recordId, Name_Id__c: contact.recordId },
            { Id: '00T000000000001AAA', WhoId: contact.recordId }
        ]);
        expect(notices.slice(-1)).toEqual([
            { text: 'Linked "Inbound Voice with +15550000001" to New Caller.', canUndo: true }
        ]);
        expect(l.waiting).toBe(false);
        await l.undo();
        expect(updates.slice(2)).toEqual([
            { Id: 'a00000000000001AAA', Contact__c: null, Name_Id__c: null },
            { Id: '00T000000000001AAA', WhoId: null }
        ]);
        expect(forgotten).toEqual(['+15550000001']);
        expect(notices.slice(-1)).toEqual([{ text: 'The link was undone.', canUndo: false }]);
    });

    it('tells the save service when the Contact comes first, so the log is linked as it is saved', async () => {
        const l = linker();
        l.expectContact('+15550000001');
        created = [contact];
        await l.check();
        expect(remembered).toEqual([{ number: '+15550000001', nameId: contact.recordId, callingCode: '1' }]);
        expect(updates).toEqual([]);
        expect(notices.slice(-1)[0]?.text).toBe('New Caller was created: the log of this call will be linked to it.');
        // A log saved unlinked after all (say it was prepared before) is still linked.
        await l.logSaved(savedLog('(555) 000-0001'));
        expect(updates[0]).toEqual({
            Id: 'a00000000000001AAA',
            Contact__c: contact.recordId,
            Name_Id__c: contact.recordId
        });
    });

    it('links nothing on a guess: another number, a partial match, a Lead, a log with a customer, or too late', async () => {
        const l = linker();
        l.expectContact('+15550000001');
        await l.logSaved(savedLog('+15550000002'));
        await l.logSaved({
            ...savedLog('+15550000001'),
            recordId: 'a00000000000002AAA',
            fields: { Caller_Number__c: '+15550000001', Case__c: '500000000000001AAA' }
        });
        created = [
            { ...contact, phones: ['000-0001'] },
            { ...contact, objectType: 'Lead', phones: ['+15550000001'] }
        ];
        await l.check();
        expect(updates).toEqual([]);
        expect(remembered).toEqual([]);
        now += CREATE_WINDOW_MS;
        created = [contact];
        expect(l.waiting).toBe(false);
        await l.check();
        expect(updates).toEqual([]);
    });

    it('keeps waiting when Salesforce cannot be asked, and says why a link failed', async () => {
        const l = linker({
            contactsCreatedSince: async () => {
                throw new Error('offline');
            }
        });
        l.expectContact('+15550000001');
        await l.check();
        expect(l.waiting).toBe(true);
        expect(notices).toEqual([]);

        const refused = linker({
            contactsCreatedSince: async () => [contact],
            updateRecord: () => Promise.reject({ body: { message: 'insufficient access rights on object id' } })
        });
        refused.expectContact('+15550000001');
        await refused.logSaved(savedLog('+15550000001'));
        await refused.check();
        expect(notices).toEqual([
            { text: 'The log could not be linked: insufficient access rights on object id', canUndo: false }
        ]);
    });
});
