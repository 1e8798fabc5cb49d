import {
    allowedOriginsFrom,
    CONNECTOR_MESSAGE_TYPE,
    createHistoryItemReply,
    crmDataReply,
    currentUserFrom,
    customFieldsReply,
    errorNotification,
    HOST_CAPABILITIES,
    HOST_MESSAGE_TYPE,
    judgeMessage,
    MAX_BODY_CHARACTERS,
    originOf,
    parseCallCenterSettings,
    postToConnector,
    readyReply,
    RejectionCounter,
    type Gate,
    type SaveInteractionLogMessage,
    MAX_ANI_VALUES,
    MAX_DIRECTORY_ENTRIES,
    clickToDialResponse,
    directoryReply
} from 'c/connectorProtocol';
import { loadObjectSchema } from '@tools/lib/forceApp';
import { loadFixture, loadFixtures } from '@fixtures';

const ORIGIN = 'https://tenant.example.com';
const frame = { postMessage: jest.fn() };
const gate: Gate = { allowedOrigins: [ORIGIN], frameWindow: frame };
const genuine = (data: unknown) => ({ origin: ORIGIN, source: frame, data });

describe('origins', () => {
    it('reduces URLs to the origin a browser reports', () => {
        expect(originOf('https://tenant.example.com/agent/index.html?x=1')).toBe(ORIGIN);
        expect(originOf('https://tenant.example.com:443/')).toBe(ORIGIN);
        expect(originOf('https://tenant.example.com:8443/')).toBe('https://tenant.example.com:8443');
        expect(originOf('HTTPS://Tenant.Example.com')).toBe(ORIGIN);
        // eslint-disable-next-line no-script-url -- the point of the test: a script URL is not an origin
        expect(originOf('javascript:alert(1)')).toBeUndefined();
        expect(originOf('https://user:pw@tenant.example.com')).toBeUndefined();
        expect(originOf('')).toBeUndefined();
        expect(originOf(undefined)).toBeUndefined();
    });

    it('allows the connector URL origin when no origins are configured', () => {
        expect(allowedOriginsFrom('https://tenant.example.com/agent', '')).toEqual({ origins: [ORIGIN], invalid: [] });
    });

    it('reads configured origins one per line, commas or spaces, and refuses entries with a path', () => {
        expect(
            allowedOriginsFrom(
                'https://x.example.com',
                'https://a.example.com\nhttps://b.example.com/, https://a.example.com'
            )
        ).toEqual({
            origins: ['https://a.example.com', 'https://b.example.com'],
            invalid: []
        });
        expect(
            allowedOriginsFrom('https://x.example.com', 'https://a.example.com/agent ftp://b.example.com').invalid
        ).toEqual(['https://a.example.com/agent', 'ftp://b.example.com']);
    });
});

