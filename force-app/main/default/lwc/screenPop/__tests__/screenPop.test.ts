import {
    customersMatching,
    decideScreenPop,
    describeChoice,
    emailAddress,
    hasSearchTerms,
    MAX_CHOICES,
    newRecordPageReference,
    phoneDigits,
    recordPageReference,
    samePhone,
    screenPopViews,
    callingCodeForCountry,
    callingCodeForLocale,
    comparePhones,
    toE164,
    searchTermsFrom,
    type CustomerRecord
} from 'c/screenPop';
import { loadDirectory, loadFixture } from '@fixtures';

const directory = loadDirectory() as CustomerRecord[];

function aniValuesOf(name: string): string[] {
    return (loadFixture('screen-pop', name).message as { data: { aniValues: string[] } }).data.aniValues;
}

describe('screenPop: search terms', () => {
    it('reads phone numbers in the forms connectors send them', () => {
        expect(phoneDigits('+1 (415) 555-0142')).toBe('14155550142');
        expect(phoneDigits('tel:+14155550142')).toBe('14155550142');
        expect(phoneDigits('sip:+14155550142@pbx.example.com;user=phone')).toBe('14155550142');
        expect(phoneDigits('4107')).toBe('4107');
        expect(phoneDigits('12')).toBeUndefined();
        expect(phoneDigits('1234567890123456')).toBeUndefined();
        expect(phoneDigits('call me maybe 555')).toBeUndefined();
    });

    it('reads email addresses, lower case', () => {
        expect(emailAddress('Liam.Chen@Example.com')).toBe('liam.chen@example.com');
        expect(emailAddress('mailto:ana@example.org')).toBe('ana@example.org');
        expect(emailAddress('not an email@')).toBeUndefined();
        expect(emailAddress('a"b@example.com')).toBeUndefined();
    });

    it('keeps each address once and remembers the first as sent for a new record', () => {
        const terms = searchTermsFrom(['+1 415 555 0142', '14155550142', 'Maria@Example.com', 'web-visitor']);
        expect(terms.phones).toEqual(['14155550142']);
        expect(terms.emails).toEqual(['maria@example.com']);
        expect(terms.phoneAsSent).toBe('+1 415 555 0142');
        expect(terms.emailAsSent).toBe('Maria@Example.com');
        expect(terms.display).toBe('+1 415 555 0142');
        expect(hasSearchTerms(terms)).toBe(true);
        expect(hasSearchTerms(searchTermsFrom(['web-visitor']))).toBe(false);
    });
});

describe('screenPop: matching', () => {
    it('compares long numbers by their national digits and extensions exactly', () => {
        expect(samePhone('14155550142', '(415) 555-0142')).toBe(true);
        expect(samePhone('+44 20 7946 0958', '020 7946 0958', '44')).toBe(true);
        expect(samePhone('14155550142', '(415) 555-0143')).toBe(false);
        expect(samePhone('4107', '4107')).toBe(true);
        expect(samePhone('4107', '(415) 555-4107')).toBe(false);
        expect(samePhone('', '')).toBe(false);
    });

    it('drops what the loose search returned but does not match', () => {
        const loose: CustomerRecord = {
            recordId: '003000000000009AAA',
            recordName: 'Someone Else',
            objectType: 'Contact',
            phones: ['(415) 555-9999']
        };
        const terms = searchTermsFrom(['+14155550142']);
        expect(customersMatching([...directory, loose], terms).map((r) => r.recordName)).toEqual([
            'Maria Gonzalez',
            'Maria Gonzales'
        ]);
    });

    it('does not offer the Account of a matching Contact as a second customer', () => {
        const terms = searchTermsFrom(['(415) 555-0142']);
        const matches = customersMatching(directory, terms);
        expect(matches.map((r) => r.objectType)).toEqual(['Contact', 'Lead']);
        // Without the Contact, the Account is the customer.
        const withoutContact = directory.filter((r) => r.objectType !== 'Contact');
        expect(customersMatching(withoutContact, terms).map((r) => r.recordName)).toEqual([
            'Maria Gonzales',
            'Gonzalez Household'
        ]);
    });

    it('survives records without addresses, duplicates and junk from the server', () => {
        const junk = [null, { recordId: 42 }, directory[0], directory[0]] as unknown as CustomerRecord[];
        expect(customersMatching(junk, searchTermsFrom(['+14155550142']))).toHaveLength(1);
    });
});

