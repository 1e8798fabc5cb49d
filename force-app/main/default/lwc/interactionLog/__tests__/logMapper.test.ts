import {
    buildLogKey,
    checkBody,
    effectiveMappings,
    extractBody,
    isTransformCompatible,
    LAYER_ORG_OVERRIDE,
    LAYER_PACKAGE_DEFAULT,
    mapInteractionLog,
    parsePath,
    RAW_PAYLOAD_MAX,
    readPath,
    resolveSource,
    type FieldMapping,
    type FieldSchema,
    type ObjectSchema
} from 'c/interactionLog';
import { normalizeRecordId, safeStringify, truncate } from 'c/safeData';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { VENDOR_ROWS } from '@tools/lib/vendorTable';
import { TASK_SCHEMA } from '@tools/lib/standardObjects';
import { ADMIN_FIELDS_DIR, loadFixture, loadFixtures } from '@fixtures';

const schema = loadObjectSchema(undefined, undefined, [ADMIN_FIELDS_DIR]);
const mappings = loadFieldMappings();

type Json = Record<string, unknown>;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function bodyOf(message: unknown): Json {
    return extractBody(message) as Json;
}

/** Follows a path of plain keys through fixture data, as a person reading the file would. */
function dig(value: unknown, ...keys: string[]): unknown {
    return keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), value);
}

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);
const iso = (v: unknown): string => new Date(String(v)).toISOString();
const picklist = (v: unknown, values: string[]): string | undefined =>
    values.find((p) => p.toLowerCase() === String(v).toLowerCase());

/**
 * What a person reading a sample message expects in each field, written out by hand
 * per vendor row (independently of the mapping records).
 */
function expectedFields(body: Json): Record<string, unknown> {
    const d = body.interactionData as Json;
    const i = (d.interaction ?? {}) as Json;
    const x = (i.intrinsics ?? {}) as Json;
    const log = (d.logDetails ?? {}) as Json;
    const draft = (d.draft ?? {}) as Json;
    const engagement =
        i.engagementParameters ??
        (typeof x.ENGAGEMENT_PARAMETERS === 'string' ? JSON.parse(x.ENGAGEMENT_PARAMETERS) : undefined);
    const origin = d.interactionOrigin;
    const startTime = typeof x.START_TIME === 'string' ? x.START_TIME.replace(/[()]/g, '') + '.000Z' : undefined;
    const expected: Record<string, unknown> = {
        Acw_Duration__c: d.acwDuration,
        Attributes__c: i.attributes && pretty(i.attributes),
        Channel__c: picklist(i.channel ?? x.CHANNEL, ['Voice', 'Chat', 'Messaging', 'Email']),
        Destination_Address__c: d.destinationAddress,
        Direction__c: i.direction ?? d.direction,
        Established_Time__c: d.establishedTime && iso(d.establishedTime),
        Interaction_Type__c: d.interactionType,
        Interaction_Id__c: body.interactionId,
        Priority__c: i.priority,
        Resource_Address__c: d.resourceAddress,
        Updated_Originating_Address__c: d.updatedOriginatingAddress,
        Updated_Destination_Address__c: d.updatedDestinationAddress,
        Work_Codes__c: d.workCodes && pretty(d.workCodes),
        Interaction_Origin__c: Array.isArray(origin) ? origin.join(';') : origin,
        Caller_Name__c: d.callerName ?? x.CALLER_NAME,
        Caller_Number__c: d.callerNumber,
        DNIS__c: d.dnis,
        Start_Date__c: x.START_DATE,
        Start_Time__c: startTime,
        Topic_Id__c: i.topicId,
        Topic_Name__c: i.topic,
        UUI__c: d.uui,
        ASAI_UUI__c: d.asaiUui,
        UCID__c: d.ucid,
        End_Time__c: d.endTime && iso(d.endTime),
        Skill_Id__c: d.skillId,
        Skill_Name__c: d.skillName,
        Engagement_Parameters__c: engagement && pretty(engagement),
        Subject__c: log.subject,
        Name_Id__c: log.nameId,
        Related_To_Id__c: log.relatedToId,
        Comments__c: log.comments,
        Name_Options__c: Array.isArray(log.nameOptions) && log.nameOptions.length ? pretty(log.nameOptions) : undefined,
        Related_To_Options__c:
            Array.isArray(log.relatedToOptions) && log.relatedToOptions.length
                ? pretty(log.relatedToOptions)
                : undefined,
        Disposition_Code__c: log.dispositionCode,
        Custom_Fields__c:
            Array.isArray(log.customFields) && log.customFields.length ? pretty(log.customFields) : undefined,
        Settings__c: log.settings && pretty(log.settings),
        Is_Transfer__c: d.isTransferInteraction,
        Is_Conference__c: d.isConferenceInteraction,
        Draft_Last_Updated_At__c: draft.lastUpdatedAt && iso(draft.lastUpdatedAt),
        Draft_Last_Updated_By__c: draft.lastUpdatedBy,
        Draft_Id__c: draft.draftId,
        Draft_Saved__c: draft.draftSavedSuccessfully,
        Email_Draft_Body__c: draft.emailDraftBody,
        Draft_Attachments__c: draft.draftAttachments && pretty(draft.draftAttachments),
        Draft_Transferred_By__c: draft.transferredBy
    };
    for (const key of Object.keys(expected)) {
        if (expected[key] === undefined || expected[key] === null || expected[key] === '') delete expected[key];
    }
    return expected;
}

