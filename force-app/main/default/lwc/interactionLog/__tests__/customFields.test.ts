import { join } from 'node:path';
import {
    applyCustomFields,
    customFieldTarget,
    extractBody,
    KEPT_FIELDS,
    mapInteractionLog,
    type FieldValue,
    type ObjectSchema
} from 'c/interactionLog';
import { customFieldsReply } from 'c/connectorProtocol';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { FIXTURES_DIR, loadFixture } from '@fixtures';

const ADMIN_FIELDS = join(FIXTURES_DIR, 'admin-fields');
const schema = loadObjectSchema(undefined, 'Interaction_Log__c', [ADMIN_FIELDS]);
const packageOnly = loadObjectSchema();
const mappings = loadFieldMappings();

const bodyWith = (customFields: unknown) => ({
    interactionId: 'cf-1',
    interactionData: { establishedTime: '2026-11-20T10:00:00Z', logDetails: { customFields } }
});

function apply(customFields: unknown, into: Record<string, FieldValue> = {}, target: ObjectSchema = schema) {
    const warnings = applyCustomFields(bodyWith(customFields), target, into, {});
    return { fields: into, warnings };
}

describe('custom fields into the log fields', () => {
    it('writes each entry into the field of that API name in any case, typed by the field', () => {
        const { fields, warnings } = apply([
            { logFieldName: 'callback_requested__c', currentValue: 'yes' },
            { logFieldName: 'CUSTOMER_MOOD__C', currentValue: 'Upset' },
            { logFieldName: 'Promised_Amount__c', currentValue: '49.90' },
            { logFieldName: 'follow_up_date__c', currentValue: '2026-11-27' },
            { logFieldName: 'contact_reasons__c', currentValue: ['Billing', 'Refund'] },
            { logFieldName: ' Comments__c ', currentValue: 42 }
        ]);
        expect(fields).toEqual({
            Callback_Requested__c: true,
            Customer_Mood__c: 'Upset',
            Promised_Amount__c: 49.9,
            Follow_Up_Date__c: '2026-11-27',
            Contact_Reasons__c: 'Billing;Refund',
            Comments__c: '42'
        });
        expect(warnings).toEqual([]);
    });

    it('refuses values the field cannot hold, with the field named', () => {
        const { fields, warnings } = apply([
            { logFieldName: 'Callback_Requested__c', currentValue: 'perhaps' },
            { logFieldName: 'Customer_Mood__c', currentValue: 'Furious' },
            { logFieldName: 'Promised_Amount__c', currentValue: 'lots' },
            { logFieldName: 'Follow_Up_Date__c', currentValue: 'next week' }
        ]);
        expect(fields).toEqual({});
        expect(warnings).toHaveLength(4);
        expect(warnings[0]).toMatch(/^Callback_Requested__c: "perhaps" is not true or false \(custom field\)/);
        expect(warnings[1]).toMatch(/^Customer_Mood__c: .*Furious/);
        expect(warnings[2]).toMatch(/^Promised_Amount__c: "lots" is not a number/);
        expect(warnings[3]).toMatch(/^Follow_Up_Date__c: "next week" is not a date/);
    });

    it('truncates text to the field length, saying so', () => {
        const { fields, warnings } = apply([{ logFieldName: 'Subject__c', currentValue: 'x'.repeat(300) }]);
        expect(String(fields.Subject__c).length).toBe(schema.fields.Subject__c.length);
        expect(warnings[0]).toMatch(/^Subject__c: was 300 characters; truncated/);
    });

    it.each([...KEPT_FIELDS].filter((name) => name in schema.fields))(
        'never writes %s, which the package keeps, and says so',
        (name) => {
            const before: Record<string, FieldValue> = { [name]: 'kept' };
            const { fields, warnings } = apply([{ logFieldName: name.toLowerCase(), currentValue: 'forged' }], before);
            expect(fields[name]).toBe('kept');
            expect(warnings).toEqual([`${name}: the package fills this field itself; custom field not written`]);
        }
    );

    it('never writes lookups or formula fields', () => {
        const { fields, warnings } = apply([
            { logFieldName: 'Contact__c', currentValue: '003000000000009AAA' },
            { logFieldName: 'Talk_Time_Seconds__c', currentValue: 1 }
        ]);
        expect(fields).toEqual({});
        expect(warnings).toEqual([
            'Contact__c: the package fills this field itself; custom field not written',
            'Talk_Time_Seconds__c: the package fills this field itself; custom field not written'
        ]);
    });

    it('skips fields the running user cannot set', () => {
        const readOnly: ObjectSchema = {
            ...schema,
            fields: { ...schema.fields, Comments__c: { ...schema.fields.Comments__c, createable: false } }
        };
        const { fields, warnings } = apply([{ logFieldName: 'Comments__c', currentValue: 'hi' }], {}, readOnly);
        expect(fields).toEqual({});
        expect(warnings).toEqual(['Comments__c: you cannot edit this field; custom field not written']);
    });

    it('lists unknown names in one line, ten at most, and counts entries without a name', () => {
        const unknown = Array.from({ length: 12 }, (_, i) => ({ logFieldName: `Nope_${i}__c`, currentValue: 'x' }));
        const { fields, warnings } = apply([
            ...unknown,
            { currentValue: 'no name' },
            { logFieldName: '  ', currentValue: 'blank' },
            'not an object',
            null
        ]);
        expect(fields).toEqual({});
        expect(warnings).toHaveLength(2);
        expect(warnings[0]).toMatch(
            /^Custom_Fields__c: no field named "Nope_0__c", .*"Nope_9__c" and 2 more on Interaction_Log__c/
        );
        expect(warnings[1]).toBe('Custom_Fields__c: 4 entries have no logFieldName; not written');
    });

    it('ignores empty values, and lets a later entry for the same field win', () => {
        const { fields } = apply([
            { logFieldName: 'Customer_Mood__c', currentValue: 'Happy' },
            { logFieldName: 'customer_mood__c', currentValue: 'Neutral' },
            { logFieldName: 'Comments__c', currentValue: '' },
            { logFieldName: 'Subject__c', currentValue: null }
        ]);
        expect(fields).toEqual({ Customer_Mood__c: 'Neutral' });
    });

    it('says so when customFields is not a list, and writes nothing', () => {
        for (const notAList of ['Callback_Requested__c=true', { logFieldName: 'Subject__c', currentValue: 'x' }, 7]) {
            const { fields, warnings } = apply(notAList);
            expect(fields).toEqual({});
            expect(warnings).toEqual(['Custom_Fields__c: customFields is not a list; no custom field was written']);
        }
        expect(apply(undefined).warnings).toEqual([]);
    });

    it('treats __proto__ and other inherited names as unknown, without touching prototypes', () => {
        const entries = JSON.parse(
            '[{"logFieldName":"__proto__","currentValue":{"polluted":true}},{"logFieldName":"constructor","currentValue":"x"},{"__proto__":{"logFieldName":"Subject__c"},"currentValue":"y"}]'
        ) as unknown[];
        const { fields, warnings } = apply(entries);
        expect(Object.keys(fields)).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(warnings[0]).toMatch(/no field named "__proto__", "constructor"/);
        expect(warnings[1]).toBe('Custom_Fields__c: 1 entries have no logFieldName; not written');
    });

    it('handles 500 entries with bounded warnings', () => {
        const entries = Array.from({ length: 500 }, (_, i) =>
            i % 2
                ? { logFieldName: `Unknown_${i}__c`, currentValue: 'x' }
                : { logFieldName: 'Comments__c', currentValue: `c${i}` }
        );
        const { fields, warnings } = apply(entries);
        expect(fields.Comments__c).toBe('c498');
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/and 240 more on/);
    });

    it('lets the agent entry replace a mapped value, or the mapping win when the setting says so', () => {
        const message = loadFixture('messages', 'axp-voice-custom-fields').message;
        const body = extractBody(message);
        const agent = mapInteractionLog(body, mappings, schema, {});
        expect(agent.fields.Disposition_Code__c).toBe('Refund Promised');
        const mapping = mapInteractionLog(body, mappings, schema, { customFieldsWin: false });
        expect(mapping.fields.Disposition_Code__c).toBe('Refund Requested');
        expect(mapping.warnings).toContain(
            'Disposition_Code__c: filled by a mapping record, which wins (setting); custom field not written'
        );
    });

    it('maps the sample end to end: admin fields typed, the kept and unknown ones warned, the key the package made', () => {
        const body = extractBody(loadFixture('messages', 'axp-voice-custom-fields').message);
        const result = mapInteractionLog(body, mappings, schema, { userId: '005000000000001AAA' });
        expect(result.fields).toMatchObject({
            Callback_Requested__c: true,
            Customer_Mood__c: 'Upset',
            Promised_Amount__c: 49.9,
            Follow_Up_Date__c: '2026-11-27',
            Contact_Reasons__c: 'Billing;Refund'
        });
        expect(result.fields.Log_Key__c).not.toContain('forged');
        expect(result.warnings).toEqual([
            'Log_Key__c: the package fills this field itself; custom field not written',
            'Custom_Fields__c: no field named "Loyalty_Tier__c" on Interaction_Log__c; kept in Custom_Fields__c only'
        ]);
        expect(String(result.fields.Custom_Fields__c)).toContain('Loyalty_Tier__c');
        // Without the admin's fields, their names are only warnings.
        const plain = mapInteractionLog(body, mappings, packageOnly, {});
        expect(plain.fields.Callback_Requested__c).toBeUndefined();
        expect(plain.warnings.join('\n')).toMatch(/no field named "callback_requested__c"/);
    });
});

describe('what the connector is offered is what the save writes', () => {
    it('describes exactly the names customFieldTarget accepts, in the case asked for', () => {
        const names = [
            'callback_requested__c',
            'Customer_Mood__c',
            'Log_Key__c',
            'Nope__c',
            '',
            'Contact__c',
            '__proto__'
        ];
        const reply = customFieldsReply({ action: 'requestCustomFieldsValues', voice: names, digital: [] }, schema);
        const offered = Object.keys((JSON.parse(reply.data as string) as { voice: object }).voice);
        expect(offered).toEqual(names.filter((n) => customFieldTarget(schema, n).ok));
        expect(offered).toEqual(['callback_requested__c', 'Customer_Mood__c']);
        for (const name of offered) {
            const fields: Record<string, FieldValue> = {};
            const value = name === 'Customer_Mood__c' ? 'Happy' : 'true';
            applyCustomFields(bodyWith([{ logFieldName: name, currentValue: value }]), schema, fields, {});
            expect(Object.keys(fields)).toHaveLength(1);
        }
    });
});
