import { LINK_MEMORY_MS, linkByNumber, MAX_LINKS, rememberLink, type NumberLink } from 'c/interactionLog';

const link = (number: string, at: number, nameId = '003000000000001AAA'): NumberLink => ({
    number,
    nameId,
    relatedToId: '500000000000001AAA',
    callingCode: '1',
    at
});

describe('a number tied to a record links its log', () => {
    it('links a log whose address holds the dialed number, in any format', () => {
        for (const address of ['+16465550123', '6465550123', '(646) 555-0123', 'tel:+1-646-555-0123']) {
            const fields: Record<string, string> = { Updated_Destination_Address__c: address };
            expect(linkByNumber(fields, [link('+1 (646) 555-0123', 0)])).toBe(true);
            expect(fields).toMatchObject({ Name_Id__c: '003000000000001AAA', Related_To_Id__c: '500000000000001AAA' });
        }
    });

    it('never overrides the links the log has, nor links a different or too short number', () => {
        const own = { Destination_Address__c: '6465550123', Related_To_Id__c: '001000000000001AAA' };
        expect(linkByNumber(own, [link('6465550123', 0)])).toBe(false);
        expect(own).not.toHaveProperty('Name_Id__c');
        expect(linkByNumber({ Destination_Address__c: '6465550124' }, [link('6465550123', 0)])).toBe(false);
        expect(linkByNumber({ Destination_Address__c: '0123' }, [link('6465550123', 0)])).toBe(false);
        expect(linkByNumber({ Destination_Address__c: '' }, [link('', 0)])).toBe(false);
    });

    it('uses the newest dial of a number, and forgets old and surplus links', () => {
        let links: NumberLink[] = [];
        links = rememberLink(links, link('6465550123', 0, '003000000000001AAA'));
        links = rememberLink(links, link('6465550123', 1000, '00Q000000000001AAA'));
        const fields: Record<string, string> = { Caller_Number__c: '6465550123' };
        linkByNumber(fields, links);
        expect(fields.Name_Id__c).toBe('00Q000000000001AAA');
        links = rememberLink(links, link('1', LINK_MEMORY_MS + 500));
        expect(links.map((d) => d.at)).toEqual([LINK_MEMORY_MS + 500, 1000]);
        for (let i = 0; i < MAX_LINKS + 5; i += 1)
            links = rememberLink(links, link(String(i), LINK_MEMORY_MS + 600 + i));
        expect(links).toHaveLength(MAX_LINKS);
    });
});
