import {
    contextKey,
    contextRecordIds,
    MAX_CONTEXT_RECORDS,
    DescribedRecords,
    recordIdFromPageReference,
    recordIdsFromTabs
} from 'c/recordContext';
import { recordContextFor, recordContextMessage } from 'c/connectorProtocol';
import { loadDirectory } from '@fixtures';

const CONTACT = '003000000000001AAA';
const CASE = '500000000000001AAA';
const ACCOUNT = '001000000000001AAA';

describe('recordContext: which records', () => {
    it('reads the record of a record page, and nothing from other pages', () => {
        expect(
            recordIdFromPageReference({ type: 'standard__recordPage', attributes: { recordId: '003000000000001' } })
        ).toBe(CONTACT);
        expect(recordIdFromPageReference({ type: 'standard__objectPage', attributes: {} })).toBeUndefined();
        expect(recordIdFromPageReference({ type: 'standard__recordPage', attributes: { recordId: 'x' } })).toBe(
            undefined
        );
        expect(recordIdFromPageReference(undefined)).toBeUndefined();
    });

    it('puts the focused console subtab first, then its workspace, then the other tabs', () => {
        const tabs = [
            { tabId: 't1', recordId: ACCOUNT, subtabs: [] },
            {
                tabId: 't2',
                recordId: CASE,
                subtabs: [
                    { tabId: 't2a', recordId: CONTACT },
                    { tabId: 't2b', recordId: null }
                ]
            }
        ];
        expect(recordIdsFromTabs(tabs, 't2a')).toEqual([CONTACT, CASE, ACCOUNT]);
        expect(recordIdsFromTabs(tabs, 't1')).toEqual([ACCOUNT, CASE, CONTACT]);
        // Without a focused tab id, the tab marked focused leads.
        expect(
            recordIdsFromTabs([
                { tabId: 'a', recordId: ACCOUNT },
                { tabId: 'b', recordId: CASE, focused: true }
            ])
        ).toEqual([CASE, ACCOUNT]);
        expect(recordIdsFromTabs(null)).toEqual([]);
    });

    it('caps the number of records', () => {
        const tabs = Array.from({ length: 30 }, (_, i) => ({
            tabId: `t${i}`,
            recordId: `003000000000${String(100 + i)}AAA`
        }));
        expect(recordIdsFromTabs(tabs)).toHaveLength(MAX_CONTEXT_RECORDS);
    });

    it('prefers console tabs, then the page reference, then the record page', () => {
        const page = { type: 'standard__recordPage', attributes: { recordId: CASE } };
        expect(contextRecordIds({ consoleRecordIds: [CONTACT], pageReference: page, pageRecordId: ACCOUNT })).toEqual([
            CONTACT
        ]);
        expect(contextRecordIds({ consoleRecordIds: [], pageReference: page, pageRecordId: ACCOUNT })).toEqual([CASE]);
        expect(contextRecordIds({ pageReference: { type: 'standard__namedPage' }, pageRecordId: ACCOUNT })).toEqual([
            ACCOUNT
        ]);
        expect(contextRecordIds({})).toEqual([]);
    });
});

describe('recordContext: records described once', () => {
    it('asks only for records it has not described, and remembers the ones the agent cannot see', () => {
        const records = new DescribedRecords();
        expect(records.unknown([CONTACT, CASE])).toEqual([CONTACT, CASE]);
        records.learn(
            [CONTACT, CASE],
            [{ recordId: '003000000000001', recordName: 'Maria Gonzalez', objectType: 'Contact' }, { bogus: true }]
        );
        expect(records.unknown([CONTACT, CASE, ACCOUNT])).toEqual([ACCOUNT]);
        expect(records.summaries([CASE, CONTACT])).toEqual([
            { recordId: CONTACT, recordName: 'Maria Gonzalez', objectType: 'Contact' }
        ]);
        records.learn([ACCOUNT], 'not a list');
        expect(records.unknown([ACCOUNT])).toEqual([]);
        expect(records.summaries([ACCOUNT])).toEqual([]);
    });
});

