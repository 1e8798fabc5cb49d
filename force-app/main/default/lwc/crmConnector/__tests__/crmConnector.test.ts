import { createElement } from 'lwc';
import CrmConnector from 'c/crmConnector';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import getConfiguration from '@salesforce/apex/InteractionLogConfigController.getConfiguration';
import findLogIdByKey from '@salesforce/apex/InteractionLogConfigController.findLogIdByKey';
import USER_ID from '@salesforce/user/Id';
import { extractBody, mapInteractionLog } from 'c/interactionLogMapper';
import { schemaFromObjectInfo, type UiApiObjectInfo } from 'c/interactionLogWriter';
import { toFieldMappings, type Configuration } from 'c/interactionLogSettings';
import { LogOutbox, webStorage } from 'c/logOutbox';
import { loadConfiguration, loadObjectInfo } from '../../../../../../tools/lib/forceApp';
import { loadFixture } from '../../../../../../test/fixtures';

jest.mock('@salesforce/apex/InteractionLogConfigController.getConfiguration', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogConfigController.findLogIdByKey', () => ({ default: jest.fn() }), {
    virtual: true
});

const ORIGIN = 'https://connector.example.com';
const mockGetConfiguration = getConfiguration as unknown as jest.Mock;
const mockFindLogIdByKey = findLogIdByKey as unknown as jest.Mock;
const mockCreateRecord = createRecord as unknown as jest.Mock;
const mockUpdateRecord = updateRecord as unknown as jest.Mock;
const objectInfoAdapter = getObjectInfo as unknown as { emit(value: unknown): void };
const objectInfo = loadObjectInfo() as unknown as UiApiObjectInfo;

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