describe('the gate', () => {
    const voice = loadFixture('messages', 'axp-voice-inbound').message;

    it.each([
        ['another site', 'https://evil.test'],
        ['a look-alike suffix', 'https://tenant.example.com.evil.test'],
        ['a look-alike prefix', 'https://eviltenant.example.com'],
        ['another port', 'https://tenant.example.com:8443'],
        ['http instead of https', 'http://tenant.example.com'],
        ['a trailing slash', 'https://tenant.example.com/'],
        ['the null origin', 'null'],
        ['an empty origin', '']
    ])('refuses a message from %s', (_label, origin) => {
        const verdict = judgeMessage({ origin, source: frame, data: voice }, gate);
        expect(verdict).toMatchObject({ kind: 'rejected', reason: 'origin' });
    });

    it('refuses the right origin from another window', () => {
        expect(judgeMessage({ origin: ORIGIN, source: {}, data: voice }, gate)).toMatchObject({
            kind: 'rejected',
            reason: 'source'
        });
        expect(judgeMessage({ origin: ORIGIN, source: null, data: voice }, gate)).toMatchObject({
            kind: 'rejected',
            reason: 'source'
        });
    });

    it('refuses everything while the frame has no window (navigated away, not loaded)', () => {
        const closed: Gate = { allowedOrigins: [ORIGIN], frameWindow: null };
        expect(judgeMessage({ origin: ORIGIN, source: null, data: voice }, closed)).toMatchObject({
            kind: 'rejected',
            reason: 'source'
        });
    });

    it('refuses a message that is not a CRM Connector message', () => {
        expect(judgeMessage(genuine('hello'), gate)).toMatchObject({ kind: 'rejected', reason: 'shape' });
        expect(judgeMessage(genuine(null), gate)).toMatchObject({ kind: 'rejected', reason: 'shape' });
        expect(judgeMessage(genuine([voice]), gate)).toMatchObject({ kind: 'rejected', reason: 'shape' });
        expect(judgeMessage(genuine({ ...(voice as object), type: 'ClientAppMessage' }), gate)).toMatchObject({
            kind: 'rejected',
            reason: 'type'
        });
    });

    it.each(loadFixtures('messages').map((f) => [f.name, f.message] as const))(
        'accepts the sample %s as a log to save',
        (_name, message) => {
            const verdict = judgeMessage(genuine(message), gate);
            expect(verdict.kind).toBe('accepted');
            const accepted = (verdict as { message: SaveInteractionLogMessage }).message;
            expect(accepted.action).toBe('requestSaveInteractionLog');
            expect(JSON.parse(accepted.bodyJson)).toEqual(
                (message as { data: { message: { body: unknown } } }).data.message.body
            );
            expect(accepted.header).toEqual((message as { data: { header: unknown } }).data.header);
        }
    );

    it.each([
        ['no-message', 'body'],
        ['body-not-object', 'body'],
        ['interaction-id-not-string', 'body'],
        ['missing-interaction-id', 'body'],
        ['missing-interaction-data', 'body'],
        ['wrong-type', 'type'],
        ['unknown-action', 'unknown-action']
    ])('refuses the malformed sample %s (%s)', (name, reason) => {
        const verdict = judgeMessage(genuine(loadFixture('malformed', name).message), gate);
        expect(verdict).toMatchObject({ kind: 'rejected', reason });
        expect((verdict as { detail: string }).detail.length).toBeGreaterThan(10);
    });

    it('accepts the prototype-pollution sample as data without touching Object.prototype', () => {
        const message = JSON.parse(JSON.stringify(loadFixture('malformed', 'prototype-pollution').message));
        const verdict = judgeMessage(genuine(message), gate);
        expect(verdict.kind).toBe('accepted');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    });

    it('refuses a log larger than the limit, with its interaction id', () => {
        const big = {
            type: CONNECTOR_MESSAGE_TYPE,
            action: 'requestSaveInteractionLog',
            data: {
                message: {
                    body: { interactionId: 'big-1', interactionData: { blob: 'x'.repeat(MAX_BODY_CHARACTERS) } }
                }
            }
        };
        const verdict = judgeMessage(genuine(big), gate);
        expect(verdict).toMatchObject({ kind: 'rejected', reason: 'size' });
        expect((verdict as { detail: string }).detail).toContain('big-1');
    });

    it('accepts a cyclic body and keeps a safe copy of it', () => {
        const body: Record<string, unknown> = { interactionId: 'cyc', interactionData: {} };
        (body.interactionData as Record<string, unknown>).self = body;
        const verdict = judgeMessage(
            genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestSaveInteractionLog', data: { message: { body } } }),
            gate
        );
        expect(verdict.kind).toBe('accepted');
        expect((verdict as { message: SaveInteractionLogMessage }).message.bodyJson).toContain('[Circular]');
    });

    it('accepts the handshake and known actions, and never throws on a hostile getter', () => {
        expect(judgeMessage(genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'ready' }), gate)).toEqual({
            kind: 'accepted',
            message: { action: 'ready' }
        });
        expect(judgeMessage(genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestCrmData' }), gate)).toEqual({
            kind: 'accepted',
            message: { action: 'requestCrmData' }
        });
        expect(judgeMessage(genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestOpenReports' }), gate)).toEqual({
            kind: 'accepted',
            message: { action: 'requestOpenReports' }
        });
        expect(judgeMessage(genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestGetCrmDirectory' }), gate)).toEqual(
            {
                kind: 'accepted',
                message: { action: 'requestGetCrmDirectory' }
            }
        );
        const hostile = { type: CONNECTOR_MESSAGE_TYPE };
        Object.defineProperty(hostile, 'action', {
            enumerable: true,
            get() {
                throw new Error('boom');
            }
        });
        expect(judgeMessage(genuine(hostile), gate)).toMatchObject({ kind: 'rejected', reason: 'shape' });
    });

    it('reads the screen pop samples: the addresses in aniValues, trimmed, each once', () => {
        for (const fixture of loadFixtures('screen-pop')) {
            const verdict = judgeMessage(genuine(fixture.message), gate);
            expect(verdict.kind).toBe('accepted');
        }
        const verdict = judgeMessage(
            genuine({
                type: CONNECTOR_MESSAGE_TYPE,
                action: 'requestPerformInteractionScreenPop',
                data: { aniValues: [' +14155550142 ', '', null, 4107, '+14155550142', { x: 1 }, 'x'.repeat(400)] }
            }),
            gate
        );
        expect(verdict).toEqual({
            kind: 'accepted',
            message: { action: 'requestPerformInteractionScreenPop', aniValues: ['+14155550142', '4107'] }
        });
        const many = Array.from({ length: 20 }, (_, i) => `+1415555${String(1000 + i)}`);
        expect(
            (
                judgeMessage(
                    genuine({
                        type: CONNECTOR_MESSAGE_TYPE,
                        action: 'requestPerformInteractionScreenPop',
                        data: { aniValues: many }
                    }),
                    gate
                ) as { message: { aniValues: string[] } }
            ).message.aniValues
        ).toHaveLength(MAX_ANI_VALUES);
    });

    it('refuses a screen pop without an address and a navigation without a record id', () => {
        for (const data of [undefined, {}, { aniValues: 'x' }, { aniValues: [] }, { aniValues: ['  '] }]) {
            expect(
                judgeMessage(
                    genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestPerformInteractionScreenPop', data }),
                    gate
                )
            ).toMatchObject({ kind: 'rejected', reason: 'shape' });
        }
        for (const data of [undefined, {}, { recordId: 'not-a-record-id' }, { recordId: 3 }]) {
            expect(
                judgeMessage(
                    genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestNavigateToClickToDialResult', data }),
                    gate
                )
            ).toMatchObject({ kind: 'rejected', reason: 'shape' });
        }
        expect(
            judgeMessage(
                genuine({
                    type: CONNECTOR_MESSAGE_TYPE,
                    action: 'requestNavigateToClickToDialResult',
                    data: { recordId: '003000000000004' }
                }),
                gate
            )
        ).toEqual({
            kind: 'accepted',
            message: { action: 'requestNavigateToClickToDialResult', recordId: '003000000000004AAA' }
        });
    });

    it('reads requestCustomFieldsValues and drops empty names', () => {
        const verdict = judgeMessage(
            genuine({
                type: CONNECTOR_MESSAGE_TYPE,
                action: 'requestCustomFieldsValues',
                data: { object: { voice: ['Subject__c', '', 7], digital: ['Channel__c'] } }
            }),
            gate
        );
        expect(verdict).toEqual({
            kind: 'accepted',
            message: { action: 'requestCustomFieldsValues', voice: ['Subject__c'], digital: ['Channel__c'] }
        });
    });
});

