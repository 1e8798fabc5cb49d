/**
 * clickToDial: calling a customer from a Salesforce record, without Open CTI.
 *
 * A record page (the interactionLogDial component) lists the numbers of its record and, on
 * a Case or an Opportunity, of its Contact and Account. A click publishes a `dial` message
 * on the package's Lightning Message Service channel (Interaction_Log_Click_To_Dial__c);
 * the crmConnector in the utility bar receives it and, while the connector has enabled
 * click-to-dial, posts `clickToDialResponse` to the connector. The host answers every
 * `hello` (a record page asking who is there) and every change of the connector's choice
 * with a `state` message, so buttons say when calling is not possible.
 *
 * Terms:
 * - target: one number to call, with whose it is (the record, its kind of number);
 * - dial request: what a click sends (c/connectorProtocol DialRequest);
 * - state: whether a host is on the page and whether its connector takes calls.
 *
 * Pure: no DOM, no Salesforce imports but the labels.
 */
import type { DialRequest } from 'c/connectorProtocol';
import type { RecordSummary } from 'c/crmRecord';
import { isPlainObject, normalizeRecordId, own, withoutControls } from 'c/safeData';
import { formatLabel, LABELS } from 'c/interactionLogLabels';

/** The phone fields read, in the order they are offered, with the kind of number each is. */
const PHONE_FIELDS: readonly (readonly [string, string])[] = [
    ['Phone', LABELS.dialPhone],
    ['MobilePhone', LABELS.dialMobile],
    ['HomePhone', LABELS.dialHome],
    ['OtherPhone', LABELS.dialOther],
    ['AssistantPhone', LABELS.dialAssistant]
];

const PERSON_FIELDS = ['Name', 'Phone', 'MobilePhone', 'Email', 'DoNotCall'];

/** Where each object's numbers are: its own fields, and the records it belongs to. */
const SOURCES: Record<string, { own: string[]; related: Record<string, string[]>; nameField: string }> = {
    Contact: {
        own: ['Name', 'Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone', 'Email', 'DoNotCall'],
        related: { Account: ['Name', 'Phone'] },
        nameField: 'Name'
    },
    Lead: { own: PERSON_FIELDS, related: {}, nameField: 'Name' },
    Account: { own: ['Name', 'Phone'], related: {}, nameField: 'Name' },
    Case: {
        own: ['CaseNumber'],
        related: { Contact: PERSON_FIELDS, Account: ['Name', 'Phone'] },
        nameField: 'CaseNumber'
    },
    Opportunity: { own: ['Name'], related: { Contact: PERSON_FIELDS, Account: ['Name', 'Phone'] }, nameField: 'Name' }
};

/** Objects whose record pages offer calls. */
export const DIAL_OBJECTS: readonly string[] = Object.keys(SOURCES);

/**
 * The fields a record page asks Lightning Data Service for: the record's name (getRecord
 * needs one field it may fail on), the rest optional (a field the agent cannot see is left
 * out rather than failing the whole record).
 */
export function dialFieldsFor(objectApiName: string): { fields: string[]; optionalFields: string[] } {
    const source = SOURCES[objectApiName];
    if (!source) return { fields: [], optionalFields: [] };
    return {
        fields: [`${objectApiName}.${source.nameField}`],
        optionalFields: [
            ...source.own.filter((f) => f !== source.nameField).map((f) => `${objectApiName}.${f}`),
            ...Object.entries(source.related).flatMap(([relation, fields]) => [
                `${objectApiName}.${relation}Id`,
                ...fields.map((f) => `${objectApiName}.${relation}.${f}`)
            ])
        ]
    };
}

/** The part of a Lightning Data Service record (getRecord) read here. */
export interface UiRecord {
    id?: string;
    apiName?: string;
    fields?: Record<string, { value?: unknown; displayValue?: unknown } | undefined>;
}