function field(apiName: string, dataType: FieldSchema['dataType'], extra: Partial<FieldSchema> = {}): FieldSchema {
    return { apiName, dataType, createable: true, ...extra };
}

function mapping(
    targetField: string,
    sourcePath: string,
    transform: string,
    extra: Partial<FieldMapping> = {}
): FieldMapping {
    return {
        name: targetField.replace(/__c$/, ''),
        targetField,
        sourcePath,
        transform,
        active: true,
        layer: LAYER_PACKAGE_DEFAULT,
        ...extra
    };
}

/** Maps one value through one mapping into one field of a small schema. */
function mapOne(value: unknown, transform: string, target: FieldSchema) {
    const small: ObjectSchema = { apiName: 'Interaction_Log__c', fields: { [target.apiName]: target } };
    const body = { interactionId: 'i-1', interactionData: { v: value } };
    const result = mapInteractionLog(body, [mapping(target.apiName, 'interactionData.v', transform)], small);
    return { value: result.fields[target.apiName], warnings: result.warnings };
}

describe('shipped data model and default mappings', () => {
    it('has a field and exactly one active package default mapping for each of the 46 vendor rows', () => {
        expect(Object.keys(VENDOR_ROWS)).toHaveLength(46);
        for (const [row, apiName] of Object.entries(VENDOR_ROWS)) {
            expect({ row, exists: Boolean(schema.fields[apiName]) }).toEqual({ row, exists: true });
            const defaults = mappings.filter(
                (m) =>
                    m.targetObject === 'Interaction_Log__c' &&
                    m.targetField === apiName &&
                    m.active &&
                    m.layer === LAYER_PACKAGE_DEFAULT
            );
            expect({ row, defaults: defaults.length }).toEqual({ row, defaults: 1 });
        }
    });

    it('ships only mappings whose transform can write their target field', () => {
        for (const m of mappings) {
            const target = (m.targetObject === TASK_SCHEMA.apiName ? TASK_SCHEMA : schema).fields[m.targetField];
            expect({
                mapping: m.name,
                compatible: Boolean(target) && isTransformCompatible(m.transform, target.dataType)
            }).toEqual({
                mapping: m.name,
                compatible: true
            });
        }
    });

    it('describes the schema the way getObjectInfo does', () => {
        expect(schema.fields.Direction__c).toMatchObject({
            dataType: 'Picklist',
            restrictedPicklist: true,
            picklistValues: ['Inbound', 'Outbound', 'Internal']
        });
        expect(schema.fields.Channel__c.restrictedPicklist).toBe(false);
        expect(schema.fields.Interaction_Origin__c.dataType).toBe('MultiPicklist');
        expect(schema.fields.Log_Key__c).toMatchObject({ externalId: true, unique: true, length: 255 });
        expect(schema.fields.Contact__c.referenceTo).toEqual([{ apiName: 'Contact', keyPrefix: '003' }]);
        expect(schema.fields.Talk_Time_Seconds__c).toMatchObject({ calculated: true, createable: false });
        expect(schema.fields.Raw_Payload__c.length).toBe(RAW_PAYLOAD_MAX);
    });
});