describe('screenPop: numbers from other countries and numbers without an area code', () => {
    it("never opens a customer whose number only ends like the caller's, and marks it as a partial match", () => {
        const german = decideScreenPop(directory, searchTermsFrom(['+49 3125 550187']));
        expect(german.kind).toBe('choose');
        const offered = (german as { records: (CustomerRecord & { partial?: boolean })[] }).records;
        expect(offered.map((r) => [r.recordName, r.partial])).toEqual([['Ana Souza', true]]);
        const view = screenPopViews.decided(german, searchTermsFrom(['+49 3125 550187']));
        expect(view.choices?.[0].label).toBe('Ana Souza · Contact · Souza Consulting (partial match)');
        expect(view.create?.defaults).toEqual({ Phone: '+49 3125 550187' });
    });

    it('does not open a customer for a number without its area code', () => {
        const local = decideScreenPop(directory, searchTermsFrom(['555-0123']));
        expect(local.kind).toBe('choose');
        expect((local as { records: (CustomerRecord & { partial?: boolean })[] }).records).toEqual([
            expect.objectContaining({ recordName: 'Dev Patel', partial: true })
        ]);
    });

    it('reads national numbers with the default country, and compares numbers with a country code exactly', () => {
        expect(comparePhones('+44 20 7946 0958', '020 7946 0958', '44')).toBe('exact');
        expect(comparePhones('+44 20 7946 0958', '020 7946 0958', '1')).toBe('partial');
        expect(comparePhones('+4930 1234567', '+49 30 1234567', '1')).toBe('exact');
        expect(comparePhones('+49 3125 550187', '(312) 555-0187', '1')).toBe('partial');
        expect(comparePhones('0049 30 1234567', '+49 30 1234567', '44')).toBe('exact');
        expect(comparePhones('011 49 30 1234567', '+49 30 1234567', '1')).toBe('exact');
        expect(comparePhones('06 1234 5678', '+39 06 1234 5678', '39')).toBe('exact');
        expect(comparePhones('4107', '4107', '1')).toBe('exact');
        expect(comparePhones('4107', '(415) 555-4107', '1')).toBe('none');
        expect(comparePhones('+1 415 555 0142', '+1 415 555 0143', '1')).toBe('none');
        expect(toE164('(415) 555-0142', '1')).toBe('+14155550142');
        expect(toE164('555-0142', '1')).toBeUndefined();
        expect(callingCodeForCountry('de')).toBe('49');
        expect(callingCodeForLocale('en_GB')).toBe('44');
        expect(callingCodeForLocale('de-DE')).toBe('49');
        expect(callingCodeForLocale('xx')).toBeUndefined();
    });

    it('opens the customer when the default country makes a national number exact', () => {
        const london: CustomerRecord = {
            recordId: '003000000000077AAA',
            recordName: 'Oliver Hughes',
            objectType: 'Contact',
            phones: ['020 7946 0958']
        };
        expect(decideScreenPop([london], searchTermsFrom(['+442079460958'], '44')).kind).toBe('open');
        expect(decideScreenPop([london], searchTermsFrom(['+442079460958'], '1')).kind).toBe('choose');
    });
});