export interface DialTarget {
    /** Unique in the list: the record id and the field. */
    key: string;
    number: string;
    /** What the number is and whose: "Mobile · Maria Gonzalez". */
    label: string;
    doNotCall: boolean;
    request: DialRequest;
}

function valueOf(record: UiRecord | undefined, field: string): unknown {
    const entry = record?.fields && isPlainObject(record.fields) ? own(record.fields, field) : undefined;
    return isPlainObject(entry) ? own(entry, 'value') : undefined;
}

function textOf(record: UiRecord | undefined, field: string): string {
    const value = valueOf(record, field);
    return typeof value === 'string' ? withoutControls(value).trim() : '';
}

function summaryOf(record: UiRecord | undefined, objectType: string, nameField: string): RecordSummary | undefined {
    const recordId = typeof record?.id === 'string' ? normalizeRecordId(record.id) : undefined;
    if (!recordId) return undefined;
    return { recordId, recordName: textOf(record, nameField) || recordId, objectType };
}

/** A related record inside the record's fields (`Account: { value: { id, fields } }`). */
function relatedRecord(record: UiRecord, relation: string): UiRecord | undefined {
    const value = valueOf(record, relation);
    return isPlainObject(value) ? (value as UiRecord) : undefined;
}

function targetsOf(
    record: UiRecord | undefined,
    summary: RecordSummary | undefined,
    related: RecordSummary[]
): DialTarget[] {
    if (!record || !summary) return [];
    const doNotCall = valueOf(record, 'DoNotCall') === true;
    const email = textOf(record, 'Email') || undefined;
    const seen = new Set<string>();
    const targets: DialTarget[] = [];
    for (const [field, kind] of PHONE_FIELDS) {
        const number = textOf(record, field);
        if (!number || seen.has(number)) continue;
        seen.add(number);
        targets.push({
            key: `${summary.recordId}:${field}`,
            number,
            label: formatLabel(LABELS.dialWhose, kind, summary.recordName),
            doNotCall,
            request: { number, record: summary, email, doNotCall, related: related.filter((r) => r !== summary) }
        });
    }
    return targets;
}

/**
 * Every number the record offers: its own first, then (on a Case or an Opportunity) its
 * Contact's and its Account's, each dial request carrying the records the call is about.
 */
export function dialTargetsFor(objectApiName: string, record: UiRecord | undefined): DialTarget[] {
    const source = SOURCES[objectApiName];
    if (!source || !record) return [];
    const self = summaryOf(record, objectApiName, source.nameField);
    const relations = Object.keys(source.related).map((relation) => {
        const child = relatedRecord(record, relation);
        return { child, summary: summaryOf(child, relation, 'Name') };
    });
    const about = [self, ...relations.map((r) => r.summary)].filter((s): s is RecordSummary => Boolean(s));
    const targets = targetsOf(record, self, about);
    for (const { child, summary } of relations) {
        // The record itself first among the records the call is about, then the others.
        const order = summary ? [summary, ...about.filter((s) => s !== summary)] : about;
        targets.push(...targetsOf(child, summary, order));
    }
    return targets;
}

// ---------------------------------------------------------------------------
// The channel
// ---------------------------------------------------------------------------

/** A record page asks whether a host is there; the host answers with its state. */
export interface HelloMessage {
    kind: 'hello';
}

export interface DialMessage {
    kind: 'dial';
    request: DialRequest;
}

/** The host's answer: it is there, and whether its connector takes calls now. */
export interface StateMessage {
    kind: 'state';
    enabled: boolean;
}

export type ChannelMessage = HelloMessage | DialMessage | StateMessage;

function summaryFrom(value: unknown): RecordSummary | undefined {
    if (!isPlainObject(value)) return undefined;
    const id = own(value, 'recordId');
    const recordId = typeof id === 'string' ? normalizeRecordId(id) : undefined;
    const recordName = own(value, 'recordName');
    const objectType = own(value, 'objectType');
    if (!recordId || typeof recordName !== 'string' || typeof objectType !== 'string') return undefined;
    return { recordId, recordName: withoutControls(recordName).slice(0, 255), objectType: objectType.slice(0, 80) };
}

