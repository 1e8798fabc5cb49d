/**
 * One record per interaction leg: the log key never merges two legs and never splits one.
 * Each case here was reproduced against the earlier key (interaction id, user, station and
 * end time, `|` replaced by `/`).
 */
import { buildLogKey, extractBody, mapInteractionLog, type InteractionLogBody } from 'c/interactionLog';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { loadFixture } from '@fixtures';

const schema = loadObjectSchema();
const mappings = loadFieldMappings();
const USER = '005000000000001AAA';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Data = Record<string, unknown> & { interaction?: Record<string, unknown> };

/** The AXP voice sample with its times replaced (undefined removes a time). */
function leg(
    times: { established?: unknown; end?: unknown; startDate?: string; startTime?: string },
    extra: Data = {}
) {
    const body = copy(extractBody(loadFixture('messages', 'axp-voice-inbound').message)) as InteractionLogBody;
    const data = body.interactionData as Data;
    const intrinsics = (data.interaction?.intrinsics ?? {}) as Record<string, unknown>;
    delete data.establishedTime;
    delete data.endTime;
    delete intrinsics.START_DATE;
    delete intrinsics.START_TIME;
    if (times.established !== undefined) data.establishedTime = times.established;
    if (times.end !== undefined) data.endTime = times.end;
    if (times.startDate !== undefined) intrinsics.START_DATE = times.startDate;
    if (times.startTime !== undefined) intrinsics.START_TIME = times.startTime;
    Object.assign(data, extra);
    return body;
}

function map(body: unknown) {
    return mapInteractionLog(body, mappings, schema, { userId: USER, bodyJson: JSON.stringify(body) });
}

const keyOf = (body: unknown) => String(map(body).fields.Log_Key__c);

describe('the log key', () => {
    it('gives two legs without an end time their own keys, from the time each was established', () => {
        const first = leg({ established: '2026-11-20T14:03:31Z' }, { logDetails: { subject: 'First leg' } });
        const second = leg({ established: '2026-11-20T14:20:05Z' }, { logDetails: { subject: 'Second leg' } });
        expect(keyOf(first)).not.toBe(keyOf(second));
    });

    it('keeps one key for a leg delivered first without its end time, then with it', () => {
        const early = leg({ established: '2026-11-20T14:03:31Z' });
        const late = leg({ established: '2026-11-20T14:03:31Z', end: '2026-11-20T14:08:47Z' });
        expect(keyOf(late)).toBe(keyOf(early));
    });

    it('keeps one key when the end times differ only in milliseconds', () => {
        expect(keyOf(leg({ end: '2026-11-20T14:08:47.120Z' }))).toBe(keyOf(leg({ end: '2026-11-20T14:08:47.870Z' })));
    });

    it('uses the start date and time when there is no established time', () => {
        const a = leg({ startDate: '2026-11-20', startTime: '14:03:27', end: '2026-11-20T14:08:47Z' });
        const b = leg({ startDate: '2026-11-20', startTime: '14:03:27' });
        expect(keyOf(a)).toBe(keyOf(b));
        expect(keyOf(a)).toContain('2026-11-20T14:03:27Z');
    });

    it.each(['2026-11-20T24:00:00Z', '1600-01-01T00:00:00Z', 'Fri, 20 Nov 2026 14:08:47 GMT'])(
        'never merges two legs whose only time (%s) cannot be read, and says so',
        (end) => {
            const first = leg({ end }, { logDetails: { subject: 'First leg', comments: 'Billing question' } });
            const second = leg({ end }, { logDetails: { subject: 'Second leg', comments: 'Refund' } });
            expect(keyOf(first)).not.toBe(keyOf(second));
            const { warnings } = map(first);
            expect(warnings.join('\n')).toMatch(/End_Time__c: .* is not a date and time/);
            expect(warnings.join('\n')).toMatch(/Log_Key__c: .*no time/);
        }
    );

    it('finds the same record again when a leg without any time is delivered again', () => {
        const body = leg({}, { logDetails: { subject: 'No times at all' } });
        expect(keyOf(copy(body))).toBe(keyOf(body));
    });

    it('reads epoch seconds as seconds and epoch milliseconds as milliseconds', () => {
        const seconds = map(leg({ established: 1763647411, end: '1763647727' })).fields;
        expect(seconds.Established_Time__c).toBe('2025-11-20T14:03:31.000Z');
        expect(seconds.End_Time__c).toBe('2025-11-20T14:08:47.000Z');
        const millis = map(leg({ established: 1763647411000 })).fields;
        expect(millis.Established_Time__c).toBe('2025-11-20T14:03:31.000Z');
    });

    it('warns when a leg ends before it was established, or lasts more than a day', () => {
        const backwards = map(leg({ established: '2026-11-20T14:08:47Z', end: '2026-11-20T14:03:31Z' }));
        expect(backwards.warnings.join('\n')).toMatch(/End_Time__c: ends before the interaction was established/);
        const long = map(leg({ established: '2026-11-20T14:03:31Z', end: '2026-11-22T14:03:31Z' }));
        expect(long.warnings.join('\n')).toMatch(/End_Time__c: .*more than a day/);
    });

    it('never joins two different interaction ids into one key', () => {
        expect(buildLogKey({ interactionId: 'abc|def', userId: 'u' })).not.toBe(
            buildLogKey({ interactionId: 'abc/def', userId: 'u' })
        );
        expect(buildLogKey({ interactionId: 'a|b', userId: 'c' })).not.toBe(
            buildLogKey({ interactionId: 'a', userId: 'b|c' })
        );
        expect(buildLogKey({ interactionId: 'a\\', userId: '|b' })).not.toBe(
            buildLogKey({ interactionId: 'a\\|', userId: 'b' })
        );
    });

    it('stores text without NUL or other control characters, keeping tabs and new lines', () => {
        const body = leg(
            { established: '2026-11-20T14:03:31Z' },
            { logDetails: { subject: 'Refund\u0000 request\u0007', comments: 'Line one\r\n\tLine two\u001b' } }
        );
        const fields = map(body).fields;
        expect(fields.Subject__c).toBe('Refund request');
        expect(fields.Comments__c).toBe('Line one\n\tLine two');
    });
});
