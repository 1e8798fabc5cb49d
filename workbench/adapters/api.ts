/**
 * The workbench's stand-in for the org's HTTP API: every adapter talks to the org
 * emulator on the page's own origin, as Lightning talks to its org.
 */

/** What LDS rejects with: a FetchResponse-like object, or the fetch TypeError when offline. */
export interface FetchError {
    status: number;
    ok: false;
    statusText: string;
    body: unknown;
}

export async function callOrg(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`/api${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
        const error: FetchError = { status: response.status, ok: false, statusText: response.statusText, body: parsed };
        throw error;
    }
    return parsed;
}

/**
 * A wire adapter that provisions one value as soon as it connects, as the platform's
 * context adapters do (MessageContext, IsConsoleNavigation, EnclosingUtilityId).
 */
export function constantWireAdapter<T>(value: T) {
    return class ConstantWireAdapter {
        constructor(private readonly dataCallback: (value: T) => void) {}

        connect(): void {
            this.dataCallback(value);
        }

        disconnect(): void {
            // Nothing to release.
        }

        update(): void {
            // No configuration.
        }
    };
}

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

/**
 * A wire adapter that loads once per configuration from the org emulator and, like Lightning
 * Data Service, provisions again when the browser comes back online after a failed load.
 */
export function fetchingWireAdapter(pathFor: (config: Record<string, unknown>) => string | undefined) {
    return class FetchingWireAdapter {
        private connected = false;
        private failed = false;
        private config?: Record<string, unknown>;
        private readonly onOnline = () => {
            if (this.failed) this.load();
        };

        constructor(private readonly dataCallback: DataCallback) {}

        connect(): void {
            this.connected = true;
            window.addEventListener('online', this.onOnline);
            this.load();
        }

        disconnect(): void {
            this.connected = false;
            window.removeEventListener('online', this.onOnline);
        }

        update(config: Record<string, unknown>): void {
            this.config = config;
            this.load();
        }

        private load(): void {
            if (!this.connected || !this.config) return;
            const path = pathFor(this.config);
            if (!path) return;
            callOrg('GET', path).then(
                (data) => {
                    this.failed = false;
                    if (this.connected) this.dataCallback({ data, error: undefined });
                },
                (error: unknown) => {
                    this.failed = true;
                    if (this.connected) this.dataCallback({ data: undefined, error });
                }
            );
        }
    };
}