describe('sample messages', () => {
    const samples = loadFixtures('messages');

    it('includes every kind of interaction', () => {
        expect(samples.map((s) => s.name)).toEqual(
            expect.arrayContaining([
                'axp-voice-inbound',
                'axp-chat',
                'axp-email-draft',
                'elite-voice-outbound',
                'elite-conference'
            ])
        );
    });

    it.each(samples.map((s) => [s.name, s.message] as const))(
        '%s maps every row a person would expect, with no warnings but a missing time and deliberate ones',
        (name, message) => {
            const body = bodyOf(message);
            const result = mapInteractionLog(body, mappings, schema, { userId: '005000000000001AAA' });
            // The minimal sample has no time at all: its key is a digest of the body, and the log says so.
            const noTime = /^Log_Key__c: the log has no time/;
            // The custom-fields sample names, on purpose, a field the package keeps and one no org has.
            const deliberate =
                name === 'axp-voice-custom-fields'
                    ? [
                          'Log_Key__c: the package fills this field itself; custom field not written',
                          'Custom_Fields__c: no field named "Loyalty_Tier__c" on Interaction_Log__c; kept in Custom_Fields__c only'
                      ]
                    : [];
            expect(result.warnings.filter((w) => !noTime.test(w))).toEqual(deliberate);
            expect(result.warnings.some((w) => noTime.test(w))).toBe(name === 'minimal');
            const expected = expectedFields(body);
            // The agent's entry wins over the mapped disposition (the default precedence).
            if (name === 'axp-voice-custom-fields') expected.Disposition_Code__c = 'Refund Promised';
            for (const [apiName, value] of Object.entries(expected)) {
                expect({ [apiName]: result.fields[apiName] }).toEqual({ [apiName]: value });
            }
            expect(result.fields.Mapping_Warning_Count__c).toBe(result.warnings.length);
            expect(result.fields.Mapping_Warnings__c === undefined).toBe(result.warnings.length === 0);
            expect(JSON.parse(String(result.fields.Raw_Payload__c))).toEqual(body);
            expect(String(result.fields.Log_Key__c)).toContain(String(body.interactionId));
            expect(String(result.fields.Name).length).toBeGreaterThan(0);
        }
    );

    it('fills the Who and What lookups from Name ID and Related To ID by key prefix', () => {
        const voice = mapInteractionLog(bodyOf(loadFixture('messages', 'axp-voice-inbound').message), mappings, schema);
        expect(voice.fields).toMatchObject({
            Contact__c: voice.fields.Name_Id__c,
            Case__c: voice.fields.Related_To_Id__c
        });
        expect(voice.fields.Lead__c).toBeUndefined();
        expect(voice.fields.Account__c).toBeUndefined();

        const chat = mapInteractionLog(bodyOf(loadFixture('messages', 'axp-chat').message), mappings, schema);
        expect(String(chat.fields.Lead__c).slice(0, 15)).toBe(String(chat.fields.Name_Id__c).slice(0, 15));
        expect(chat.fields.Opportunity__c).toBe(chat.fields.Related_To_Id__c);

        const elite = mapInteractionLog(
            bodyOf(loadFixture('messages', 'elite-voice-outbound').message),
            mappings,
            schema
        );
        expect(elite.fields.Account__c).toBe(elite.fields.Related_To_Id__c);
    });

    it('reads AXP intrinsics when the camelCase fields are absent, including engagement parameters sent as a JSON string', () => {
        const body = bodyOf(loadFixture('messages', 'axp-voice-intrinsics').message);
        const intrinsics = dig(body, 'interactionData', 'interaction', 'intrinsics') as Json;
        const result = mapInteractionLog(body, mappings, schema);
        expect(result.fields.Caller_Name__c).toBe(intrinsics.CALLER_NAME);
        expect(JSON.parse(String(result.fields.Engagement_Parameters__c))).toEqual(
            JSON.parse(String(intrinsics.ENGAGEMENT_PARAMETERS))
        );
        expect(result.fields.Start_Time__c).toBe(String(intrinsics.START_TIME).replace(/[()]/g, '') + '.000Z');
    });

    it('keeps markup in the email draft as text, exactly as received', () => {
        const body = bodyOf(loadFixture('messages', 'axp-email-draft').message);
        const result = mapInteractionLog(body, mappings, schema);
        expect(result.fields.Email_Draft_Body__c).toBe(dig(body, 'interactionData', 'draft', 'emailDraftBody'));
    });

    it('names a log without a subject after its channel, direction and caller', () => {
        const body = bodyOf(loadFixture('messages', 'minimal').message);
        const result = mapInteractionLog(body, mappings, schema);
        expect(result.fields.Name).toBe(
            `Interaction with ${String(dig(body, 'interactionData', 'updatedOriginatingAddress'))}`
        );
        const noSubject = clone(bodyOf(loadFixture('messages', 'axp-voice-inbound').message));
        delete (dig(noSubject, 'interactionData', 'logDetails') as Json).subject;
        const named = mapInteractionLog(noSubject, mappings, schema);
        expect(named.fields.Name).toBe(
            `${String(named.fields.Direction__c)} ${String(named.fields.Channel__c)} with ${String(named.fields.Caller_Name__c)}`
        );
    });

    it('gives two legs of one interaction (transfer, conference) different log keys, and one redelivered leg the same key', () => {
        const key = (name: string, userId = '005000000000001AAA') =>
            mapInteractionLog(bodyOf(loadFixture('messages', name).message), mappings, schema, { userId }).fields
                .Log_Key__c;
        expect(key('axp-voice-inbound')).not.toBe(key('axp-elite-transfer'));
        expect(key('elite-voice-outbound')).not.toBe(key('elite-conference'));
        expect(key('axp-voice-inbound')).toBe(key('axp-voice-inbound'));
        expect(key('axp-voice-inbound', '005000000000002AAA')).not.toBe(key('axp-voice-inbound'));
    });

    it('leaves the raw payload out when the setting says so', () => {
        const body = bodyOf(loadFixture('messages', 'minimal').message);
        expect(
            mapInteractionLog(body, mappings, schema, { storeRawPayload: false }).fields.Raw_Payload__c
        ).toBeUndefined();
    });
});

