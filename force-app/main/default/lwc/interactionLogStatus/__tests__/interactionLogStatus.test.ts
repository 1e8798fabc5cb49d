import { createElement } from 'lwc';
import InteractionLogStatus from 'c/interactionLogStatus';
import { EMPTY_SNAPSHOT, type OutboxEntry, type OutboxSnapshot } from 'c/interactionLog';

type Status = HTMLElement & {
    shadowRoot: ShadowRoot;
    snapshot: OutboxSnapshot;
    connectionLabel: string;
    rejections: { reason: string; label: string; count: number }[];
    lastRejection: string;
};

function entry(id: string, state: OutboxEntry['state'], extra: Partial<OutboxEntry> = {}): OutboxEntry {
    return {
        id,
        group: id,
        seq: 1,
        label: `Call ${id}`,
        bodyJson: '{}',
        state,
        attempts: 0,
        receivedAt: 0,
        nextAttemptAt: 0,
        durable: true,
        ...extra
    };
}

/** A snapshot holding these rows, counted as if they were all there is unless told otherwise. */
function snap(parts: Partial<OutboxSnapshot>): OutboxSnapshot {
    const pending = parts.pending ?? [];
    const failed = parts.failed ?? [];
    return { ...EMPTY_SNAPSHOT, pendingCount: pending.length, failedCount: failed.length, ...parts };
}

const flush = () => Promise.resolve().then(() => Promise.resolve());

function mount(snapshot: OutboxSnapshot, rejections: Status['rejections'] = []): Status {
    const element = createElement('c-interaction-log-status', { is: InteractionLogStatus }) as Status;
    element.connectionLabel = 'Connected';
    element.snapshot = snapshot;
    element.rejections = rejections;
    element.lastRejection = 'Message from https://evil.example, which is not an allowed connector origin.';
    document.body.appendChild(element);
    return element;
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('c-interaction-log-status', () => {
    it('counts what waits, what needs attention and what was refused, in natural words', async () => {
        const element = mount(
            snap({
                pending: [entry('a', 'pending'), entry('b', 'saving')],
                failed: [entry('c', 'failed')],
                inFlight: 1,
                notDurable: 1
            }),
            [{ reason: 'origin', label: 'From an origin that is not allowed', count: 2 }]
        );
        await flush();
        const toggle = element.shadowRoot.querySelector('.queue-toggle') as HTMLElement & { label: string };
        expect(toggle.label).toBe('2 pending, 1 needs attention, 2 refused');
        expect(element.shadowRoot.querySelector('.not-durable')?.textContent).toBe(
            '1 log could not be stored in this browser: keep this tab open until it is saved.'
        );
    });

    it('links the last saved log to its record', async () => {
        const element = mount(
            snap({ lastSaved: entry('d', 'saved', { recordId: 'a00000000000001AAA', label: 'Inbound call' }) })
        );
        await flush();
        const link = element.shadowRoot.querySelector('.last-saved-link') as HTMLAnchorElement;
        expect(link.textContent).toBe('Inbound call');
        expect(link.getAttribute('href')).toBe('/lightning/r/Interaction_Log__c/a00000000000001AAA/view');
        expect(element.shadowRoot.querySelector('.queue-toggle')).toBeNull();
    });

    it('opens the panel with each log, its state and detail, and asks for a retry by id', async () => {
        const element = mount(
            snap({
                pending: [entry('a', 'pending', { attempts: 2, lastError: 'Salesforce cannot be reached.' })],
                failed: [entry('c', 'failed', { errorDetail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' })]
            }),
            [{ reason: 'origin', label: 'From an origin that is not allowed', count: 1 }]
        );
        await flush();
        (element.shadowRoot.querySelector('.queue-toggle') as HTMLElement).click();
        await flush();
        const rows = [...element.shadowRoot.querySelectorAll('.queue-row')];
        expect(rows.map((r) => r.querySelector('.row-state')?.textContent)).toEqual([
            'Needs attention',
            'Waiting to retry (attempt 2)'
        ]);
        expect(rows[0].querySelector('.row-detail')?.textContent).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
        expect(element.shadowRoot.querySelector('.rejections')?.textContent).toBe(
            'From an origin that is not allowed: 1'
        );
        const retries: string[] = [];
        element.addEventListener('retry', (event) => retries.push((event as CustomEvent<{ id: string }>).detail.id));
        (rows[0].querySelector('.retry') as HTMLElement).click();
        expect(retries).toEqual(['c']);
    });

    it('counts every waiting log but shows one page of them, and asks for the next page', async () => {
        const page = Array.from({ length: 50 }, (_, i) => entry(`p${i}`, 'pending'));
        const element = mount(snap({ pending: page, pendingCount: 10000, expired: 3 }));
        await flush();
        const toggle = element.shadowRoot.querySelector('.queue-toggle') as HTMLElement & { label: string };
        expect(toggle.label).toBe('10000 pending');
        expect(element.shadowRoot.querySelector('.expired')?.textContent).toBe(
            '3 logs waited too long in this browser and were dropped.'
        );
        toggle.click();
        await flush();
        expect(element.shadowRoot.querySelectorAll('.queue-row')).toHaveLength(50);
        expect(element.shadowRoot.querySelector('.range')?.textContent).toBe('Showing 1–50 of 10000');
        const pages: number[] = [];
        element.addEventListener('page', (event) =>
            pages.push((event as CustomEvent<{ offset: number }>).detail.offset)
        );
        (element.shadowRoot.querySelector('.next') as HTMLElement).click();
        expect(pages).toEqual([50]);
    });
});