describe('replies to the connector', () => {
    beforeEach(() => frame.postMessage.mockClear());

    it('answers ready with ready, and crmData with the user, settings and honest capabilities', () => {
        expect(readyReply()).toEqual({ type: HOST_MESSAGE_TYPE, action: 'ready', data: {} });
        const user = currentUserFrom({
            id: '005000000000001AAA',
            name: 'Kim Agent',
            username: 'kim@example.com',
            languageLocaleKey: 'en_US'
        });
        const reply = crmDataReply(user, { LogOptions: { callLogEnabled: true } });
        expect(reply).toEqual({
            type: HOST_MESSAGE_TYPE,
            action: 'crmData',
            data: {
                callCenterSettings: { LogOptions: { callLogEnabled: true } },
                currentUser: {
                    attributes: { type: 'User' },
                    Id: '005000000000001AAA',
                    Name: 'Kim Agent',
                    Username: 'kim@example.com',
                    LanguageLocaleKey: 'en_US'
                },
                capabilities: HOST_CAPABILITIES
            }
        });
        expect(HOST_CAPABILITIES.directoryAvailable).toBe(true);
    });

    it('posts only to the frame window, addressed to the connector origin, never *', () => {
        expect(postToConnector(frame, ORIGIN, readyReply())).toBe(true);
        expect(frame.postMessage).toHaveBeenCalledWith(readyReply(), ORIGIN);
        expect(postToConnector(frame, '*', readyReply())).toBe(false);
        expect(postToConnector(frame, 'https://tenant.example.com/path', readyReply())).toBe(false);
        expect(postToConnector(null, ORIGIN, readyReply())).toBe(false);
        expect(frame.postMessage).toHaveBeenCalledTimes(1);
    });

    it('describes requested custom fields from the object schema, as a JSON string', () => {
        const schema = loadObjectSchema();
        const reply = customFieldsReply(
            {
                action: 'requestCustomFieldsValues',
                voice: ['Subject__c', 'Channel__c', 'Nope__c'],
                digital: ['Talk_Time_Seconds__c']
            },
            schema
        );
        expect(typeof reply.data).toBe('string');
        expect(JSON.parse(reply.data as string)).toEqual({
            voice: {
                Subject__c: { customFieldInfo: { customFieldType: 'STRING', customFieldLabel: 'Subject' } },
                Channel__c: { customFieldInfo: { customFieldType: 'PICKLIST', customFieldLabel: 'Channel' } }
            },
            digital: {}
        });
    });

    it('builds createHistoryItem with the record id, the original data and the saved fields', () => {
        const data = { header: { messageId: 'm-1' }, message: { body: { interactionId: 'i' } } };
        expect(createHistoryItemReply('a00000000000001AAA', data, { Name: 'Call' })).toEqual({
            type: HOST_MESSAGE_TYPE,
            action: 'createHistoryItem',
            data: {
                taskId: 'a00000000000001AAA',
                data: {
                    ...data,
                    logParameters: { Name: 'Call' },
                    msgData: { message: data.message, header: data.header }
                }
            }
        });
        expect(errorNotification('x')).toEqual({
            type: HOST_MESSAGE_TYPE,
            action: 'displayErrorNotification',
            data: { message: 'x' }
        });
    });

    it('reads call center settings as a JSON object, and says what is wrong otherwise', () => {
        expect(parseCallCenterSettings('{"a":1}')).toEqual({ settings: { a: 1 } });
        expect(parseCallCenterSettings('')).toEqual({ settings: {} });
        expect(parseCallCenterSettings('[1]').problem).toMatch(/must be a JSON object/);
        expect(parseCallCenterSettings('{oops').problem).toMatch(/not valid JSON/);
    });
});