describe('malformed messages', () => {
    const originalPrototype = Object.getOwnPropertyNames(Object.prototype).sort();

    it.each(loadFixtures('malformed').map((f) => [f.name, f.message] as const))(
        '%s is handled without an exception',
        (_name, message) => {
            const body = extractBody(message);
            expect(() => mapInteractionLog(body, mappings, schema)).not.toThrow();
            expect(() => checkBody(body)).not.toThrow();
            expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(originalPrototype);
            expect(({} as Json).polluted).toBeUndefined();
        }
    );

    it.each([
        ['no-message', 'has no body'],
        ['body-not-object', 'not an object'],
        ['interaction-id-not-string', 'not text'],
        ['missing-interaction-id', 'no interactionId'],
        ['missing-interaction-data', 'no interactionData']
    ])('%s is refused with a reason a person can act on', (name, reason) => {
        const check = checkBody(extractBody(loadFixture('malformed', name).message));
        expect(check.ok).toBe(false);
        expect(check.ok ? '' : check.reason).toContain(reason);
        const result = mapInteractionLog(extractBody(loadFixture('malformed', name).message), mappings, schema);
        expect(result.warnings[0]).toMatch(/^Message: /);
        expect(result.fields.Log_Key__c).toBeUndefined();
    });

    it('never reads __proto__, constructor or prototype, whatever the path says', () => {
        const body = JSON.parse(
            '{"interactionId":"p","interactionData":{"__proto__":{"x":"bad"},"constructor":{"prototype":{"x":"bad"}}}}'
        );
        expect(readPath(body, 'interactionData.__proto__.x')).toBeUndefined();
        expect(readPath(body, 'interactionData.constructor.prototype.x')).toBeUndefined();
        expect(readPath(body, "interactionData['__proto__'].x")).toBeUndefined();
        expect(readPath({ a: {} }, 'a.toString')).toBeUndefined();
        expect(readPath({ a: {} }, 'a.hasOwnProperty')).toBeUndefined();
        const result = mapInteractionLog(
            body,
            [mapping('Subject__c', 'interactionData.__proto__.x|interactionData.constructor.prototype.x', 'text')],
            schema
        );
        expect(result.fields.Subject__c).toBeUndefined();
    });
});

describe('paths', () => {
    it('parses dots, list indexes and quoted keys, and refuses broken paths', () => {
        expect(parsePath('a.b[0].c')).toEqual(['a', 'b', '0', 'c']);
        expect(parsePath('a[\'x.y\']["z"]')).toEqual(['a', 'x.y', 'z']);
        expect(parsePath('a..b')).toBeNull();
        expect(parsePath('a[b]')).toBeNull();
        expect(parsePath('a[0')).toBeNull();
        expect(parsePath('')).toBeNull();
        expect(parsePath('a.__proto__')).toBeNull();
    });

    it('tries fallbacks in order and skips empty values', () => {
        const body = { a: '', b: [], c: {}, d: null, e: 0, f: 'found' };
        expect(resolveSource(body, 'a|b|c|d|e|f')).toEqual({ value: 0, path: 'e' });
        expect(resolveSource(body, 'missing | f')).toEqual({ value: 'found', path: 'f' });
        expect(resolveSource(body, 'a|b')).toBeUndefined();
    });

    it('reads list items and steps into JSON held in a string', () => {
        const body = { list: [{ code: '12' }, { code: '31' }], json: '{"availableBalance":"88.10"}' };
        expect(readPath(body, 'list[1].code')).toBe('31');
        expect(readPath(body, 'list.0.code')).toBe('12');
        expect(readPath(body, 'json.availableBalance')).toBe('88.10');
        expect(readPath(body, 'json.missing')).toBeUndefined();
        expect(readPath({ s: 'not json' }, 's.x')).toBeUndefined();
    });
});

