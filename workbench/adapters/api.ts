/**
 * The workbench's stand-in for the org's HTTP API: every adapter talks to the org
 * emulator on the page's own origin, as Lightning talks to its org.
 */

/** What LDS rejects with: a FetchResponse-like object, or a TypeError when the network failed. */
export interface FetchError {
    status: number;
    ok: false;
    statusText: string;
    body: unknown;
}

/**
 * One request to the org, sent as Lightning's own client sends its actions: an
 * XMLHttpRequest carrying the request as text. (A `fetch` with a text body is not the same
 * for the page: Chromium keeps such text through its minor collections, in their pause on
 * the main thread; docs/reliability.md has the measurement.)
 */
export function callOrg(method: string, path: string, body?: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open(method, `/api${path}`);
        if (body !== undefined) request.setRequestHeader('Content-Type', 'application/json');
        request.onerror = () => reject(new TypeError('Network request failed'));
        request.onload = () => {
            try {
                const text = request.responseText;
                const parsed: unknown = text ? JSON.parse(text) : undefined;
                if (request.status >= 200 && request.status < 300) {
                    resolve(parsed);
                    return;
                }
                const error: FetchError = {
                    status: request.status,
                    ok: false,
                    statusText: request.statusText,
                    body: parsed
                };
                reject(error);
            } catch (error) {
                reject(error);
            }
        };
        request.send(body === undefined ? null : JSON.stringify(body));
    });
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
