import { createElement } from 'lwc';
import InteractionLogDial, { HOST_ANSWER_MS } from 'c/interactionLogDial';
import { getRecord } from 'lightning/uiRecordApi';
import { publish, subscribe, APPLICATION_SCOPE } from 'lightning/messageService';

type Element = HTMLElement & { shadowRoot: ShadowRoot; recordId?: string; objectApiName?: string };
const recordAdapter = getRecord as unknown as { emit(value: unknown): void; error(body?: unknown): void };

const value = (v: unknown) => ({ value: v });
const lead = {
    id: '00Q000000000001AAA',
    fields: {
        Name: value('Sam Lee'),
        Phone: value('+1 312 555 0101'),
        MobilePhone: value(null),
        DoNotCall: value(true)
    }
};
const contact = {
    id: '003000000000001AAA',
    fields: { Name: value('Maria Gonzalez'), Phone: value('+1 415 555 0142'), DoNotCall: value(false) }
};

async function flush(): Promise<void> {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

async function mount(objectApiName: string, record: unknown): Promise<Element> {
    const element = createElement('c-interaction-log-dial', { is: InteractionLogDial }) as Element;
    element.recordId = (record as { id: string }).id;
    element.objectApiName = objectApiName;
    document.body.appendChild(element);
    recordAdapter.emit(record);
    await flush();
    return element;
}

/** The host answering on the channel. */
function hostSays(enabled: boolean): void {
    const call = (subscribe as jest.Mock).mock.calls.find((c) => c[1] === 'Interaction_Log_Click_To_Dial__c');
    call[2]({ kind: 'state', enabled });
}

const $ = (element: Element, id: string) => element.shadowRoot.querySelector<HTMLElement>(`[data-id="${id}"]`);
const callButtons = (element: Element) =>
    [...element.shadowRoot.querySelectorAll('[data-id="call"]')] as (HTMLElement & {
        disabled: boolean;
        title: string;
    })[];
const dials = () =>
    (publish as jest.Mock).mock.calls.map((c) => c[2] as { kind: string }).filter((m) => m.kind === 'dial');

describe('c-interaction-log-dial', () => {
    beforeEach(() => {
        (publish as jest.Mock).mockClear();
        (subscribe as jest.Mock).mockClear();
        jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    });
    afterEach(() => {
        jest.useRealTimers();
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('asks for a host, and says none is there when nobody answers, with a way to ask again', async () => {
        const element = await mount('Contact', contact);
        expect((subscribe as jest.Mock).mock.calls[0][3]).toEqual({ scope: APPLICATION_SCOPE });
        expect((publish as jest.Mock).mock.calls[0][2]).toEqual({ kind: 'hello' });
        expect($(element, 'state')?.textContent?.trim()).toBe('Looking for the CRM Connector…');
        expect(callButtons(element).every((b) => b.disabled)).toBe(true);
        jest.advanceTimersByTime(HOST_ANSWER_MS);
        await flush();
        expect($(element, 'state')?.textContent?.trim()).toBe(
            'Calls need the Avaya CRM Connector in the utility bar. Open it once, then try again.'
        );
        $(element, 'check-again')?.click();
        await flush();
        expect((publish as jest.Mock).mock.calls.filter((c) => c[2].kind === 'hello')).toHaveLength(2);
        hostSays(true);
        await flush();
        expect($(element, 'state')).toBeNull();
        expect(callButtons(element).map((b) => b.disabled)).toEqual([false]);
    });

    it('calls a number with one click once the connector takes calls, and says so', async () => {
        const element = await mount('Contact', contact);
        hostSays(false);
        await flush();
        expect($(element, 'state')?.textContent).toContain('does not take calls from Salesforce right now');
        callButtons(element)[0].click();
        expect(dials()).toEqual([]);
        hostSays(true);
        await flush();
        expect(callButtons(element)[0].title).toBe('Call +1 415 555 0142 (Phone · Maria Gonzalez)');
        callButtons(element)[0].click();
        await flush();
        expect(dials()).toEqual([
            {
                kind: 'dial',
                request: {
                    number: '+1 415 555 0142',
                    record: { recordId: '003000000000001AAA', recordName: 'Maria Gonzalez', objectType: 'Contact' },
                    email: undefined,
                    doNotCall: false,
                    related: []
                }
            }
        ]);
        expect($(element, 'sent')?.textContent).toBe('Calling +1 415 555 0142 with the CRM Connector.');
    });

    it('warns before calling someone marked Do Not Call, and calls only when the agent confirms', async () => {
        const element = await mount('Lead', lead);
        hostSays(true);
        await flush();
        expect(element.shadowRoot.querySelector('lightning-badge')).not.toBeNull();
        callButtons(element)[0].click();
        await flush();
        expect(dials()).toEqual([]);
        expect($(element, 'confirm')?.textContent).toContain('Sam Lee asked not to be called. Call anyway?');
        $(element, 'cancel')?.click();
        await flush();
        expect($(element, 'confirm')).toBeNull();
        callButtons(element)[0].click();
        await flush();
        $(element, 'call-anyway')?.click();
        await flush();
        expect(dials()).toHaveLength(1);
        expect($(element, 'confirm')).toBeNull();
    });

    it('says when a record has no number, and shows why a record could not be read', async () => {
        const element = await mount('Account', { id: '001000000000001AAA', fields: { Name: value('Acme') } });
        expect($(element, 'no-numbers')?.textContent).toBe('This record has no phone number to call.');
        recordAdapter.error({ message: 'You do not have access to this record.' });
        await flush();
        expect($(element, 'error')?.textContent).toContain('You do not have access to this record.');
        expect($(element, 'no-numbers')).toBeNull();
    });
});