function requestFrom(value: unknown): DialRequest | undefined {
    if (!isPlainObject(value)) return undefined;
    const number = own(value, 'number');
    const record = summaryFrom(own(value, 'record'));
    if (typeof number !== 'string' || !/\d/.test(number) || number.length > 40 || !record) return undefined;
    const email = own(value, 'email');
    const related = own(value, 'related');
    return {
        number: withoutControls(number).trim(),
        record,
        email: typeof email === 'string' && email.length <= 320 ? email : undefined,
        doNotCall: own(value, 'doNotCall') === true,
        related: Array.isArray(related)
            ? related
                  .slice(0, 5)
                  .map(summaryFrom)
                  .filter((r): r is RecordSummary => Boolean(r))
            : []
    };
}

/**
 * Reads a message from the channel; anything else (another package's payload, a malformed
 * one) is undefined. Every component on the page can publish on an application channel,
 * so the host trusts nothing it does not check.
 */
export function readChannelMessage(value: unknown): ChannelMessage | undefined {
    if (!isPlainObject(value)) return undefined;
    switch (own(value, 'kind')) {
        case 'hello':
            return { kind: 'hello' };
        case 'state': {
            const enabled = own(value, 'enabled');
            return typeof enabled === 'boolean' ? { kind: 'state', enabled } : undefined;
        }
        case 'dial': {
            const request = requestFrom(own(value, 'request'));
            return request ? { kind: 'dial', request } : undefined;
        }
        default:
            return undefined;
    }
}

/** How a record page's buttons stand: checking for a host, none, calls off, or ready. */
export type DialState = 'checking' | 'no-connector' | 'disabled' | 'ready';

/** What a record page tells the agent in each state (nothing when calls can be made). */
export function dialStateText(state: DialState): string | undefined {
    switch (state) {
        case 'checking':
            return LABELS.dialChecking;
        case 'no-connector':
            return LABELS.dialNoConnector;
        case 'disabled':
            return LABELS.dialDisabled;
        default:
            return undefined;
    }
}

// ---------------------------------------------------------------------------
// The host's side
// ---------------------------------------------------------------------------

export interface DialHostOptions {
    /** Publishes on the channel (the state for record pages). */
    publish(message: StateMessage): void;
    /** Sends a dial to the connector (clickToDialResponse). */
    dial(request: DialRequest): void;
}

/**
 * The crmConnector's side of the channel: whether calls can be made (the connector is
 * connected and has enabled click-to-dial), told to every record page that asks and
 * whenever it changes; a dial is passed on only while calls can be made.
 */
export class DialHost {
    private enabled = false;
    private connected = false;
    private announced?: boolean;

    constructor(private readonly options: DialHostOptions) {}

    get canDial(): boolean {
        return this.enabled && this.connected;
    }

    /** The connector's requestEnableClickToDial. */
    setEnabled(enabled: boolean): void {
        this.enabled = enabled;
        this.announceChange();
    }

    /** Whether the connector finished its handshake (a reload starts it again). */
    setConnected(connected: boolean): void {
        this.connected = connected;
        if (!connected) this.enabled = false;
        this.announceChange();
    }

    /** A message on the channel: answers hello, passes on a dial when calls can be made. */
    hear(raw: unknown): void {
        const message = readChannelMessage(raw);
        if (message?.kind === 'hello') this.announce();
        else if (message?.kind === 'dial') {
            if (this.canDial) this.options.dial(message.request);
            else this.announce();
        }
    }

    /** Tells record pages the state now (also when a host starts: pages may be waiting). */
    announce(): void {
        this.announced = this.canDial;
        this.options.publish({ kind: 'state', enabled: this.canDial });
    }

    private announceChange(): void {
        if (this.announced !== this.canDial) this.announce();
    }
}
