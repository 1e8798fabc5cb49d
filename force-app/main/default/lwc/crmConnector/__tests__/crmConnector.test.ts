import { createElement } from 'lwc';
import CrmConnector from 'c/crmConnector';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import getConfiguration from '@salesforce/apex/InteractionLogConfigController.getConfiguration';
import findRecordIdByLogKey from '@salesforce/apex/InteractionLogSaveController.findRecordIdByLogKey';
import USER_ID from '@salesforce/user/Id';
import searchCustomers from '@salesforce/apex/InteractionLogRecordController.searchCustomers';
import describeRecords from '@salesforce/apex/InteractionLogRecordController.describeRecords';
import getDirectory from '@salesforce/apex/InteractionLogDirectoryController.getDirectory';
import countMyLogsWithoutCustomer from '@salesforce/apex/InteractionLogLinkController.countMyLogsWithoutCustomer';
import contactsCreatedSince from '@salesforce/apex/InteractionLogLinkController.contactsCreatedSince';
import { CurrentPageReference } from 'lightning/navigation';
import { navigateCalls as mockNavigate } from '@jest-mocks/lightning/navigation';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { IsConsoleNavigation, getAllTabInfo, getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import { MessageContext, publish, subscribe, APPLICATION_SCOPE } from 'lightning/messageService';
import { EnclosingUtilityId, open as openUtility } from 'lightning/platformUtilityBarApi';
import {
    extractBody,
    LogOutbox,
    mapInteractionLog,
    schemaFromObjectInfo,
    toFieldMappings,
    webStorage,
    type UiApiObjectInfo
} from 'c/interactionLog';
import { type Configuration } from 'c/interactionLogSettings';
import { NOTIFY_INTERVAL_MS } from 'c/interactionLog';
import { loadConfiguration, loadObjectInfo } from '@tools/lib/forceApp';
import { ADMIN_FIELDS_DIR, loadDirectory, loadFixture } from '@fixtures';

jest.mock('@salesforce/apex/InteractionLogConfigController.getConfiguration', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/InteractionLogOutboxKey.getOutboxKey',
    () => ({ default: jest.fn(async () => Buffer.alloc(32, 3).toString('base64')) }),
    { virtual: true }
);
jest.mock('@salesforce/apex/InteractionLogSaveController.findRecordIdByLogKey', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogRecordController.searchCustomers', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogRecordController.describeRecords', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogDirectoryController.getDirectory', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogLinkController.countMyLogsWithoutCustomer', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogLinkController.contactsCreatedSince', () => ({ default: jest.fn() }), {
    virtual: true
});

const ORIGIN = 'https://connector.example.com';
const mockGetConfiguration = getConfiguration as unknown as jest.Mock;
const mockFindLogIdByKey = findRecordIdByLogKey as unknown as jest.Mock;
const mockCreateRecord = createRecord as unknown as jest.Mock;
const mockUpdateRecord = updateRecord as unknown as jest.Mock;
const objectInfoAdapter = getObjectInfo as unknown as { emit(value: unknown): void };
const objectInfo = loadObjectInfo(undefined, undefined, [ADMIN_FIELDS_DIR]) as unknown as UiApiObjectInfo;

type Element = HTMLElement & { shadowRoot: ShadowRoot };

function configuration(overrides: Record<string, unknown> = {}): Configuration {
    const config = loadConfiguration() as Configuration;
    config.settings = [
        ...(config.settings ?? []),
        {
            developerName: 'Contact_Center',
            layer: 'Org_Override',
            active: true,
            connectorUrl: `${ORIGIN}/agent/`,
            allowedOrigins: null,
            storeRawPayload: true,
            createTask: false,
            toastBehavior: 'Problems_Only',
            callCenterSettings: '{"LogOptions":{"callLogEnabled":true,"interactionHistorySize":20}}',
            ...overrides
        }
    ];
    return config;
}

/** The real setTimeout, kept before any test fakes timers: Web Crypto (the outbox's seal) answers on the event loop. */
const realSetTimeout = setTimeout;

async function turns(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
        await Promise.resolve();
        // Lets Web Crypto answer.
        if (i % 5 === 4) await new Promise((resolve) => realSetTimeout(resolve, 0));
    }
}

/** Lets the page settle: promises, Web Crypto, and the outbox's next notice (at most one per NOTIFY_INTERVAL_MS). */
async function flush(count = 30): Promise<void> {
    await turns(count);
    await new Promise((resolve) => realSetTimeout(resolve, NOTIFY_INTERVAL_MS));
    await turns(10);
}

async function mount(config: Configuration = configuration()): Promise<Element> {
    mockGetConfiguration.mockResolvedValue(config);
    const element = createElement('c-crm-connector', { is: CrmConnector }) as Element;
    document.body.appendChild(element);
    await flush();
    objectInfoAdapter.emit(objectInfo);
    await flush();
    return element;
}

/** Every element matching the selector in the component and in its children's shadow trees. */
function findAll(element: Element, selector: string): HTMLElement[] {
    const found: HTMLElement[] = [];
    const walk = (root: ShadowRoot) => {
        found.push(...root.querySelectorAll<HTMLElement>(selector));
        root.querySelectorAll('*').forEach((child) => {
            if (child.shadowRoot && child.tagName.startsWith('C-')) walk(child.shadowRoot);
        });
    };
    walk(element.shadowRoot);
    return found;
}

function find(element: Element, selector: string): HTMLElement | null {
    return findAll(element, selector)[0] ?? null;
}

function frameOf(element: Element): HTMLIFrameElement {
    return find(element, 'iframe') as HTMLIFrameElement;
}