async function flush(turns = 30): Promise<void> {
    for (let i = 0; i < turns; i += 1) await Promise.resolve();
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

function frameOf(element: Element): HTMLIFrameElement {
    return element.shadowRoot.querySelector('iframe') as HTMLIFrameElement;
}

function post(element: Element, data: unknown, from: { origin?: string; source?: Window | null } = {}): void {
    const source = from.source === undefined ? frameOf(element).contentWindow : from.source;
    window.dispatchEvent(new MessageEvent('message', { data, origin: from.origin ?? ORIGIN, source }));
}

/** What the status strip's queue button says ("1 pending, 1 need attention, 2 refused"), or '' when hidden. */
function queueLabel(element: Element): string {
    const button = element.shadowRoot.querySelector('.queue-toggle') as (HTMLElement & { label: string }) | null;
    return button?.label ?? '';
}

function badge(element: Element): string {
    return (element.shadowRoot.querySelector('lightning-badge') as HTMLElement & { label: string }).label;
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

    it('hosts the connector in a frame that may use camera, microphone and geolocation', async () => {
        const element = await mount();
        const frame = frameOf(element);
        expect(frame.getAttribute('src')).toBe(`${ORIGIN}/agent/`);
        expect(frame.getAttribute('allow')).toBe('camera; microphone; geolocation');
        expect(frame.getAttribute('title')).toBe('Avaya CRM Connector');
        expect(badge(element)).toBe('Waiting for the connector');
        expect(element.shadowRoot.querySelector('.host')?.getAttribute('style')).toBe('height: 600px;');
    });

    it('tells an admin exactly what to configure when there is no connector address', async () => {
        const element = await mount(loadConfiguration() as Configuration);
        expect(frameOf(element)).toBeNull();
        expect(badge(element)).toBe('Not configured');
        const text = element.shadowRoot.querySelector('.setup')?.textContent ?? '';
        expect(text).toContain('The CRM Connector address is not configured.');
        expect(text).toContain('Org override');
        expect(text).toContain('frame-src');
        expect(text).toContain('camera and microphone');
        expect(element.shadowRoot.querySelector('.setup')?.getAttribute('role')).toBe('alert');
    });

    it('explains a configuration that cannot be read', async () => {
        mockGetConfiguration.mockRejectedValue({
            body: { message: 'You do not have access to the Apex class named InteractionLogConfigController' }
        });
        const element = createElement('c-crm-connector', { is: CrmConnector }) as Element;
        document.body.appendChild(element);
        await flush();
        const text = element.shadowRoot.querySelector('.setup')?.textContent ?? '';
        expect(text).toContain('You do not have access to the Apex class');
        expect(text).toContain('Interaction Log Agent permission set');
    });

    it('waits for Salesforce when the configuration cannot be loaded, and loads it when back online', async () => {
        mockGetConfiguration.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(configuration());
        const element = createElement('c-crm-connector', { is: CrmConnector }) as Element;
        document.body.appendChild(element);
        await flush();
        const setup = element.shadowRoot.querySelector('.setup')?.textContent ?? '';
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
                capabilities: { directoryAvailable: false, lightningComponentsAvailable: true }
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
        const link = element.shadowRoot.querySelector('.last-saved-link') as HTMLAnchorElement;
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
        (element.shadowRoot.querySelector('.queue-toggle') as HTMLElement).click();
        await flush();
        const panel = element.shadowRoot.querySelector('.panel')?.textContent ?? '';
        expect(panel).toContain('Log without a valid body: 1');
        expect(panel).toContain('Unknown action (ignored): 1');
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
        expect(element.shadowRoot.querySelector('.last-saved-link')).not.toBeNull();
    });

    it('keeps a log while Salesforce cannot be reached, shows it pending, and saves it once when back online', async () => {
        mockCreateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        expect(queueLabel(element)).toContain('1 pending');
        (element.shadowRoot.querySelector('.queue-toggle') as HTMLElement).click();
        await flush();
        expect(element.shadowRoot.querySelector('.row-state')?.textContent).toBe('Waiting to retry (attempt 1)');
        expect(element.shadowRoot.querySelector('.row-error')?.textContent).toMatch(/cannot be reached/);
        window.dispatchEvent(new Event('online'));
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(2);
        expect(queueLabel(element)).not.toContain('pending');
        expect(element.shadowRoot.querySelector('.last-saved-link')).not.toBeNull();
    });

    it('saves a log left pending by an earlier page load, once', async () => {
        const leftBehind = new LogOutbox({ storage: webStorage(localStorage, USER_ID), saver: jest.fn() });
        const body = voiceMessage.data.message.body;
        leftBehind.enqueue({ group: String(body.interactionId), label: 'Left behind', bodyJson: JSON.stringify(body) });
        const element = await mount();
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(1);
        expect(element.shadowRoot.querySelector('.last-saved-link')?.textContent).toBe('Left behind');
        const keys = Object.keys(localStorage).filter((k) => k.startsWith('interactionLog.outbox'));
        expect(keys.map((k) => JSON.parse(localStorage.getItem(k) ?? '{}').state)).toEqual(['saved']);
    });

    it('lists a log that needs attention with its error, and Retry saves it', async () => {
        mockCreateRecord.mockRejectedValueOnce(
            recordError([{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Logs need a disposition' }])
        );
        const element = await mount();
        post(element, voiceMessage);
        await flush();
        expect(queueLabel(element)).toContain('1 need attention');
        expect(toasts[0]).toMatchObject({
            variant: 'warning',
            message: expect.stringContaining('Logs need a disposition')
        });
        (element.shadowRoot.querySelector('.queue-toggle') as HTMLElement).click();
        await flush();
        const row = element.shadowRoot.querySelector('.queue-row') as HTMLElement;
        expect(row.querySelector('.row-state')?.textContent).toBe('Needs attention');
        expect(row.querySelector('.row-detail')?.textContent).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION');
        (row.querySelector('.retry') as HTMLElement).click();
        await flush();
        expect(mockCreateRecord).toHaveBeenCalledTimes(2);
        expect(element.shadowRoot.querySelector('.queue-row')).toBeNull();
    });

    it('toasts every saved log when the setting says All', async () => {
        const element = await mount(configuration({ toastBehavior: 'All' }));
        post(element, voiceMessage);
        await flush();
        expect(toasts).toEqual([{ title: 'Interaction log saved', message: voiceSubject, variant: 'success' }]);
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
        expect(element.shadowRoot.querySelector('.save-blocked')?.textContent).toContain(
            'Interaction Log Agent permission set'
        );
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
        expect(element.shadowRoot.querySelector('.host')?.getAttribute('style')).toBe('height: 420px;');
    });
});