describe('coercion to the field type', () => {
    const text = field('T__c', 'String', { length: 10 });

    it('text: trims, stringifies scalars, truncates to the field length with a warning', () => {
        expect(mapOne('  hello  ', 'text', text)).toEqual({ value: 'hello', warnings: [] });
        expect(mapOne(42, 'text', text).value).toBe('42');
        expect(mapOne(false, 'text', text).value).toBe('false');
        const long = mapOne('abcdefghijklmnop', 'text', field('T__c', 'String', { length: 40 }));
        expect(long.value).toBe('abcdefghijklmnop');
        const cut = mapOne('x'.repeat(100), 'text', field('T__c', 'String', { length: 40 }));
        expect(String(cut.value)).toHaveLength(40);
        expect(String(cut.value)).toMatch(/truncated 60 of 100 characters/);
        expect(cut.warnings).toEqual(['T__c: was 100 characters; truncated to 40']);
        const obj = mapOne({ a: 1 }, 'text', field('T__c', 'String', { length: 40 }));
        expect(obj.value).toBe('{"a":1}');
        expect(obj.warnings[0]).toMatch(/expected text but found an object; stored it as JSON/);
    });

    it('number: numbers and numeric strings; rounds to the scale; refuses what does not fit', () => {
        const n = field('N__c', 'Double', { precision: 7, scale: 2 });
        expect(mapOne(12.345, 'number', n).value).toBe(12.35);
        expect(mapOne(' 1,234.5 ', 'number', n).value).toBe(1234.5);
        expect(mapOne('1e2', 'number', n).value).toBe(100);
        expect(mapOne('12abc', 'number', n)).toEqual({
            value: undefined,
            warnings: ['N__c: "12abc" is not a number (from interactionData.v); value skipped']
        });
        expect(mapOne(123456, 'number', n).warnings[0]).toMatch(/more than 5 digits before the decimal point/);
        expect(mapOne(Number.NaN, 'number', n).value).toBeUndefined();
    });

    it('duration: seconds from numbers, clock text and ISO 8601', () => {
        const d = field('D__c', 'Double', { precision: 18, scale: 0 });
        expect(mapOne(42, 'duration', d).value).toBe(42);
        expect(mapOne('00:01:30', 'duration', d).value).toBe(90);
        expect(mapOne('2:05', 'duration', d).value).toBe(125);
        expect(mapOne('PT1H2M3S', 'duration', d).value).toBe(3723);
        expect(mapOne(-5, 'duration', d).value).toBeUndefined();
        expect(mapOne('soon', 'duration', d).value).toBeUndefined();
    });

    it('boolean: true, "true", 1 and friends', () => {
        const b = field('B__c', 'Boolean');
        expect(mapOne(true, 'boolean', b).value).toBe(true);
        expect(mapOne('true', 'boolean', b).value).toBe(true);
        expect(mapOne(1, 'boolean', b).value).toBe(true);
        expect(mapOne('Yes', 'boolean', b).value).toBe(true);
        expect(mapOne('false', 'boolean', b).value).toBe(false);
        expect(mapOne(0, 'boolean', b).value).toBe(false);
        expect(mapOne('maybe', 'boolean', b).warnings[0]).toMatch(/is not true or false/);
    });

    it('datetime: ISO with and without zone, epoch milliseconds, and "YYYY-MM-DD HH:mm:ss" (UTC)', () => {
        const dt = field('DT__c', 'DateTime');
        expect(mapOne('2026-11-20T14:03:31Z', 'datetime', dt).value).toBe('2026-11-20T14:03:31.000Z');
        expect(mapOne('2026-11-20T15:03:31+01:00', 'datetime', dt).value).toBe('2026-11-20T14:03:31.000Z');
        expect(mapOne('2026-11-20 14:03:31', 'datetime', dt).value).toBe('2026-11-20T14:03:31.000Z');
        expect(mapOne(Date.UTC(2026, 10, 20, 14, 3, 31), 'datetime', dt).value).toBe('2026-11-20T14:03:31.000Z');
        expect(mapOne(String(Date.UTC(2026, 10, 20, 14, 3, 31, 250)), 'datetime', dt).value).toBe(
            '2026-11-20T14:03:31.250Z'
        );
        expect(mapOne('2026-02-30T10:00:00Z', 'datetime', dt).value).toBeUndefined();
        expect(mapOne('yesterday', 'datetime', dt).warnings[0]).toMatch(/is not a date and time/);
    });

    it('date: plain dates and the date part of a moment', () => {
        const d = field('D__c', 'Date');
        expect(mapOne('2026-11-20', 'date', d).value).toBe('2026-11-20');
        expect(mapOne('2026/1/5', 'date', d).value).toBe('2026-01-05');
        expect(mapOne('2026-11-20T23:59:00Z', 'date', d).value).toBe('2026-11-20');
        expect(mapOne('2026-13-01', 'date', d).value).toBeUndefined();
    });

    it("time: 14:03:27, the vendor's (14:03:27), 12-hour clock, and a datetime's time", () => {
        const t = field('T__c', 'Time');
        expect(mapOne('14:03:27', 'time', t).value).toBe('14:03:27.000Z');
        expect(mapOne('(14:03:27)', 'time', t).value).toBe('14:03:27.000Z');
        expect(mapOne('9:05', 'time', t).value).toBe('09:05:00.000Z');
        expect(mapOne('2:03:27 PM', 'time', t).value).toBe('14:03:27.000Z');
        expect(mapOne('14:03:27.5', 'time', t).value).toBe('14:03:27.500Z');
        expect(mapOne('2026-11-20T14:03:27Z', 'datetime', t).value).toBe('14:03:27.000Z');
        expect(mapOne('25:00:00', 'time', t).value).toBeUndefined();
    });

    it('picklist: case-insensitive match; unknown values kept on open lists, skipped on restricted ones', () => {
        const open = field('P__c', 'Picklist', { picklistValues: ['Voice', 'Chat'], restrictedPicklist: false });
        const closed = field('P__c', 'Picklist', { picklistValues: ['Inbound', 'Outbound'], restrictedPicklist: true });
        expect(mapOne('VOICE', 'text', open).value).toBe('Voice');
        expect(mapOne('Video', 'text', open)).toEqual({ value: 'Video', warnings: [] });
        expect(mapOne('outbound', 'text', closed).value).toBe('Outbound');
        const refused = mapOne('Sideways', 'text', closed);
        expect(refused.value).toBeUndefined();
        expect(refused.warnings).toEqual([
            'P__c: "Sideways" is not one of its values (Inbound, Outbound); value skipped'
        ]);
    });

    it('multi-select: one value, a list, or list-like text becomes "A;B"', () => {
        const multi = field('M__c', 'MultiPicklist', { picklistValues: ['AXP', 'Elite'], restrictedPicklist: true });
        expect(mapOne('AXP', 'list', multi).value).toBe('AXP');
        expect(mapOne(['AXP', 'Elite'], 'list', multi).value).toBe('AXP;Elite');
        expect(mapOne('[AXP,Elite]', 'list', multi).value).toBe('AXP;Elite');
        expect(mapOne(['axp', 'AXP'], 'list', multi).value).toBe('AXP');
        const partly = mapOne(['AXP', 'Other'], 'list', multi);
        expect(partly.value).toBe('AXP');
        expect(partly.warnings[0]).toMatch(/"Other" is not one of its values/);
    });

    it('json: objects and lists pretty-printed, JSON strings re-read, long values cut safely', () => {
        const j = field('J__c', 'TextArea', { length: 32768 });
        expect(mapOne({ a: [1, 2] }, 'json', j).value).toBe(JSON.stringify({ a: [1, 2] }, null, 2));
        expect(mapOne('{"a":1}', 'json', j).value).toBe(JSON.stringify({ a: 1 }, null, 2));
        expect(mapOne('plain words', 'json', j).value).toBe('plain words');
        const big = mapOne(
            { list: Array.from({ length: 5000 }, (_, k) => ({ k })) },
            'json',
            field('J__c', 'TextArea', { length: 1000 })
        );
        expect(String(big.value)).toHaveLength(1000);
        expect(big.warnings[0]).toMatch(/truncated to 1000/);
    });

    it('refuses a transform that cannot write the field, and says so', () => {
        const result = mapOne({ a: 1 }, 'json', field('B__c', 'Boolean'));
        expect(result.value).toBeUndefined();
        expect(result.warnings[0]).toMatch(/cannot write a json value to a Boolean field/);
        expect(isTransformCompatible('json', 'Boolean')).toBe(false);
        expect(isTransformCompatible('json', 'TextArea')).toBe(true);
        expect(isTransformCompatible('duration', 'Double')).toBe(true);
        expect(isTransformCompatible('text', 'Double')).toBe(false);
        expect(isTransformCompatible('shout', 'String')).toBe(false);
    });
});