describe('recordContext: the records a record belongs to', () => {
    it('follows each record with its Account, and a Case with its Contact, each once', () => {
        const records = new DescribedRecords();
        records.learn(
            [CASE, ACCOUNT],
            [
                { recordId: CASE, recordName: '00001024', objectType: 'Case', relatedIds: [CONTACT, ACCOUNT] },
                { recordId: ACCOUNT, recordName: 'Gonzalez Household', objectType: 'Account', relatedIds: [] },
                { recordId: CONTACT, recordName: 'Maria Gonzalez', objectType: 'Contact' }
            ]
        );
        expect(records.summaries([CASE]).map((r) => r.recordName)).toEqual([
            '00001024',
            'Maria Gonzalez',
            'Gonzalez Household'
        ]);
        expect(records.summaries([ACCOUNT, CASE]).map((r) => r.recordName)).toEqual([
            'Gonzalez Household',
            '00001024',
            'Maria Gonzalez'
        ]);
        const context = recordContextFor(records.summaries([CASE]));
        expect(context.pageInfo?.recordName).toBe('00001024');
        expect(context.nameObjects?.map((o) => o.pageInfo.recordName)).toEqual(['Maria Gonzalez']);
        expect(context.relatedToObjects?.map((o) => o.pageInfo.recordName)).toEqual(['00001024', 'Gonzalez Household']);
        // What is sent is the record, never the relations.
        expect(Object.keys(records.summaries([CASE])[0]).sort()).toEqual(['objectType', 'recordId', 'recordName']);
    });

    it('describes a record met as a relation in its own right when it is opened', () => {
        const records = new DescribedRecords();
        records.learn(
            [CASE],
            [
                { recordId: CASE, recordName: '00001024', objectType: 'Case', relatedIds: [CONTACT] },
                { recordId: CONTACT, recordName: 'Maria Gonzalez', objectType: 'Contact' }
            ]
        );
        expect(records.unknown([CONTACT, CASE])).toEqual([CONTACT]);
        records.learn(
            [CONTACT],
            [
                { recordId: CONTACT, recordName: 'Maria Gonzalez', objectType: 'Contact', relatedIds: [ACCOUNT] },
                { recordId: ACCOUNT, recordName: 'Gonzalez Household', objectType: 'Account' }
            ]
        );
        expect(records.summaries([CONTACT, CASE]).map((r) => r.recordName)).toEqual([
            'Maria Gonzalez',
            'Gonzalez Household',
            '00001024'
        ]);
    });

    it('leaves out related records the agent cannot see, and bad related ids', () => {
        const records = new DescribedRecords();
        records.learn(
            [CONTACT],
            [
                {
                    recordId: CONTACT,
                    recordName: 'Maria Gonzalez',
                    objectType: 'Contact',
                    relatedIds: [ACCOUNT, 'nonsense', 7]
                }
            ]
        );
        expect(records.summaries([CONTACT]).map((r) => r.recordName)).toEqual(['Maria Gonzalez']);
    });
});

describe('recordContext: the message to the connector', () => {
    const directory = loadDirectory();
    const known = new DescribedRecords();
    known.learn(
        directory.map((r) => r.recordId),
        directory
    );
    const orderedSummaries = (ids: string[], from: DescribedRecords) => from.summaries(ids);

    it('offers Contacts and Leads as Name, everything else as Related To, focused first', () => {
        const records = orderedSummaries([CASE, CONTACT, '003000000000099AAA', ACCOUNT], known);
        const context = recordContextFor(records);
        expect(context.pageInfo).toEqual({
            recordId: CASE,
            recordName: '00001024',
            objectType: 'Case',
            url: `/lightning/r/Case/${CASE}/view`
        });
        expect(context.nameObjects).toEqual([
            {
                isName: true,
                isRelatedTo: false,
                pageInfo: {
                    recordId: CONTACT,
                    recordName: 'Maria Gonzalez',
                    objectType: 'Contact',
                    url: `/lightning/r/Contact/${CONTACT}/view`
                }
            }
        ]);
        expect(context.relatedToObjects?.map((o) => [o.pageInfo.recordName, o.isName, o.isRelatedTo])).toEqual([
            ['00001024', false, true],
            ['Gonzalez Household', false, true]
        ]);
        expect(recordContextMessage(context)).toEqual({
            type: 'ClientAppMessage',
            action: 'crmPageInfo',
            data: context
        });
    });

    it('says "no records" with nulls, as the vendor sample does', () => {
        expect(recordContextFor([])).toEqual({ nameObjects: null, relatedToObjects: null, pageInfo: null });
    });

    it('changes its key only when the records or their names change', () => {
        const a = orderedSummaries([CONTACT, CASE], known);
        expect(contextKey(a)).toBe(contextKey(orderedSummaries([CONTACT, CASE], known)));
        expect(contextKey(a)).not.toBe(contextKey(orderedSummaries([CASE, CONTACT], known)));
        expect(contextKey(a)).not.toBe(contextKey([{ ...a[0], recordName: 'Maria G.' }, a[1]]));
    });
});
