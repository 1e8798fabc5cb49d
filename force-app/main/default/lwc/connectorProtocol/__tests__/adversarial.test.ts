/**
 * Adversarial messages against the gate and the mapper: forged senders, hostile shapes and
 * sizes, prototype pollution and markup. Each case is refused and counted, or saved safely
 * as text, and nothing else breaks.
 */
import {
    judgeMessage,
    MAX_BODY_CHARACTERS,
    RejectionCounter,
    type Gate,
    type SaveInteractionLogMessage
} from 'c/connectorProtocol';
import { extractBody, mapInteractionLog } from 'c/interactionLog';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { loadFixture } from '@fixtures';

const ORIGIN = 'https://tenant.example.com';
const frame = { postMessage: jest.fn() };
const gate: Gate = { allowedOrigins: [ORIGIN], frameWindow: frame };
const voice = loadFixture('messages', 'axp-voice-inbound').message as {
    data: { message: { body: Record<string, unknown> } };
};
const schema = loadObjectSchema();
const mappings = loadFieldMappings();
const MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

/** Puts markup into every string of a value, keeping its shape. */
function withMarkup(value: unknown): unknown {
    if (typeof value === 'string') return `${value}${MARKUP}`;
    if (Array.isArray(value)) return value.map(withMarkup);
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMarkup(v)]));
    return value;
}

describe('adversarial messages', () => {
    const counter = new RejectionCounter();
    const judge = (event: { origin: string; source: unknown; data: unknown }) => {
        const verdict = judgeMessage(event, gate);
        if (verdict.kind === 'rejected') counter.record(verdict.reason, verdict.detail);
        return verdict;
    };

    it('refuses a replay from the frame after it navigated to another origin', () => {
        expect(judge({ origin: ORIGIN, source: frame, data: voice }).kind).toBe('accepted');
        expect(judge({ origin: 'https://elsewhere.example.net', source: frame, data: voice })).toMatchObject({
            kind: 'rejected',
            reason: 'origin'
        });
    });

    it('refuses the same message from a copy of the frame window', () => {
        expect(judge({ origin: ORIGIN, source: { ...frame }, data: voice })).toMatchObject({
            kind: 'rejected',
            reason: 'source'
        });
    });

    it('refuses non-object data of every kind', () => {
        for (const data of [undefined, null, 0, 'CRMConnectMessage', true, [], new Date(), () => undefined]) {
            expect(judge({ origin: ORIGIN, source: frame, data }).kind).toBe('rejected');
        }
    });

    it('refuses a 10 MB body quickly and without holding on to it', () => {
        const body = { interactionId: 'huge', interactionData: { blob: 'x'.repeat(10 * 1024 * 1024) } };
        const started = Date.now();
        const verdict = judge({
            origin: ORIGIN,
            source: frame,
            data: { type: 'CRMConnectMessage', action: 'requestSaveInteractionLog', data: { message: { body } } }
        });
        expect(verdict).toMatchObject({ kind: 'rejected', reason: 'size' });
        expect(Date.now() - started).toBeLessThan(5000);
        expect(MAX_BODY_CHARACTERS).toBeLessThan(10 * 1024 * 1024);
    });

    it('accepts a very deep body and keeps a bounded, safe copy', () => {
        let deep: Record<string, unknown> = { end: true };
        for (let i = 0; i < 100000; i += 1) deep = { d: deep };
        const verdict = judge({
            origin: ORIGIN,
            source: frame,
            data: {
                type: 'CRMConnectMessage',
                action: 'requestSaveInteractionLog',
                data: { message: { body: { interactionId: 'deep', interactionData: { deep } } } }
            }
        });
        expect(verdict.kind).toBe('accepted');
        const bodyJson = (verdict as { message: SaveInteractionLogMessage }).message.bodyJson;
        expect(bodyJson).toContain('[Too deep]');
        expect(bodyJson.length).toBeLessThan(2000);
    });

    it('never lets __proto__, constructor or prototype keys reach Object.prototype', () => {
        const hostile = JSON.parse(
            '{"type":"CRMConnectMessage","action":"requestSaveInteractionLog","__proto__":{"admin":true},"data":{"__proto__":{"admin":true},"message":{"body":{"interactionId":"pp","__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},"interactionData":{"__proto__":{"admin":true},"prototype":{"admin":true},"logDetails":{"subject":"hi"}}}}}}'
        );
        const verdict = judge({ origin: ORIGIN, source: frame, data: hostile });
        expect(verdict.kind).toBe('accepted');
        const body = (verdict as { message: SaveInteractionLogMessage }).message.body;
        mapInteractionLog(body, mappings, schema);
        expect(({} as Record<string, unknown>).admin).toBeUndefined();
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'admin')).toBe(false);
        expect(
            (Object.getPrototypeOf(body) as object | null) === Object.prototype || Object.getPrototypeOf(body) === null
        ).toBe(true);
    });

    it('stores markup in every text field as the text it is', () => {
        const message = JSON.parse(JSON.stringify(voice));
        message.data.message.body.interactionData = withMarkup(message.data.message.body.interactionData);
        const verdict = judge({ origin: ORIGIN, source: frame, data: message });
        expect(verdict.kind).toBe('accepted');
        const { fields } = mapInteractionLog(
            (verdict as { message: SaveInteractionLogMessage }).message.body,
            mappings,
            schema
        );
        const body = extractBody(message) as {
            interactionData: { callerName: string; logDetails: { subject: string; comments: string } };
        };
        expect(fields.Caller_Name__c).toBe(body.interactionData.callerName);
        expect(fields.Subject__c).toBe(body.interactionData.logDetails.subject);
        expect(fields.Comments__c).toBe(body.interactionData.logDetails.comments);
        expect(String(fields.Raw_Payload__c)).toContain(JSON.stringify(MARKUP).slice(1, -1));
    });

    it('counted every refusal by reason, and the gate still accepts the genuine message', () => {
        expect(counter.summary().map((r) => r.reason)).toEqual(['origin', 'source', 'shape', 'size']);
        expect(counter.total).toBeGreaterThanOrEqual(11);
        expect(judgeMessage({ origin: ORIGIN, source: frame, data: voice }, gate).kind).toBe('accepted');
    });
});