describe('mapping records', () => {
    const body = { interactionId: 'i-1', interactionData: { a: 'from a', b: 'from b' } };
    const small: ObjectSchema = {
        apiName: 'Interaction_Log__c',
        fields: {
            S__c: field('S__c', 'String', { length: 80 }),
            Locked__c: field('Locked__c', 'String', { length: 80, createable: false })
        }
    };

    it('lets an active org override win over the package default for the same field', () => {
        const records = [
            mapping('S__c', 'interactionData.a', 'text'),
            mapping('S__c', 'interactionData.b', 'text', { name: 'Mine', layer: LAYER_ORG_OVERRIDE })
        ];
        expect(mapInteractionLog(body, records, small).fields.S__c).toBe('from b');
        expect(effectiveMappings(records)).toHaveLength(1);
    });

    it('switches a field off with an override that has an empty source path', () => {
        const records = [
            mapping('S__c', 'interactionData.a', 'text'),
            mapping('S__c', '', 'text', { name: 'Off', layer: LAYER_ORG_OVERRIDE })
        ];
        expect(mapInteractionLog(body, records, small).fields.S__c).toBeUndefined();
    });

    it('ignores inactive records and records for other objects', () => {
        const records = [
            mapping('S__c', 'interactionData.a', 'text', { active: false }),
            mapping('S__c', 'interactionData.b', 'text', { targetObject: 'Task' })
        ];
        expect(mapInteractionLog(body, records, small).fields.S__c).toBeUndefined();
    });

    it('warns about a mapping to a missing, formula or not createable field instead of failing', () => {
        const withFormula: ObjectSchema = {
            ...small,
            fields: { ...small.fields, F__c: field('F__c', 'Double', { calculated: true, createable: false }) }
        };
        const result = mapInteractionLog(
            body,
            [
                mapping('Missing__c', 'interactionData.a', 'text'),
                mapping('F__c', 'interactionData.a', 'number'),
                mapping('Locked__c', 'interactionData.a', 'text'),
                mapping('S__c', 'interactionData.a', 'shout')
            ],
            withFormula
        );
        expect(result.warnings).toEqual([
            'F__c: mapping F targets a formula field, which cannot be written',
            'Locked__c: not createable for this user; value skipped',
            'Missing__c: mapping Missing targets a field that does not exist on Interaction_Log__c',
            'S__c: mapping S has an unknown transform "shout"'
        ]);
        expect(result.fields).toEqual({});
    });

    it('writes every warning into Mapping_Warnings__c and counts them', () => {
        const b = clone(bodyOf(loadFixture('messages', 'axp-voice-inbound').message));
        (b.interactionData as Json).interactionType = 'Forwarded';
        (b.interactionData as Json).acwDuration = 'a while';
        const result = mapInteractionLog(b, mappings, schema);
        expect(result.warnings).toHaveLength(2);
        expect(result.fields.Mapping_Warning_Count__c).toBe(2);
        expect(result.fields.Mapping_Warnings__c).toBe(result.warnings.join('\n'));
        expect(result.fields.Interaction_Type__c).toBeUndefined();
        expect(result.fields.Channel__c).toBe('Voice');
    });
});

