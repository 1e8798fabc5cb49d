/**
 * Fuzzing the mapper with fast-check: 10,000 generated bodies per run, half arbitrary JSON,
 * half mutations of the sample messages. Whatever comes in, the mapper never throws and
 * only ever writes values Salesforce would accept.
 */
import fc from 'fast-check';
import { extractBody, mapInteractionLog, RAW_PAYLOAD_MAX } from 'c/interactionLog';
import { loadFieldMappings, loadObjectSchema } from '@tools/lib/forceApp';
import { loadFixtures } from '@fixtures';
import { checkValue } from '@workbench/orgEmulator';

const schema = loadObjectSchema();
const mappings = loadFieldMappings();
const samples = loadFixtures('messages').map((f) => extractBody(f.message) as Record<string, unknown>);
const RUNS_EACH = 5000;

/** Everything the mapper promises about one result. */
function assertSafe(body: unknown): void {
    const first = mapInteractionLog(body, mappings, schema, { userId: '005000000000001AAA' });
    for (const [name, value] of Object.entries(first.fields)) {
        const field = schema.fields[name];
        if (!field) throw new Error(`${name} is not a field of the object`);
        if (!field.createable) throw new Error(`${name} is not createable`);
        const problem = checkValue(field, value);
        if (problem)
            throw new Error(`${name}=${JSON.stringify(value).slice(0, 80)}: ${problem.code} ${problem.message}`);
        if (
            field.restrictedPicklist &&
            !String(value)
                .split(';')
                .every((v) => field.picklistValues?.includes(v))
        ) {
            throw new Error(`${name} got ${String(value)}, not an allowed value`);
        }
    }
    const raw = first.fields.Raw_Payload__c;
    if (raw !== undefined && String(raw).length > RAW_PAYLOAD_MAX) throw new Error('Raw_Payload__c is too long');
    const second = mapInteractionLog(body, mappings, schema, { userId: '005000000000001AAA' });
    expect(second).toEqual(first);
}

/** Values that stress coercion: near-misses of every format the transforms read. */
const tricky = fc.oneof(
    fc.jsonValue(),
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc.constantFrom(
        '',
        ' ',
        '(14:03:27)',
        '25:61:61',
        '2026-02-30T10:00:00Z',
        '2026-11-20 14:03:31',
        '1e309',
        '-0',
        'NaN',
        'true',
        'TRUE',
        'yes',
        '[AXP,Elite]',
        '["AXP","Other"]',
        '{"a":',
        '003000000000001',
        '00Q000000000001AAA',
        'a01000000000001ZZZ',
        '<img src=x onerror=alert(1)>',
        '\uD83D',
        '😀'.repeat(200),
        'x'.repeat(40000),
        '__proto__'
    ),
    fc.integer(),
    fc.double(),
    fc.date({ noInvalidDate: true }).map((d) => d.getTime())
);

/** A path of keys into a sample, to mutate. */
function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
    if (value && typeof value === 'object') {
        for (const key of Object.keys(value)) {
            out.push([...prefix, key]);
            paths((value as Record<string, unknown>)[key], [...prefix, key], out);
        }
    }
    return out;
}

function mutate(
    sample: Record<string, unknown>,
    changes: { pick: number; value: unknown; remove: boolean }[]
): unknown {
    const copy = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
    const all = paths(copy);
    for (const change of changes) {
        const path = all[change.pick % all.length];
        let parent: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) {
            const next = parent[key];
            if (!next || typeof next !== 'object') break;
            parent = next as Record<string, unknown>;
        }
        const last = path[path.length - 1];
        if (change.remove) delete parent[last];
        else parent[last] = change.value;
    }
    return copy;
}

describe('interactionLogMapper under fuzzing', () => {
    it(`maps ${RUNS_EACH} arbitrary JSON bodies safely and deterministically`, () => {
        const bodies = fc.oneof(
            fc.jsonValue(),
            fc.record({ interactionId: fc.oneof(fc.string(), fc.jsonValue()), interactionData: fc.jsonValue() }),
            fc.record({
                interactionId: fc.string({ minLength: 1 }),
                interactionData: fc.dictionary(fc.string(), tricky)
            })
        );
        fc.assert(
            fc.property(bodies, (body) => assertSafe(body)),
            { numRuns: RUNS_EACH, seed: 20261124 }
        );
    });

    it(`maps ${RUNS_EACH} mutations of the sample messages safely and deterministically`, () => {
        const mutations = fc
            .record({
                sample: fc.integer({ min: 0, max: samples.length - 1 }),
                changes: fc.array(fc.record({ pick: fc.nat(), value: tricky, remove: fc.boolean() }), {
                    minLength: 1,
                    maxLength: 6
                })
            })
            .map(({ sample, changes }) => mutate(samples[sample], changes));
        fc.assert(
            fc.property(mutations, (body) => assertSafe(body)),
            { numRuns: RUNS_EACH, seed: 20261125 }
        );
    });

    it('leaves Object.prototype untouched after all that', () => {
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(
            [
                'constructor',
                '__defineGetter__',
                '__defineSetter__',
                'hasOwnProperty',
                '__lookupGetter__',
                '__lookupSetter__',
                'isPrototypeOf',
                'propertyIsEnumerable',
                'toString',
                'valueOf',
                '__proto__',
                'toLocaleString'
            ].sort()
        );
    });
});
