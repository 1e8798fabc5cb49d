import { createElement } from 'lwc';
import InteractionLogLink, { SEARCH_DELAY_MS } from 'c/interactionLogLink';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import searchCustomers from '@salesforce/apex/InteractionLogRecordController.searchCustomers';
import searchRecords from '@salesforce/apex/InteractionLogRecordController.searchRecords';
import { navigateCalls } from '@jest-mocks/lightning/navigation';
import { CLOSE_ACTION_SCREEN } from '@jest-mocks/lightning/actions';
import { loadObjectInfo } from '@tools/lib/forceApp';

jest.mock('@salesforce/apex/InteractionLogRecordController.searchCustomers', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogRecordController.searchRecords', () => ({ default: jest.fn() }), {
    virtual: true
});

type Element = HTMLElement & { shadowRoot: ShadowRoot; recordId?: string };
const recordAdapter = getRecord as unknown as { emit(value: unknown): void };
const objectInfoAdapter = getObjectInfo as unknown as { emit(value: unknown): void };
const mockSearchCustomers = searchCustomers as unknown as jest.Mock;
const mockSearchRecords = searchRecords as unknown as jest.Mock;
const mockUpdate = updateRecord as unknown as jest.Mock;

const LOG_ID = 'a00000000000001AAA';
const value = (v: unknown) => ({ value: v });
const maria = {
    recordId: '003000000000001AAA',
    recordName: 'Maria Gonzalez',
    objectType: 'Contact',
    phones: ['(415) 555-0142'],
    detail: 'Gonzalez Household'
};
const lead = {
    recordId: '00Q000000000001AAA',
    recordName: 'Maria Gonzales',
    objectType: 'Lead',
    phones: ['+1 415-555-0142'],
    detail: 'Gonzales Imports'
};
const partial = {
    recordId: '003000000000003AAA',
    recordName: 'Ana Souza',
    objectType: 'Contact',
    phones: ['555-0142']
};

async function flush(): Promise<void> {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

async function mount(fields: Record<string, unknown>): Promise<{ element: Element; closed: jest.Mock }> {
    const element = createElement('c-interaction-log-link', { is: InteractionLogLink }) as Element;
    element.recordId = LOG_ID;
    const closed = jest.fn();
    element.addEventListener(CLOSE_ACTION_SCREEN, closed);
    document.body.appendChild(element);
    objectInfoAdapter.emit(loadObjectInfo());
    recordAdapter.emit({
        id: LOG_ID,
        fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, value(v)]))
    });
    await flush();
    return { element, closed };
}

const texts = (element: Element, selector: string) =>
    [...element.shadowRoot.querySelectorAll(selector)].map((e) => e.textContent?.trim());
const $ = (element: Element, id: string) => element.shadowRoot.querySelector<HTMLElement>(`[data-id="${id}"]`);

describe('c-interaction-log-link', () => {
    beforeEach(() => {
        mockSearchCustomers.mockReset().mockResolvedValue([partial, lead, maria]);
        mockSearchRecords.mockReset().mockResolvedValue([]);
        mockUpdate.mockReset().mockResolvedValue({});
        navigateCalls.mockReset();
    });
    afterEach(() => {
        jest.useRealTimers();
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it("offers the records matching the caller, exact ones first, partial ones marked, with screen pop's rules", async () => {
        const { element } = await mount({ Name: 'Call', Caller_Number__c: '+14155550142' });
        expect(mockSearchCustomers).toHaveBeenCalledWith({ phones: ['14155550142'], emails: [] });
        expect(texts(element, '.matches li span')).toEqual([
            'Maria Gonzalez · Contact · Gonzalez Household',
            'Maria Gonzales · Lead · Gonzales Imports',
            'Ana Souza · Contact (partial match)'
        ]);
    });

    it('links the log and its Task to the chosen record, routed by object, and closes', async () => {
        const { element, closed } = await mount({
            Name: 'Call',
            Caller_Number__c: '+14155550142',
            Task_Id__c: '00T000000000001AAA'
        });
        (
            element.shadowRoot.querySelector(`.matches lightning-button[data-id="${lead.recordId}"]`) as HTMLElement
        ).click();
        await flush();
        expect(mockUpdate.mock.calls.map((c) => c[0])).toEqual([
            { fields: { Id: LOG_ID, Lead__c: lead.recordId, Name_Id__c: lead.recordId } },
            { fields: { Id: '00T000000000001AAA', WhoId: lead.recordId } }
        ]);
        expect(closed).toHaveBeenCalled();
    });

    it('searches by name after the agent stops typing, and links a Case as Related To', async () => {
        jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
        const kase = { recordId: '500000000000001AAA', recordName: '00001024', objectType: 'Case', detail: 'Refund' };
        mockSearchRecords.mockResolvedValue([kase]);
        const { element } = await mount({ Name: 'Chat' });
        expect($(element, 'no-address')?.textContent).toBe('This log holds no number or email address to match.');
        const input = element.shadowRoot.querySelector('lightning-input') as HTMLElement & { value: string };
        input.value = '0000';
        input.dispatchEvent(new CustomEvent('change'));
        jest.advanceTimersByTime(SEARCH_DELAY_MS);
        await flush();
        expect(mockSearchRecords).toHaveBeenCalledWith({ term: '0000' });
        (element.shadowRoot.querySelector('.results lightning-button') as HTMLElement).click();
        await flush();
        expect(mockUpdate.mock.calls[0][0]).toEqual({
            fields: { Id: LOG_ID, Case__c: kase.recordId, Related_To_Id__c: kase.recordId }
        });
        mockSearchRecords.mockResolvedValue([]);
        input.value = 'zz';
        input.dispatchEvent(new CustomEvent('change'));
        jest.advanceTimersByTime(SEARCH_DELAY_MS);
        await flush();
        expect($(element, 'no-results')?.textContent).toBe('Nothing found for "zz".');
    });

    it('says why Salesforce refused a link, and stays open', async () => {
        mockUpdate.mockRejectedValue({ body: { message: 'insufficient access rights on object id' } });
        const { element, closed } = await mount({ Name: 'Call', Caller_Number__c: '+14155550142' });
        (
            element.shadowRoot.querySelector(`.matches lightning-button[data-id="${maria.recordId}"]`) as HTMLElement
        ).click();
        await flush();
        expect($(element, 'problem')?.textContent?.trim()).toBe(
            'The log could not be linked: insufficient access rights on object id'
        );
        expect(closed).not.toHaveBeenCalled();
    });

    it('offers a new Contact with the number', async () => {
        mockSearchCustomers.mockResolvedValue([]);
        const { element, closed } = await mount({ Name: 'Call', Caller_Number__c: '+15550000001' });
        expect($(element, 'no-matches')?.textContent).toBe('No Contact, Lead or Account matches +15550000001.');
        const create = element.shadowRoot.querySelector('lightning-button.create') as HTMLElement & { label: string };
        expect(create.label).toBe('New Contact with +15550000001');
        create.click();
        expect(closed).toHaveBeenCalled();
        expect(navigateCalls).toHaveBeenCalledWith(
            expect.objectContaining({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Contact', actionName: 'new' }
            })
        );
    });
});