describe('routing Name ID and Related To ID', () => {
    const base = bodyOf(loadFixture('messages', 'axp-voice-inbound').message);
    const withIds = (nameId: unknown, relatedToId: unknown, s: ObjectSchema = schema) => {
        const b = clone(base);
        Object.assign((b.interactionData as Json).logDetails as Json, { nameId, relatedToId });
        return mapInteractionLog(b, mappings, s);
    };

    it('routes 15-character ids too, and stores the 18-character form', () => {
        const result = withIds('00Q000000000009', '001000000000009');
        expect(result.fields.Lead__c).toBe('00Q000000000009EAA');
        expect(result.fields.Account__c).toBe('001000000000009AAA');
    });

    it('keeps an id no lookup accepts as text, with a warning', () => {
        const result = withIds('500000000000001AAA', '003000000000001AAA');
        expect(result.fields.Name_Id__c).toBe('500000000000001AAA');
        expect(result.fields.Contact__c).toBeUndefined();
        expect(result.fields.Case__c).toBeUndefined();
        expect(result.warnings).toEqual([
            'Name_Id__c: id 500000000000001AAA (prefix 500) matches none of the lookups for Contact, Lead; kept as text only',
            'Related_To_Id__c: id 003000000000001AAA (prefix 003) matches none of the lookups for Account, Case, Opportunity; kept as text only'
        ]);
    });

    it('warns when the value is not a record id at all', () => {
        const result = withIds('Maria', undefined);
        expect(result.fields.Name_Id__c).toBe('Maria');
        expect(result.warnings).toEqual(['Name_Id__c: "Maria" is not a Salesforce record id; no lookup was set']);
    });

    it('routes to a lookup an admin added to a custom object, by that object key prefix', () => {
        const extended: ObjectSchema = {
            ...schema,
            fields: {
                ...schema.fields,
                Claim__c: field('Claim__c', 'Reference', { referenceTo: [{ apiName: 'Claim__c', keyPrefix: 'a01' }] })
            }
        };
        expect(withIds(undefined, 'a01000000000001AAA', extended).fields.Claim__c).toBe('a01000000000001AAA');
    });

    it('normalizes ids and refuses what cannot be an id', () => {
        expect(normalizeRecordId('001000000000001')).toBe('001000000000001AAA');
        expect(normalizeRecordId('001Ab0000000001')).toBe('001Ab0000000001IAA');
        expect(normalizeRecordId('001-not-an-id!!')).toBeUndefined();
        expect(normalizeRecordId('0010000000000')).toBeUndefined();
    });
});

