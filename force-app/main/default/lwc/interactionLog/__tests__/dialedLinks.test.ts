import { DIAL_MEMORY_MS, linkDialed, MAX_DIALS, rememberDial, type DialedRecord } from 'c/interactionLog';

const dial = (number: string, at: number, nameId = '003000000000001AAA'): DialedRecord => ({
    number,
    nameId,
    relatedToId: '500000000000001AAA',
    at
});

describe('a call dialed from a record links its log', () => {
    it('links a log whose address holds the dialed number, in any format', () => {
        for (const address of ['+16465550123', '6465550123', '(646) 555-0123', 'tel:+1-646-555-0123']) {
            const fields: Record<string, string> = { Updated_Destination_Address__c: address };
            expect(linkDialed(fields, [dial('+1 (646) 555-0123', 0)])).toBe(true);
            expect(fields).toMatchObject({ Name_Id__c: '003000000000001AAA', Related_To_Id__c: '500000000000001AAA' });
        }
    });

    it('never overrides the links the log has, nor links a different or too short number', () => {
        const own = { Destination_Address__c: '6465550123', Related_To_Id__c: '001000000000001AAA' };
        expect(linkDialed(own, [dial('6465550123', 0)])).toBe(false);
        expect(own).not.toHaveProperty('Name_Id__c');
        expect(linkDialed({ Destination_Address__c: '6465550124' }, [dial('6465550123', 0)])).toBe(false);
        expect(linkDialed({ Destination_Address__c: '0123' }, [dial('6465550123', 0)])).toBe(false);
        expect(linkDialed({ Destination_Address__c: '' }, [dial('', 0)])).toBe(false);
    });

    it('uses the newest dial of a number, and forgets old and surplus dials', () => {
        let dials: DialedRecord[] = [];
        dials = rememberDial(dials, dial('6465550123', 0, '003000000000001AAA'));
        dials = rememberDial(dials, dial('6465550123', 1000, '00Q000000000001AAA'));
        const fields: Record<string, string> = { Caller_Number__c: '6465550123' };
        linkDialed(fields, dials);
        expect(fields.Name_Id__c).toBe('00Q000000000001AAA');
        dials = rememberDial(dials, dial('1', DIAL_MEMORY_MS + 500));
        expect(dials.map((d) => d.at)).toEqual([DIAL_MEMORY_MS + 500, 1000]);
        for (let i = 0; i < MAX_DIALS + 5; i += 1)
            dials = rememberDial(dials, dial(String(i), DIAL_MEMORY_MS + 600 + i));
        expect(dials).toHaveLength(MAX_DIALS);
    });
});
