import {
    DIAL_OBJECTS,
    DialHost,
    dialFieldsFor,
    dialStateText,
    dialTargetsFor,
    readChannelMessage,
    type UiRecord
} from 'c/clickToDial';
import { LABELS } from 'c/interactionLogLabels';

/** A record as getRecord returns it: `{ id, fields: { Name: { value } } }`, relations nested. */
function uiRecord(id: string, values: Record<string, unknown>): UiRecord {
    const fields: Record<string, { value: unknown }> = {};
    for (const [name, value] of Object.entries(values)) fields[name] = { value };
    return { id, fields };
}

const account = uiRecord('001000000000001AAA', { Name: 'Gonzalez Household', Phone: '+1 415 555 0100' });
const contact = uiRecord('003000000000001AAA', {
    Name: 'Maria Gonzalez',
    Phone: '+1 415 555 0142',
    MobilePhone: '+1 415 555 0199',
    HomePhone: '+1 415 555 0142',
    Email: 'maria@example.com',
    DoNotCall: false
});

describe('the numbers a record offers', () => {
    it('asks for the name as a field and the rest as optional fields, relations included', () => {
        expect(DIAL_OBJECTS).toEqual(['Contact', 'Lead', 'Account', 'Case', 'Opportunity']);
        expect(dialFieldsFor('Case')).toEqual({
            fields: ['Case.CaseNumber'],
            optionalFields: [
                'Case.ContactId',
                'Case.Contact.Name',
                'Case.Contact.Phone',
                'Case.Contact.MobilePhone',
                'Case.Contact.Email',
                'Case.Contact.DoNotCall',
                'Case.AccountId',
                'Case.Account.Name',
                'Case.Account.Phone'
            ]
        });
        expect(dialFieldsFor('Contact').optionalFields).toContain('Contact.AssistantPhone');
        expect(dialFieldsFor('Task')).toEqual({ fields: [], optionalFields: [] });
    });

    it("lists a Contact's numbers once each, then its Account's, each dial about the Contact first", () => {
        const record = uiRecord('003000000000001AAA', {
            ...Object.fromEntries(Object.entries(contact.fields ?? {}).map(([k, v]) => [k, v?.value])),
            Account: account
        });
        const targets = dialTargetsFor('Contact', record);
        expect(targets.map((t) => [t.number, t.label])).toEqual([
            ['+1 415 555 0142', 'Phone · Maria Gonzalez'],
            ['+1 415 555 0199', 'Mobile · Maria Gonzalez'],
            ['+1 415 555 0100', 'Phone · Gonzalez Household']
        ]);
        expect(targets[0].request).toEqual({
            number: '+1 415 555 0142',
            record: { recordId: '003000000000001AAA', recordName: 'Maria Gonzalez', objectType: 'Contact' },
            email: 'maria@example.com',
            doNotCall: false,
            related: [{ recordId: '001000000000001AAA', recordName: 'Gonzalez Household', objectType: 'Account' }]
        });
        expect(targets[2].request.record.objectType).toBe('Account');
        expect(targets[2].request.related.map((r) => r.objectType)).toEqual(['Contact']);
    });

    it("offers a Case's Contact and Account, the Case among the records each call is about", () => {
        const kase = uiRecord('500000000000001AAA', { CaseNumber: '00001024', Contact: contact, Account: account });
        const targets = dialTargetsFor('Case', kase);
        expect(targets.map((t) => t.label)).toEqual([
            'Phone · Maria Gonzalez',
            'Mobile · Maria Gonzalez',
            'Phone · Gonzalez Household'
        ]);
        expect(targets[0].request.related.map((r) => r.recordName)).toEqual(['00001024', 'Gonzalez Household']);
        expect(dialTargetsFor('Opportunity', uiRecord('006000000000001AAA', { Name: 'Renewal' }))).toEqual([]);
    });

    it('marks Do Not Call people, and reads nothing it should not', () => {
        const lead = uiRecord('00Q000000000001AAA', { Name: 'Sam Lee', Phone: '555\u0000-0101', DoNotCall: true });
        const [target] = dialTargetsFor('Lead', lead);
        expect(target).toMatchObject({ number: '555-0101', doNotCall: true });
        expect(target.request.doNotCall).toBe(true);
        expect(dialTargetsFor('Lead', undefined)).toEqual([]);
        expect(dialTargetsFor('Lead', { id: 'not an id', fields: {} })).toEqual([]);
        expect(
            dialTargetsFor(
                'Lead',
                JSON.parse('{"id":"00Q000000000001AAA","fields":{"__proto__":{"Phone":{"value":"1"}}}}')
            )
        ).toEqual([]);
    });
});

describe('the channel', () => {
    const request = {
        number: '+1 415 555 0142',
        record: { recordId: '003000000000001AAA', recordName: 'Maria Gonzalez', objectType: 'Contact' },
        doNotCall: false,
        related: []
    };

    it('reads hello, state and dial, and nothing else', () => {
        expect(readChannelMessage({ kind: 'hello' })).toEqual({ kind: 'hello' });
        expect(readChannelMessage({ kind: 'state', enabled: true })).toEqual({ kind: 'state', enabled: true });
        expect(readChannelMessage({ kind: 'dial', request })).toEqual({
            kind: 'dial',
            request: { ...request, email: undefined }
        });
        for (const bad of [
            null,
            'hello',
            { kind: 'state', enabled: 'yes' },
            { kind: 'dial', request: { ...request, number: 'call me' } },
            { kind: 'dial', request: { ...request, number: '1'.repeat(41) } },
            {
                kind: 'dial',
                request: { ...request, record: { recordId: 'x', recordName: 'y', objectType: 'Contact' } }
            },
            JSON.parse('{"__proto__":{"kind":"hello"}}'),
            { kind: 'other' }
        ]) {
            expect(readChannelMessage(bad)).toBeUndefined();
        }
    });

    it('says what each state means for the buttons', () => {
        expect(dialStateText('checking')).toBe(LABELS.dialChecking);
        expect(dialStateText('no-connector')).toBe(LABELS.dialNoConnector);
        expect(dialStateText('disabled')).toBe(LABELS.dialDisabled);
        expect(dialStateText('ready')).toBeUndefined();
    });

    it('lets a dial through only while the connector is connected and has enabled calls, announcing each change once', () => {
        const published: unknown[] = [];
        const dialed: unknown[] = [];
        const host = new DialHost({ publish: (m) => published.push(m), dial: (r) => dialed.push(r) });
        host.hear({ kind: 'hello' });
        host.setEnabled(true);
        host.hear({ kind: 'dial', request });
        expect(dialed).toEqual([]);
        host.setConnected(true);
        host.setConnected(true);
        host.hear({ kind: 'dial', request });
        expect(dialed).toHaveLength(1);
        host.setConnected(false);
        host.hear({ kind: 'dial', request });
        expect(dialed).toHaveLength(1);
        // hello; a refused dial (the page learns why); connected; disconnected; a refused dial.
        expect(published).toEqual([
            { kind: 'state', enabled: false },
            { kind: 'state', enabled: false },
            { kind: 'state', enabled: true },
            { kind: 'state', enabled: false },
            { kind: 'state', enabled: false }
        ]);
    });
});