describe('never throws', () => {
    const hostile: [string, unknown][] = [
        ['undefined', undefined],
        ['null', null],
        ['a number', 42],
        ['a list', [1, 2]],
        ['text', 'hello'],
        ['interactionData as a list', { interactionId: 'x', interactionData: [] }]
    ];

    it.each(hostile)('on %s', (_label, body) => {
        expect(() => mapInteractionLog(body, mappings, schema)).not.toThrow();
        expect(mapInteractionLog(body, mappings, schema).warnings[0]).toMatch(/^Message: /);
    });

    it('on cyclic and very deep structures', () => {
        const cyclic: Json = { interactionId: 'c', interactionData: { logDetails: {} } };
        (cyclic.interactionData as Json).self = cyclic;
        ((cyclic.interactionData as Json).logDetails as Json).customFields = cyclic;
        let deep: Json = { end: true };
        for (let k = 0; k < 200000; k += 1) deep = { d: deep };
        (cyclic.interactionData as Json).interaction = { attributes: deep };
        const result = mapInteractionLog(cyclic, mappings, schema);
        expect(String(result.fields.Raw_Payload__c)).toContain('[Circular]');
        expect(String(result.fields.Attributes__c)).toContain('[Too deep]');
        expect(String(result.fields.Custom_Fields__c)).toContain('[Circular]');
    });

    it('on getters that throw', () => {
        const body: Json = { interactionId: 'g', interactionData: {} };
        Object.defineProperty(body.interactionData, 'callerName', {
            enumerable: true,
            get() {
                throw new Error('boom');
            }
        });
        expect(() => mapInteractionLog(body, mappings, schema)).not.toThrow();
    });

    it('on a body larger than the raw payload field, which is cut with a marker', () => {
        const body = { interactionId: 'big', interactionData: { logDetails: { comments: 'c'.repeat(300000) } } };
        const result = mapInteractionLog(body, mappings, schema);
        expect(String(result.fields.Raw_Payload__c).length).toBeLessThanOrEqual(RAW_PAYLOAD_MAX);
        expect(String(result.fields.Raw_Payload__c)).toMatch(/…\[truncated \d+ of \d+ characters\]$/);
        expect(String(result.fields.Comments__c)).toHaveLength(32768);
        expect(result.warnings).toEqual([
            'Comments__c: was 300000 characters; truncated to 32768',
            expect.stringMatching(/^Log_Key__c: the log has no time/),
            `Raw_Payload__c: the body is larger than ${RAW_PAYLOAD_MAX} characters; truncated`
        ]);
    });
});

describe('helpers', () => {
    it('truncate never splits a surrogate pair', () => {
        const text = 'ab' + '😀'.repeat(10);
        for (let max = 1; max < text.length; max += 1) {
            const cut = truncate(text, max);
            expect(cut.length).toBeLessThanOrEqual(max);
            expect(cut).not.toMatch(/[\uD800-\uDBFF]$/);
        }
        expect(truncate('short', 10)).toBe('short');
    });

    it('safeStringify matches JSON.stringify on plain data', () => {
        const data = { a: [1, 'two', { three: null }], b: true, c: 'q"uote', d: undefined, e: [] as unknown[], f: {} };
        expect(safeStringify(data)).toBe(JSON.stringify(data));
        expect(safeStringify(data, 2)).toBe(JSON.stringify(data, null, 2));
        expect(safeStringify(Number.POSITIVE_INFINITY)).toBe('null');
    });

    it('buildLogKey keeps long keys unique and within 255 characters', () => {
        const a = buildLogKey({ interactionId: 'x'.repeat(300) + 'a', userId: '005' });
        const b = buildLogKey({ interactionId: 'x'.repeat(300) + 'b', userId: '005' });
        expect(a.length).toBeLessThanOrEqual(255);
        expect(a).not.toBe(b);
        expect(buildLogKey({ interactionId: 'i|d', userId: 'u', resourceAddress: 'r', time: 'e' })).toBe('i\\|d|u|r|e');
    });

    it('extractBody finds the body in a window message or takes a bare body', () => {
        const message = loadFixture('messages', 'minimal').message;
        const body = extractBody(message) as Json;
        expect(body.interactionId).toBe(dig(message, 'data', 'message', 'body', 'interactionId'));
        expect(extractBody(body)).toBe(body);
        expect(extractBody('x')).toBeUndefined();
        expect(extractBody({ data: { message: 'no' } })).toBeUndefined();
    });
});