describe('rejection counts', () => {
    it('counts by reason, in a fixed order, and keeps the last detail', () => {
        const counter = new RejectionCounter();
        counter.record('source', 'a');
        counter.record('origin', 'b');
        counter.record('origin', 'c');
        expect(counter.total).toBe(3);
        expect(counter.last).toBe('c');
        expect(counter.summary().map((r) => [r.reason, r.count])).toEqual([
            ['origin', 2],
            ['source', 1]
        ]);
    });
});

describe('directory and click-to-dial', () => {
    const enable = (data: unknown) =>
        judgeMessage(genuine({ type: CONNECTOR_MESSAGE_TYPE, action: 'requestEnableClickToDial', data }), gate);

    it('reads data.isEnabled, as a boolean or its text, and refuses anything else', () => {
        expect(enable({ isEnabled: true })).toEqual({
            kind: 'accepted',
            message: { action: 'requestEnableClickToDial', enabled: true }
        });
        expect(enable({ isEnabled: 'false' })).toEqual({
            kind: 'accepted',
            message: { action: 'requestEnableClickToDial', enabled: false }
        });
        for (const bad of [
            undefined,
            {},
            { isEnabled: 1 },
            { isEnabled: 'yes' },
            JSON.parse('{"__proto__":{"isEnabled":true}}')
        ]) {
            expect(enable(bad)).toMatchObject({ kind: 'rejected', reason: 'shape' });
        }
    });

    it('answers the directory with the count as a string and every entry complete', () => {
        const reply = directoryReply([
            { id: '005000000000002AAA', name: 'Ada Lovelace', phone: '+13125550101', email: 'ada@example.com' },
            { id: '005000000000003AAA', name: 'Zed Shaw', phone: null }
        ]);
        expect(reply).toEqual({
            type: HOST_MESSAGE_TYPE,
            action: 'crmDirectory',
            data: {
                count: '2',
                results: [
                    { id: '005000000000002AAA', name: 'Ada Lovelace', phone: '+13125550101', email: 'ada@example.com' },
                    { id: '005000000000003AAA', name: 'Zed Shaw', phone: '', email: '' }
                ]
            }
        });
        const many = Array.from({ length: MAX_DIRECTORY_ENTRIES + 5 }, (_, i) => ({ id: `u${i}`, name: `User ${i}` }));
        expect((directoryReply(many).data as { count: string }).count).toBe(String(MAX_DIRECTORY_ENTRIES));
    });

    it('builds clickToDialResponse in the vendor sample shape, the dialed record first', () => {
        const contact = { recordId: '003000000000001AAA', recordName: 'Maria Gonzalez', objectType: 'Contact' };
        const account = { recordId: '001000000000001AAA', recordName: 'Gonzalez Household', objectType: 'Account' };
        const reply = clickToDialResponse({
            number: '+1 (415) 555-0142',
            record: contact,
            email: 'maria@example.com',
            doNotCall: false,
            related: [account]
        });
        expect(reply.action).toBe('clickToDialResponse');
        expect(reply.data).toEqual({
            onClickToDialResponse: {
                number: '+1 (415) 555-0142',
                objectType: 'Contact',
                recordId: '003000000000001AAA',
                recordName: 'Maria Gonzalez',
                email: 'maria@example.com',
                url: '/lightning/r/Contact/003000000000001AAA/view'
            },
            clickToDialLogDetails: {
                id: '003000000000001AAA',
                name: 'Maria Gonzalez',
                personAccount: false,
                type: 'Contact'
            },
            softphoneItems: [],
            doNotCall: false,
            crmEmails: ['maria@example.com'],
            crmPhones: ['+1 (415) 555-0142'],
            nameObjects: [
                {
                    isName: true,
                    isRelatedTo: false,
                    pageInfo: { ...contact, url: '/lightning/r/Contact/003000000000001AAA/view' }
                }
            ],
            relatedToObjects: [
                {
                    isName: false,
                    isRelatedTo: true,
                    pageInfo: { ...account, url: '/lightning/r/Account/001000000000001AAA/view' }
                }
            ],
            pageInfo: { ...contact, url: '/lightning/r/Contact/003000000000001AAA/view' }
        });
    });
});