function post(element: Element, data: unknown, from: { origin?: string; source?: Window | null } = {}): void {
    const source = from.source === undefined ? frameOf(element).contentWindow : from.source;
    window.dispatchEvent(new MessageEvent('message', { data, origin: from.origin ?? ORIGIN, source }));
}

/** What the status strip's queue button says ("1 pending, 1 needs attention, 2 refused"), or '' when hidden. */
function queueLabel(element: Element): string {
    const button = find(element, '.queue-toggle') as (HTMLElement & { label: string }) | null;
    return button?.label ?? '';
}

function badge(element: Element): string {
    return (find(element, 'lightning-badge') as HTMLElement & { label: string }).label;
}

const voiceMessage = loadFixture('messages', 'axp-voice-inbound').message as {
    data: {
        header: unknown;
        message: { body: { interactionId: string; interactionData: { logDetails: { subject: string } } } };
    };
};
const voiceSubject = voiceMessage.data.message.body.interactionData.logDetails.subject;

function recordError(errors: { errorCode: string; message: string }[]) {
    return {
        status: 400,
        ok: false,
        body: { message: errors[0].message, enhancedErrorType: 'RecordError', output: { errors, fieldErrors: {} } }
    };
}

describe('c-crm-connector', () => {
    let toasts: { title: string; message: string; variant: string }[];
    const onToast = (event: Event) => toasts.push((event as CustomEvent).detail);

    beforeEach(() => {
        toasts = [];
        localStorage.clear();
        mockCreateRecord.mockReset();
        mockUpdateRecord.mockReset();
        mockFindLogIdByKey.mockReset();
        mockGetConfiguration.mockReset();
        mockCreateRecord.mockResolvedValue({ id: 'a00000000000001AAA' });
        mockUpdateRecord.mockImplementation(async (input: { fields: { Id: string } }) => ({ id: input.fields.Id }));
        document.addEventListener('lightning__showtoast', onToast);
    });

    afterEach(() => {
        document.removeEventListener('lightning__showtoast', onToast);
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.restoreAllMocks();
    });

    it('reads the configuration again when the agent comes back after five minutes, and tells admins when', async () => {
        const now = jest.spyOn(Date, 'now');
        now.mockReturnValue(Date.parse('2026-11-25T10:00:00Z'));
        const element = await mount();
        expect(mockGetConfiguration).toHaveBeenCalledTimes(1);
        expect(find(element, '.configuration-loaded')?.getAttribute('title')).toMatch(/^Configuration loaded at /);
        window.dispatchEvent(new Event('focus'));
        await flush();
        expect(mockGetConfiguration).toHaveBeenCalledTimes(1);
        now.mockReturnValue(Date.parse('2026-11-25T10:05:00Z'));
        window.dispatchEvent(new Event('focus'));
        await flush();
        expect(mockGetConfiguration).toHaveBeenCalledTimes(2);
    });

    it('hosts the connector in a frame that may use camera and microphone, and cannot navigate Salesforce away', async () => {
        const element = await mount();
        const frame = frameOf(element);
        expect(frame.getAttribute('src')).toBe(`${ORIGIN}/agent/`);
        expect(frame.getAttribute('allow')).toBe('camera; microphone');
        const sandbox = (frame.getAttribute('sandbox') ?? '').split(' ');
        expect(sandbox).toEqual(expect.arrayContaining(['allow-scripts', 'allow-same-origin', 'allow-forms']));
        expect(sandbox.filter((token) => token.startsWith('allow-top-navigation'))).toEqual([]);
        expect(frame.getAttribute('title')).toBe('Avaya CRM Connector');
        expect(badge(element)).toBe('Waiting for the connector');
        expect(find(element, '.host')?.getAttribute('style')).toBe('height: 600px;');
    });

    it('tells an admin exactly what to configure when there is no connector address', async () => {
        const element = await mount(loadConfiguration() as Configuration);
        expect(frameOf(element)).toBeNull();
        expect(badge(element)).toBe('Not configured');
        const text = find(element, '.setup')?.textContent ?? '';
        expect(text).toContain('The CRM Connector address is not configured.');
        expect(text).toContain('Org override');
        expect(text).toContain('frame-src');
        expect(text).toContain('camera and microphone');
        expect(find(element, '.setup')?.getAttribute('role')).toBe('alert');
    });

    it('explains a configuration that cannot be read', async () => {
        mockGetConfiguration.mockRejectedValue({
            body: { message: 'You do not have access to the Apex class named InteractionLogConfigController' }
        });
        const element = createElement('c-crm-connector', { is: CrmConnector }) as Element;
        document.body.appendChild(element);
        await flush();
        const text = find(element, '.setup')?.textContent ?? '';
        expect(text).toContain('You do not have access to the Apex class');
        expect(text).toContain('Interaction Log Agent permission set');
    });

    it('waits for Salesforce when the configuration cannot be loaded, and loads it when back online', async () => {
        mockGetConfiguration.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(configuration());
        const element = createElement('c-crm-connector', { is: CrmConnector }) as Element;
        document.body.appendChild(element);
        await flush();
        const setup = find(element, '.setup')?.textContent ?? '';
        expect(setup).toContain('Waiting for Salesforce');
        expect(setup).not.toContain('An admin needs to');
        window.dispatchEvent(new Event('online'));
        await flush();
        objectInfoAdapter.emit(objectInfo);
        await flush();
        expect(frameOf(element)).not.toBeNull();
        expect(mockGetConfiguration).toHaveBeenCalledTimes(2);
    });

    it('answers the handshake, only to the frame and only with the connector origin', async () => {
        const element = await mount();
        const target = frameOf(element).contentWindow as Window;
        const spy = jest.spyOn(target, 'postMessage').mockImplementation(() => undefined);
        post(element, { type: 'CRMConnectMessage', action: 'ready' });
        post(element, { type: 'CRMConnectMessage', action: 'ready' });
        await flush();
        expect(spy).toHaveBeenCalledWith({ type: 'ClientAppMessage', action: 'ready', data: {} }, ORIGIN);
        expect(spy).toHaveBeenCalledTimes(2);
        expect(badge(element)).toBe('Connecting');
        post(element, { type: 'CRMConnectMessage', action: 'requestCrmData' });
        await flush();
        const [reply, origin] = spy.mock.calls[2];
        expect(origin).toBe(ORIGIN);
        expect(reply).toMatchObject({
            type: 'ClientAppMessage',
            action: 'crmData',
            data: {
                callCenterSettings: { LogOptions: { callLogEnabled: true, interactionHistorySize: 20 } },
                currentUser: { attributes: { type: 'User' }, Id: USER_ID },
                capabilities: { directoryAvailable: true, lightningComponentsAvailable: true }
            }
        });
        expect(badge(element)).toBe('Connected');
        expect(spy.mock.calls.every((call) => (call as unknown[])[1] === ORIGIN)).toBe(true);
    });

    it('saves a log as exactly one record with the mapped fields, and tells the connector', async () => {
        const element = await mount();
        const spy = jest
            .spyOn(frameOf(element).contentWindow as Window, 'postMessage')
            .mockImplementation(() => undefined);
        post(element, voiceMessage);
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(1);
        const expected = mapInteractionLog(
            extractBody(voiceMessage),
            toFieldMappings(configuration().mappings),
            schemaFromObjectInfo(objectInfo, configuration()),
            { userId: USER_ID, storeRawPayload: true }
        );
        expect(mockCreateRecord.mock.calls[0][0]).toEqual({ apiName: 'Interaction_Log__c', fields: expected.fields });
        const history = spy.mock.calls.find(([m]) => (m as { action: string }).action === 'createHistoryItem');
        expect(history?.[0]).toMatchObject({
            data: { taskId: 'a00000000000001AAA', data: { header: voiceMessage.data.header } }
        });
        expect(history?.[1]).toBe(ORIGIN);
        const link = find(element, '.last-saved-link') as HTMLAnchorElement;
        expect(link.textContent).toBe(voiceSubject);
        expect(link.getAttribute('href')).toBe('/lightning/r/Interaction_Log__c/a00000000000001AAA/view');
        expect(toasts).toEqual([]);
    });

    it.each([
        ['another origin', { origin: 'https://connector.example.com.evil.test' }],
        ['the right origin from another window', { source: window }],
        ['no window at all', { source: null }]
    ])('saves nothing from %s, and counts it', async (_label, from) => {
        const element = await mount();
        post(element, voiceMessage, from);
        await flush();
        expect(mockCreateRecord).not.toHaveBeenCalled();
        expect(queueLabel(element)).toContain('1 refused');
    });

    it('refuses a malformed log from the connector with a clear message to the agent', async () => {
        const element = await mount();
        post(element, loadFixture('malformed', 'missing-interaction-id').message);
        post(element, loadFixture('malformed', 'unknown-action').message);
        await flush();
        expect(mockCreateRecord).not.toHaveBeenCalled();
        expect(toasts).toEqual([
            expect.objectContaining({
                title: 'A log from the CRM Connector cannot be saved',
                message: 'The message body has no interactionId.',
                variant: 'warning'
            })
        ]);
        (find(element, '.queue-toggle') as HTMLElement).click();
        await flush();
        const panel = find(element, '.panel')?.textContent ?? '';
        expect(panel).toContain('Log without a valid body: 1');
        expect(panel).toContain('Unknown action (ignored): 1');
    });

    it('tells the agent and the connector once about a burst of bad logs, then how many more came', async () => {
        const element = await mount();
        const sent = jest
            .spyOn(frameOf(element).contentWindow as Window, 'postMessage')
            .mockImplementation(() => undefined);
        jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
        try {
            for (let i = 0; i < 200; i += 1) post(element, loadFixture('malformed', 'missing-interaction-id').message);
            await flush();
            const notices = () =>
                sent.mock.calls.filter((c) => (c[0] as { action: string }).action === 'displayErrorNotification');
            expect(toasts).toHaveLength(1);
            expect(notices()).toHaveLength(1);
            jest.advanceTimersByTime(5000);
            await flush();
            expect(toasts).toHaveLength(2);
            expect(toasts[1]).toMatchObject({ title: '199 more logs from the CRM Connector cannot be saved' });
            expect(notices()).toHaveLength(2);
        } finally {
            jest.useRealTimers();
        }
    });

    it('updates the record instead of creating a second one when a message is delivered again', async () => {
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        post(element, voiceMessage);
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(1);
        expect(mockUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockUpdateRecord.mock.calls[0][0].fields.Id).toBe('a00000000000001AAA');
    });

    it('updates the record another tab already created for the same log', async () => {
        mockCreateRecord.mockRejectedValueOnce(
            recordError([
                {
                    errorCode: 'DUPLICATE_VALUE',
                    message: 'duplicate value found: Log_Key__c duplicates value on record with id: a00000000000009AAA'
                }
            ])
        );
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        expect(mockUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockUpdateRecord.mock.calls[0][0].fields.Id).toBe('a00000000000009AAA');
        expect(queueLabel(element)).not.toContain('pending');
    });

    it('saves again without refused fields, and tells the agent the log has warnings', async () => {
        mockCreateRecord.mockRejectedValueOnce({
            status: 400,
            body: {
                message: 'x',
                output: {
                    errors: [],
                    fieldErrors: { Subject__c: [{ errorCode: 'STRING_TOO_LONG', message: 'data value too large' }] }
                }
            }
        });
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(2);
        expect(mockCreateRecord.mock.calls[1][0].fields.Subject__c).toBeUndefined();
        expect(mockCreateRecord.mock.calls[1][0].fields.Raw_Payload__c).toBeDefined();
        expect(toasts[0].title).toMatch(/with 1 mapping warning/);
        expect(find(element, '.last-saved-link')).not.toBeNull();
    });

    it('keeps a log while Salesforce cannot be reached, shows it pending, and saves it once when back online', async () => {
        mockCreateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        expect(queueLabel(element)).toContain('1 pending');
        (find(element, '.queue-toggle') as HTMLElement).click();
        await flush();
        expect(find(element, '.row-state')?.textContent).toBe('Waiting to retry (attempt 1)');
        expect(find(element, '.row-error')?.textContent).toMatch(/cannot be reached/);
        expect(badge(element)).toBe('Salesforce unreachable');
        // Kept in the browser sealed with the agent's key: nothing about the caller in the clear.
        const stored = Object.keys(localStorage)
            .filter((k) => k.startsWith('interactionLog.outbox'))
            .map((k) => localStorage.getItem(k))
            .join('\n');
        expect(stored).toContain('aesgcm1.');
        expect(stored).not.toContain('Maria Gonzalez');
        window.dispatchEvent(new Event('online'));
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(2);
        expect(queueLabel(element)).not.toContain('pending');
        expect(badge(element)).not.toBe('Salesforce unreachable');
        expect(find(element, '.last-saved-link')).not.toBeNull();
    });

    it('saves a log left pending by an earlier page load, once', async () => {
        const leftBehind = new LogOutbox({ storage: webStorage(localStorage, USER_ID), saver: jest.fn() });
        const body = voiceMessage.data.message.body;
        leftBehind.enqueue({ group: String(body.interactionId), label: 'Left behind', bodyJson: JSON.stringify(body) });
        const element = await mount();
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(1);
        expect(find(element, '.last-saved-link')?.textContent).toBe('Left behind');
        const states = () =>
            Object.keys(localStorage)
                .filter((k) => k.startsWith('interactionLog.outbox'))
                .map((k) => JSON.parse(localStorage.getItem(k) ?? '{}').state);
        // The waiting log left storage once saved; what is kept of it is written when the page leaves, at the latest.
        expect(states()).toEqual([]);
        document.body.removeChild(element);
        expect(states()).toEqual(['saved']);
    });

    it('lists a log that needs attention with its error, and Retry saves it', async () => {
        mockCreateRecord.mockRejectedValueOnce(
            recordError([{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Logs need a disposition' }])
        );
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        expect(queueLabel(element)).toContain('1 needs attention');
        expect(toasts[0]).toMatchObject({
            variant: 'warning',
            message: expect.stringContaining('Logs need a disposition')
        });
        (find(element, '.queue-toggle') as HTMLElement).click();
        await flush();
        const row = find(element, '.queue-row') as HTMLElement;
        expect(row.querySelector('.row-state')?.textContent).toBe('Needs attention');
        expect(row.querySelector('.row-detail')?.textContent).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
        (row.querySelector('.retry') as HTMLElement).click();
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(2);
        expect(find(element, '.queue-row')).toBeNull();
    });

    it('toasts every saved log when the setting says All', async () => {
        const element = await mount(configuration({ toastBehavior: 'All' }));
        post(element, voiceMessage);
        await flush();
        expect(toasts).toEqual([{ title: 'Interaction log saved', message: voiceSubject, variant: 'success' }]);
    });

    it('shows the agent names with right-to-left overrides neutralised, and stores no control characters', async () => {
        const element = await mount(configuration({ toastBehavior: 'All' }));
        const spoof = JSON.parse(JSON.stringify(voiceMessage)) as typeof voiceMessage;
        spoof.data.message.body.interactionData.logDetails.subject = 'Invoice\u202Egnp.exe\u0000\u0007 done';
        post(element, spoof);
        await flush();
        const saved = mockCreateRecord.mock.calls[0][0].fields as Record<string, unknown>;
        expect(saved.Subject__c).toBe('Invoice\u202Egnp.exe done');
        expect(toasts[0].message).toBe('Invoicegnp.exe done');
        expect(find(element, '.last-saved-link')?.textContent).toBe('Invoicegnp.exe done');
    });

    it('answers requestCustomFieldsValues from the object schema', async () => {
        const element = await mount();
        const spy = jest
            .spyOn(frameOf(element).contentWindow as Window, 'postMessage')
            .mockImplementation(() => undefined);
        post(element, {
            type: 'CRMConnectMessage',
            action: 'requestCustomFieldsValues',
            data: { object: { voice: ['Disposition_Code__c'], digital: [''] } }
        });
        await flush();
        const [reply] = spy.mock.calls[0] as [{ action: string; data: string }];
        expect(reply.action).toBe('customFieldsDataResponse');
        expect(JSON.parse(reply.data)).toEqual({
            voice: {
                Disposition_Code__c: {
                    customFieldInfo: { customFieldType: 'STRING', customFieldLabel: 'Disposition Code' }
                }
            },
            digital: {}
        });
    });

    it('says why logs cannot be saved when the user has no access to Interaction Logs, and keeps them', async () => {
        mockGetConfiguration.mockResolvedValue(configuration());
        const element = createElement('c-crm-connector', { is: CrmConnector }) as Element;
        document.body.appendChild(element);
        await flush();
        (getObjectInfo as unknown as { error(body?: unknown, status?: number): void }).error(
            { message: 'The requested resource does not exist' },
            404
        );
        await flush();
        post(element, voiceMessage);
        await flush();
        expect(mockCreateRecord).not.toHaveBeenCalled();
        expect(queueLabel(element)).toBe('1 pending');
        expect(find(element, '.save-blocked')?.textContent).toContain('Interaction Log Agent permission set');
    });

    it('stops listening when removed from the page', async () => {
        const remove = jest.spyOn(window, 'removeEventListener');
        const element = await mount();
        const frameWindow = frameOf(element).contentWindow;
        document.body.removeChild(element);
        expect(remove).toHaveBeenCalledWith('message', expect.any(Function));
        expect(remove).toHaveBeenCalledWith('online', expect.any(Function));
        window.dispatchEvent(new MessageEvent('message', { data: voiceMessage, origin: ORIGIN, source: frameWindow }));
        await flush();
        expect(mockCreateRecord).not.toHaveBeenCalled();
    });

    it('respects the height design attribute', async () => {
        mockGetConfiguration.mockResolvedValue(configuration());
        const element = createElement('c-crm-connector', { is: CrmConnector }) as Element & { height: number };
        element.height = 420;
        document.body.appendChild(element);
        await flush();
        expect(find(element, '.host')?.getAttribute('style')).toBe('height: 420px;');
    });

    describe('screen pop, click-to-dial results and record context', () => {
        const mockSearch = searchCustomers as unknown as jest.Mock;
        const mockDescribe = describeRecords as unknown as jest.Mock;
        const directory = loadDirectory();
        const pageAdapter = CurrentPageReference as unknown as { emit(value: unknown): void };
        const consoleAdapter = IsConsoleNavigation as unknown as { emit(value: unknown): void };
        const contextAdapter = MessageContext as unknown as { emit(value: unknown): void };

        beforeEach(() => {
            mockNavigate.mockReset();
            // Like SOSL, the emulated search is loose: it returns every record, and the component must pick.
            mockSearch.mockReset().mockResolvedValue(directory);
            mockDescribe
                .mockReset()
                .mockImplementation(async ({ recordIds }: { recordIds: string[] }) =>
                    directory.filter((r) => recordIds.includes(r.recordId))
                );
            (encodeDefaultFieldValues as jest.Mock).mockImplementation((values: Record<string, string>) =>
                Object.entries(values)
                    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
                    .join(',')
            );
            (openTab as jest.Mock).mockClear();
            (subscribe as jest.Mock).mockClear();
        });

        async function connected(): Promise<{ element: Element; sent: jest.SpyInstance }> {
            const element = await mount();
            const sent = jest
                .spyOn(frameOf(element).contentWindow as Window, 'postMessage')
                .mockImplementation(() => undefined);
            post(element, { type: 'CRMConnectMessage', action: 'ready' });
            post(element, { type: 'CRMConnectMessage', action: 'requestCrmData' });
            await flush();
            return { element, sent };
        }

        function screenPopText(element: Element): string {
            return find(element, '.screen-pop-message')?.textContent?.trim() ?? '';
        }

        function contextMessages(sent: jest.SpyInstance) {
            return sent.mock.calls
                .map((call) => call[0] as { action: string; data: Record<string, unknown> })
                .filter((m) => m.action === 'crmPageInfo');
        }

        it('opens the one customer a known number belongs to', async () => {
            const { element } = await connected();
            post(element, loadFixture('screen-pop', 'known-number').message);
            await flush();
            expect(mockSearch).toHaveBeenCalledWith({ phones: ['13125550187'], emails: [] });
            expect(mockNavigate).toHaveBeenCalledWith({
                type: 'standard__recordPage',
                attributes: { recordId: '003000000000003AAA', objectApiName: 'Contact', actionName: 'view' }
            });
            expect(screenPopText(element)).toBe('Opened Ana Souza · Contact · Souza Consulting for +13125550187.');
            // The page it opened keeps the message; another page makes it stale, so it goes.
            pageAdapter.emit({ type: 'standard__recordPage', attributes: { recordId: '003000000000003AAA' } });
            await flush();
            expect(screenPopText(element)).toBe('Opened Ana Souza · Contact · Souza Consulting for +13125550187.');
            pageAdapter.emit({ type: 'standard__recordPage', attributes: { recordId: '001000000000001AAA' } });
            await flush();
            expect(find(element, '.screen-pop')).toBeNull();
        });

        it('collapses a burst of screen pops to the first and the latest', async () => {
            const { element } = await connected();
            jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
            try {
                for (let i = 0; i < 200; i += 1) {
                    post(element, {
                        type: 'CRMConnectMessage',
                        action: 'requestPerformInteractionScreenPop',
                        data: { aniValues: [`+1312555${String(1000 + i)}`] }
                    });
                }
                await flush();
                expect(mockSearch).toHaveBeenCalledTimes(1);
                jest.advanceTimersByTime(2000);
                await flush();
                expect(mockSearch).toHaveBeenCalledTimes(2);
                expect(mockSearch).toHaveBeenLastCalledWith({ phones: ['13125551199'], emails: [] });
            } finally {
                jest.useRealTimers();
            }
        });

        it('lets the agent choose when a number is ambiguous, and opens the choice', async () => {
            const { element } = await connected();
            post(element, loadFixture('screen-pop', 'ambiguous-number').message);
            await flush();
            expect(mockNavigate).not.toHaveBeenCalled();
            expect(screenPopText(element)).toBe('2 records match +14155550142. Choose the customer:');
            const choices = [...findAll(element, '.screen-pop-choice')] as (HTMLElement & {
                label: string;
            })[];
            expect(choices.map((c) => c.label)).toEqual([
                'Maria Gonzalez · Contact · Gonzalez Household',
                'Maria Gonzales · Lead · Gonzales Imports'
            ]);
            choices[1].click();
            await flush();
            expect(mockNavigate).toHaveBeenCalledWith({
                type: 'standard__recordPage',
                attributes: { recordId: '00Q000000000001AAA', objectApiName: 'Lead', actionName: 'view' }
            });
            expect(find(element, '.screen-pop-choice')).toBeNull();
        });

        it('offers a new Contact with the number when nobody has it', async () => {
            const { element } = await connected();
            post(element, loadFixture('screen-pop', 'unknown-number').message);
            await flush();
            expect(screenPopText(element)).toBe('No Contact, Lead or Account matches +15550000001.');
            const create = find(element, '.screen-pop-create') as HTMLElement & { label: string };
            expect(create.label).toBe('New Contact with +15550000001');
            create.click();
            await flush();
            expect(mockNavigate).toHaveBeenCalledWith({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Contact', actionName: 'new' },
                state: { defaultFieldValues: 'Phone=%2B15550000001' }
            });
            expect(find(element, '.screen-pop')).toBeNull();
        });

        it("links the unknown caller's log to the Contact the agent creates from the screen pop, with Undo", async () => {
            const mockCreated = contactsCreatedSince as unknown as jest.Mock;
            const mockCount = countMyLogsWithoutCustomer as unknown as jest.Mock;
            mockCreated.mockReset().mockResolvedValue([]);
            mockCount.mockReset().mockResolvedValue(1);
            const { element } = await connected();
            post(element, loadFixture('screen-pop', 'unknown-number').message);
            await flush();
            (find(element, '.screen-pop-create') as HTMLElement).click();
            await flush();
            expect(mockCreated).toHaveBeenCalledTimes(1);
            // The call ends before the Contact is saved: the log has no customer yet.
            const message = loadFixture('messages', 'minimal').message as {
                data: { message: { body: { interactionData: Record<string, unknown> } } };
            };
            const unknownCaller = JSON.parse(JSON.stringify(message));
            unknownCaller.data.message.body.interactionData.callerNumber = '+15550000001';
            post(element, unknownCaller);
            await flush();
            expect(mockCreateRecord).toHaveBeenCalledTimes(1);
            const unlinked = find(element, '.unlinked') as HTMLElement & { label: string };
            expect(unlinked.label).toBe('1 of your logs needs a customer');
            unlinked.click();
            expect(mockNavigate).toHaveBeenLastCalledWith({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Interaction_Log__c', actionName: 'list' },
                state: { filterName: 'Logs_Without_Customer' }
            });
            // The Contact exists; the agent lands on its page.
            const created = {
                recordId: '003000000000009AAA',
                recordName: 'New Caller',
                objectType: 'Contact',
                phones: ['+15550000001']
            };
            mockCreated.mockResolvedValue([created]);
            mockCount.mockResolvedValue(0);
            pageAdapter.emit({
                type: 'standard__recordPage',
                attributes: { recordId: created.recordId, objectApiName: 'Contact', actionName: 'view' }
            });
            // At most five Apex calls a second: the look-up may wait for the next second.
            // eslint-disable-next-line @lwc/lwc/no-async-operation
            await new Promise((resolve) => setTimeout(resolve, 1100));
            await flush();
            expect(mockUpdateRecord).toHaveBeenCalledWith({
                fields: { Id: 'a00000000000001AAA', Contact__c: created.recordId, Name_Id__c: created.recordId }
            });
            expect(find(element, '.link-notice')?.textContent).toContain('to New Caller.');
            (find(element, '.undo-link') as HTMLElement).click();
            await flush();
            expect(mockUpdateRecord).toHaveBeenLastCalledWith({
                fields: { Id: 'a00000000000001AAA', Contact__c: null, Name_Id__c: null }
            });
            expect(find(element, '.link-notice')?.textContent).toContain('The link was undone.');
        });

        it('opens its utility when the agent must choose, and says where to look when it cannot', async () => {
            const utilityAdapter = EnclosingUtilityId as unknown as { emit(value: unknown): void };
            const mockOpenUtility = openUtility as unknown as jest.Mock;
            mockOpenUtility.mockReset().mockResolvedValue(true);
            const { element } = await connected();
            utilityAdapter.emit('utility-1');
            // Screen pops within a second of each other collapse to the latest: these are a second apart.
            jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
            const aSecondLater = () => jest.advanceTimersByTime(1000);
            post(element, loadFixture('screen-pop', 'ambiguous-number').message);
            await flush();
            expect(mockOpenUtility).toHaveBeenCalledWith('utility-1', { autoFocus: true });
            aSecondLater();
            post(element, loadFixture('screen-pop', 'known-number').message);
            await flush();
            expect(mockOpenUtility).toHaveBeenCalledTimes(1);
            mockOpenUtility.mockRejectedValue(new Error('no utility bar'));
            aSecondLater();
            post(element, loadFixture('screen-pop', 'unknown-number').message);
            await flush();
            expect(toasts).toContainEqual(
                expect.objectContaining({
                    title: 'No customer matches +15550000001',
                    message: 'Open the Avaya CRM Connector utility to see it.'
                })
            );
            utilityAdapter.emit(null);
            jest.useRealTimers();
        });

        it('says so when the search fails, and can be dismissed', async () => {
            const { element } = await connected();
            mockSearch.mockRejectedValue({ body: { message: 'Insufficient privileges' } });
            post(element, loadFixture('screen-pop', 'known-email').message);
            await flush();
            expect(screenPopText(element)).toBe(
                'Could not look for the customer at liam.chen@example.com (Insufficient privileges). Search Salesforce for them.'
            );
            (find(element, '.screen-pop-dismiss') as HTMLElement).click();
            await flush();
            expect(find(element, '.screen-pop')).toBeNull();
        });

        it('opens records as console tabs in a console app, and opens click-to-dial results', async () => {
            const { element } = await connected();
            consoleAdapter.emit(true);
            await flush();
            post(element, loadFixture('screen-pop', 'click-to-dial-result').message);
            await flush();
            expect(openTab).toHaveBeenCalledWith({ recordId: '003000000000004AAA', focus: true });
            expect(mockNavigate).not.toHaveBeenCalled();
        });

        it('opens the reports when the connector asks', async () => {
            const { element } = await connected();
            post(element, { type: 'CRMConnectMessage', action: 'requestOpenReports' });
            await flush();
            expect(mockNavigate).toHaveBeenCalledWith({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Report', actionName: 'home' }
            });
        });

        it('tells the connector which record the agent is on, once per change', async () => {
            const { sent } = await connected();
            pageAdapter.emit({ type: 'standard__recordPage', attributes: { recordId: '500000000000001AAA' } });
            await flush();
            pageAdapter.emit({ type: 'standard__recordPage', attributes: { recordId: '500000000000001AAA' } });
            await flush();
            pageAdapter.emit({ type: 'standard__recordPage', attributes: { recordId: '003000000000001AAA' } });
            await flush();
            const messages = contextMessages(sent);
            expect(messages).toHaveLength(2);
            expect(messages[0].data).toEqual({
                nameObjects: null,
                relatedToObjects: [
                    {
                        isName: false,
                        isRelatedTo: true,
                        pageInfo: {
                            recordId: '500000000000001AAA',
                            recordName: '00001024',
                            objectType: 'Case',
                            url: '/lightning/r/Case/500000000000001AAA/view'
                        }
                    }
                ],
                pageInfo: {
                    recordId: '500000000000001AAA',
                    recordName: '00001024',
                    objectType: 'Case',
                    url: '/lightning/r/Case/500000000000001AAA/view'
                }
            });
            expect((messages[1].data.pageInfo as { recordName: string }).recordName).toBe('Maria Gonzalez');
            // Each record is described once, then remembered.
            expect(mockDescribe).toHaveBeenCalledTimes(2);
            expect(sent.mock.calls.every((call) => call[1] === ORIGIN)).toBe(true);
        });

        it('follows the console tabs, focused first, and listens for tab changes', async () => {
            (getAllTabInfo as jest.Mock).mockResolvedValue([
                { tabId: 'ws1', recordId: '001000000000001AAA', subtabs: [] },
                {
                    tabId: 'ws2',
                    recordId: '500000000000001AAA',
                    subtabs: [{ tabId: 'st1', recordId: '003000000000001AAA' }]
                }
            ]);
            (getFocusedTabInfo as jest.Mock).mockResolvedValue({ tabId: 'st1' });
            const { sent } = await connected();
            contextAdapter.emit({ context: 'test' });
            consoleAdapter.emit(true);
            await flush();
            // The click-to-dial channel, then the two tab channels, all in the application scope.
            expect((subscribe as jest.Mock).mock.calls.map((call) => call[1])).toEqual([
                'Interaction_Log_Click_To_Dial__c',
                'lightning__tabFocused',
                'lightning__tabClosed'
            ]);
            for (const call of (subscribe as jest.Mock).mock.calls)
                expect(call[3]).toEqual({ scope: APPLICATION_SCOPE });
            const [message] = contextMessages(sent).slice(-1);
            expect(
                (message.data.nameObjects as { pageInfo: { recordName: string } }[]).map((o) => o.pageInfo.recordName)
            ).toEqual(['Maria Gonzalez']);
            expect(
                (message.data.relatedToObjects as { pageInfo: { recordName: string } }[]).map(
                    (o) => o.pageInfo.recordName
                )
            ).toEqual(['00001024', 'Gonzalez Household']);
            expect((message.data.pageInfo as { recordName: string }).recordName).toBe('Maria Gonzalez');
        });

        it('says so when the open records cannot be described, without bothering the connector', async () => {
            const { element, sent } = await connected();
            mockDescribe.mockRejectedValue({ body: { message: 'Server error' } });
            pageAdapter.emit({ type: 'standard__recordPage', attributes: { recordId: '003000000000004AAA' } });
            await flush();
            expect(contextMessages(sent)).toHaveLength(0);
            expect(find(element, '.context-problem')?.textContent).toContain('Server error');
        });

        describe('directory and click-to-dial', () => {
            const mockGetDirectory = getDirectory as unknown as jest.Mock;
            const contact = { recordId: '003000000000001AAA', recordName: 'Maria Gonzalez', objectType: 'Contact' };
            const kase = { recordId: '500000000000001AAA', recordName: '00001024', objectType: 'Case' };
            const dialRequest = { number: '+1 415 555 0142', record: contact, doNotCall: false, related: [kase] };

            /** The handler the component subscribed to the click-to-dial channel with. */
            function dialChannel(): (message: unknown) => void {
                const call = (subscribe as jest.Mock).mock.calls.find(
                    (c) => c[1] === 'Interaction_Log_Click_To_Dial__c'
                );
                return call[2];
            }

            function published(): unknown[] {
                return (publish as jest.Mock).mock.calls
                    .filter((c) => c[1] === 'Interaction_Log_Click_To_Dial__c')
                    .map((c) => c[2]);
            }

            function sentAction(sent: jest.SpyInstance, action: string) {
                return sent.mock.calls
                    .map((c) => c[0] as { action: string; data: unknown })
                    .filter((m) => m.action === action);
            }

            async function withContext() {
                (subscribe as jest.Mock).mockClear();
                (publish as jest.Mock).mockClear();
                const result = await connected();
                contextAdapter.emit({ context: 'test' });
                await flush();
                return result;
            }

            it('answers requestGetCrmDirectory with the Salesforce users, and says so in the connector when it cannot', async () => {
                mockGetDirectory.mockReset().mockResolvedValue([
                    {
                        id: '005000000000002AAA',
                        name: 'Ada Lovelace',
                        phone: '+13125550101',
                        email: 'ada@example.com'
                    }
                ]);
                const { element, sent } = await connected();
                post(element, { type: 'CRMConnectMessage', action: 'requestGetCrmDirectory' });
                await flush();
                expect(sentAction(sent, 'crmDirectory')).toEqual([
                    {
                        type: 'ClientAppMessage',
                        action: 'crmDirectory',
                        data: {
                            count: '1',
                            results: [
                                {
                                    id: '005000000000002AAA',
                                    name: 'Ada Lovelace',
                                    phone: '+13125550101',
                                    email: 'ada@example.com'
                                }
                            ]
                        }
                    }
                ]);
            });

            it('answers with an empty directory and says why in the connector when Salesforce refuses it', async () => {
                mockGetDirectory
                    .mockReset()
                    .mockRejectedValue({ body: { message: 'No access to InteractionLogDirectoryController' } });
                const { element, sent } = await connected();
                post(element, { type: 'CRMConnectMessage', action: 'requestGetCrmDirectory' });
                await flush();
                expect(sentAction(sent, 'crmDirectory')[0].data).toEqual({ count: '0', results: [] });
                expect(sentAction(sent, 'displayErrorNotification').slice(-1)[0].data).toEqual({
                    message:
                        'The Salesforce directory could not be loaded: No access to InteractionLogDirectoryController'
                });
            });

            it('tells record pages whether calls can be made, and passes a dial on only while the connector takes calls', async () => {
                const { element, sent } = await withContext();
                const hear = dialChannel();
                expect(
                    (subscribe as jest.Mock).mock.calls.find((c) => c[1] === 'Interaction_Log_Click_To_Dial__c')[3]
                ).toEqual({
                    scope: APPLICATION_SCOPE
                });
                hear({ kind: 'hello' });
                expect(published().slice(-1)).toEqual([{ kind: 'state', enabled: false }]);
                hear({ kind: 'dial', request: dialRequest });
                expect(sentAction(sent, 'clickToDialResponse')).toEqual([]);

                post(element, {
                    type: 'CRMConnectMessage',
                    action: 'requestEnableClickToDial',
                    data: { isEnabled: true }
                });
                await flush();
                expect(published().slice(-1)).toEqual([{ kind: 'state', enabled: true }]);
                hear({ kind: 'dial', request: { ...dialRequest, number: 42 } });
                hear({ kind: 'dial', request: dialRequest });
                const [response] = sentAction(sent, 'clickToDialResponse');
                expect(sentAction(sent, 'clickToDialResponse')).toHaveLength(1);
                expect(response.data).toMatchObject({
                    onClickToDialResponse: {
                        number: '+1 415 555 0142',
                        recordId: contact.recordId,
                        objectType: 'Contact'
                    },
                    clickToDialLogDetails: { id: contact.recordId, name: 'Maria Gonzalez', type: 'Contact' },
                    crmPhones: ['+1 415 555 0142']
                });
                expect(
                    sent.mock.calls.find((c) => (c[0] as { action: string }).action === 'clickToDialResponse')[1]
                ).toBe(ORIGIN);

                post(element, {
                    type: 'CRMConnectMessage',
                    action: 'requestEnableClickToDial',
                    data: { isEnabled: false }
                });
                await flush();
                expect(published().slice(-1)).toEqual([{ kind: 'state', enabled: false }]);
            });

            it("links the dialed call's log to the record it was dialed from when the log names none", async () => {
                const { element } = await withContext();
                post(element, {
                    type: 'CRMConnectMessage',
                    action: 'requestEnableClickToDial',
                    data: { isEnabled: true }
                });
                await flush();
                dialChannel()({ kind: 'dial', request: { ...dialRequest, number: '+1 (646) 555-0123' } });
                const message = loadFixture('messages', 'elite-voice-outbound').message as {
                    data: { message: { body: { interactionData: Record<string, unknown> } } };
                };
                const data = message.data.message.body.interactionData;
                const logDetails = { ...(data.logDetails as Record<string, unknown>) };
                delete logDetails.nameId;
                delete logDetails.relatedToId;
                const unlinked = JSON.parse(JSON.stringify(message));
                unlinked.data.message.body.interactionData = {
                    ...data,
                    destinationAddress: '6465550123',
                    updatedDestinationAddress: '6465550123',
                    logDetails
                };
                post(element, unlinked);
                await flush();
                const fields = mockCreateRecord.mock.calls[0][0].fields;
                expect(fields).toMatchObject({
                    Name_Id__c: contact.recordId,
                    Contact__c: contact.recordId,
                    Related_To_Id__c: kase.recordId,
                    Case__c: kase.recordId
                });
            });
        });
    });
});