describe('screenPop: decision for the samples', () => {
    it('opens the one customer with a known number', () => {
        const decision = decideScreenPop(directory, searchTermsFrom(aniValuesOf('known-number')));
        expect(decision).toMatchObject({ kind: 'open', record: { recordId: '003000000000003AAA' } });
    });

    it('offers a choice for an ambiguous number, people first', () => {
        const decision = decideScreenPop(directory, searchTermsFrom(aniValuesOf('ambiguous-number')));
        expect(decision.kind).toBe('choose');
        const records = (decision as { records: CustomerRecord[] }).records;
        expect(records.map(describeChoice)).toEqual([
            'Maria Gonzalez · Contact · Gonzalez Household',
            'Maria Gonzales · Lead · Gonzales Imports'
        ]);
    });

    it('offers a new Contact with the number for an unknown number', () => {
        expect(decideScreenPop(directory, searchTermsFrom(aniValuesOf('unknown-number')))).toEqual({
            kind: 'create',
            objectApiName: 'Contact',
            defaults: { Phone: '+15550000001' }
        });
    });

    it('finds a digital customer by email, and offers a new Contact with the address when unknown', () => {
        expect(decideScreenPop(directory, searchTermsFrom(aniValuesOf('known-email')))).toMatchObject({
            kind: 'open',
            record: { recordName: 'Liam Chen', objectType: 'Lead' }
        });
        expect(decideScreenPop(directory, searchTermsFrom(['new.person@example.com']))).toEqual({
            kind: 'create',
            objectApiName: 'Contact',
            defaults: { Email: 'new.person@example.com' }
        });
    });

    it('caps the choice list', () => {
        const many: CustomerRecord[] = Array.from({ length: 25 }, (_, i) => ({
            recordId: `003000000000${String(100 + i)}AAA`,
            recordName: `Person ${String(i).padStart(2, '0')}`,
            objectType: 'Contact',
            phones: ['+1 415 555 0142']
        }));
        const decision = decideScreenPop(many, searchTermsFrom(['4155550142']));
        expect((decision as { records: CustomerRecord[] }).records).toHaveLength(MAX_CHOICES);
    });
});

describe('screenPop: what the agent reads', () => {
    const terms = searchTermsFrom(['+14155550142']);

    it('says what happened in each case, with the address as sent', () => {
        const open = screenPopViews.decided(
            decideScreenPop(directory, searchTermsFrom(aniValuesOf('known-number'))),
            searchTermsFrom(aniValuesOf('known-number'))
        );
        expect(open).toEqual({
            title: 'Opened Ana Souza',
            message: 'Opened Ana Souza · Contact · Souza Consulting for +13125550187.',
            openedRecordId: '003000000000003AAA'
        });
        const choose = screenPopViews.decided(decideScreenPop(directory, terms), terms);
        expect(choose.title).toBe('2 records match +14155550142');
        expect(choose.choices?.map((c) => [c.recordId, c.objectType, c.title])).toEqual([
            ['003000000000001AAA', 'Contact', 'Open Maria Gonzalez · Contact · Gonzalez Household'],
            ['00Q000000000001AAA', 'Lead', 'Open Maria Gonzales · Lead · Gonzales Imports']
        ]);
        const create = screenPopViews.decided(decideScreenPop([], terms), terms);
        expect(create.create).toEqual({
            objectApiName: 'Contact',
            defaults: { Phone: '+14155550142' },
            label: 'New Contact with +14155550142'
        });
        expect(screenPopViews.failed(terms, 'Insufficient privileges').message).toBe(
            'Could not look for the customer at +14155550142 (Insufficient privileges). Search Salesforce for them.'
        );
        expect(screenPopViews.unusable(searchTermsFrom(['web-visitor'])).message).toBe(
            'The connector asked to find the customer at "web-visitor", which is not a phone number or an email address.'
        );
    });
});

describe('screenPop: page references', () => {
    it('builds record and new-record page references', () => {
        expect(recordPageReference('003000000000001AAA', 'Contact')).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '003000000000001AAA', actionName: 'view', objectApiName: 'Contact' }
        });
        expect(newRecordPageReference('Contact', 'Phone=%2B15550000001')).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Contact', actionName: 'new' },
            state: { defaultFieldValues: 'Phone=%2B15550000001' }
        });
        expect(newRecordPageReference('Contact').state).toBeUndefined();
    });
});
