import { LightningElement } from 'lwc';

interface Faults {
    /** Not a fault: the workbench setting record's Create Task, read when the page loads. */
    createTask?: boolean;
    offline: boolean;
    failStatus: number;
    sessionExpired: boolean;
    latencyMs: number;
    rejectFields: string[];
}

/** Tells the org emulator to misbehave, so a person can watch the outbox keep every log. */
export default class OrgControls extends LightningElement {
    faults: Faults = { offline: false, failStatus: 0, sessionExpired: false, latencyMs: 0, rejectFields: [] };
    statusText = '';

    override connectedCallback(): void {
        fetch('/api/control')
            .then((r) => r.json())
            .then((faults: Faults) => {
                this.faults = faults;
            })
            .catch(() => {
                this.statusText = 'The org emulator does not answer.';
            });
    }

    /** The org's on/off faults, as toggles. */
    get toggles() {
        return [
            {
                name: 'offline',
                label: 'Offline',
                checked: this.faults.offline,
                active: 'Requests dropped',
                inactive: 'Online'
            },
            {
                name: 'fail503',
                label: 'Answer 503',
                checked: this.faults.failStatus === 503,
                active: 'Unavailable',
                inactive: 'Healthy'
            },
            {
                name: 'sessionExpired',
                label: 'Session expired',
                checked: this.faults.sessionExpired,
                active: '401',
                inactive: 'Valid'
            },
            {
                name: 'createTask',
                label: 'Setting: Create Task',
                checked: Boolean(this.faults.createTask),
                active: 'On (reloads the page)',
                inactive: 'Off (reloads the page)'
            }
        ];
    }

    get rejectFields(): string {
        return this.faults.rejectFields.join(', ');
    }

    handleToggle(event: Event): void {
        const input = event.target as HTMLInputElement;
        if (input.name === 'fail503') this.send({ failStatus: input.checked ? 503 : 0 });
        // The component reads its setting when it loads, as it does in Lightning.
        else if (input.name === 'createTask') this.send({ createTask: input.checked }, () => window.location.reload());
        else this.send({ [input.name]: input.checked });
    }

    handleLatency(event: Event): void {
        this.send({ latencyMs: Math.max(0, Number((event.target as HTMLInputElement).value) || 0) });
    }

    handleRejectFields(event: Event): void {
        const value = (event.target as HTMLInputElement).value;
        this.send({ rejectFields: value.split(/[\s,]+/).filter(Boolean) });
    }

    private send(change: Partial<Faults>, then?: () => void): void {
        fetch('/api/control', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(change)
        })
            .then((r) => r.json())
            .then((faults: Faults) => {
                this.faults = faults;
                this.statusText = describe(faults);
                then?.();
            })
            .catch(() => {
                this.statusText = 'The org emulator does not answer.';
            });
    }
}

function describe(f: Faults): string {
    const parts = [
        f.offline ? 'dropping every request' : '',
        f.failStatus ? `answering ${f.failStatus}` : '',
        f.sessionExpired ? 'answering 401 INVALID_SESSION_ID' : '',
        f.latencyMs ? `${f.latencyMs} ms latency` : '',
        f.rejectFields.length ? `refusing ${f.rejectFields.join(', ')}` : ''
    ].filter(Boolean);
    return parts.length ? `The org is ${parts.join(', ')}.` : 'The org behaves.';
}
