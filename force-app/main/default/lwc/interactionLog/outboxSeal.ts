/**
 * outboxSeal: what the outbox writes of a waiting log is sealed (AES-GCM, 256-bit) with a key
 * only the user's Salesforce session obtains (Apex InteractionLogOutboxKey), so another user
 * of the same browser, or anyone reading its profile folder, cannot read it.
 *
 * Terms:
 * - sealed text: `aesgcm1.<iv>.<ciphertext>` (base64), bound to the storage key it is written
 *   under (additional data), so a sealed body cannot be moved to another entry;
 * - the key arrives once (`useKey`), after the component asked Apex; until then `seal` and
 *   `open` wait for it. `unavailable` ends the wait: then `seal` refuses (the outbox keeps
 *   the log in memory only, and says so) and `open` refuses (a stored log waits for a session
 *   that can open it).
 */
import { errorMessage, normalizeSaveError } from './saveErrors';

const PREFIX = 'aesgcm1.';
/** How a refusal for want of a key begins (the outbox keeps such logs for a session that has one). */
export const NO_OUTBOX_KEY = 'No outbox key';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The bytes `text` takes in UTF-8, as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
    let bytes = text.length;
    for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (code < 0x80) continue;
        if (code < 0x800) {
            bytes += 1;
            continue;
        }
        const next = text.charCodeAt(i + 1);
        if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i += 1; // a pair: 4 bytes
        bytes += 2;
    }
    return bytes;
}

/** The characters `text` takes once sealed: exact, so the outbox can tell whether it fits before sealing it. */
export function sealedLength(text: string): number {
    const base64 = (bytes: number) => 4 * Math.ceil(bytes / 3);
    return PREFIX.length + base64(IV_BYTES) + 1 + base64(utf8Length(text) + TAG_BYTES);
}

/** What the outbox needs of a seal. */
export interface BodySeal {
    seal(text: string, boundTo: string): Promise<string>;
    open(sealed: string, boundTo: string): Promise<string>;
}

/** The subset of SubtleCrypto used here. */
type Subtle = Pick<SubtleCrypto, 'importKey' | 'encrypt' | 'decrypt'>;

function toBase64(bytes: Uint8Array): string {
    let text = '';
    // apply takes the typed array as it is; a spread would step an iterator through every byte.
    for (let i = 0; i < bytes.length; i += 0x8000)
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
    return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
    const raw = atob(text);
    const bytes = new Uint8Array(new ArrayBuffer(raw.length));
    for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
}

/** Whether stored text is sealed (what an earlier version wrote is not). */
export function isSealed(text: string): boolean {
    return text.startsWith(PREFIX);
}

export class OutboxSeal implements BodySeal {
    private readonly key: Promise<CryptoKey>;
    private settle!: { use(key: CryptoKey): void; refuse(reason: Error): void };
    private settled = false;
    private requesting = false;

    constructor(
        private readonly subtle: Subtle | undefined = globalThis.crypto?.subtle,
        private readonly random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (bytes) =>
            globalThis.crypto.getRandomValues(bytes)
    ) {
        this.key = new Promise<CryptoKey>((resolve, reject) => {
            this.settle = { use: resolve, refuse: reject };
        });
        // A refusal nobody awaited yet is not an unhandled rejection.
        this.key.catch(() => undefined);
    }

    /** The user's key, as Apex gave it (base64 of 32 bytes). */
    async useKey(base64Key: string): Promise<void> {
        if (this.settled) return;
        if (!this.subtle) {
            this.unavailable('This browser has no Web Crypto');
            return;
        }
        try {
            const raw = fromBase64(base64Key);
            if (raw.length !== 32) throw new Error('the key is not 256 bits');
            const key = await this.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
            this.settled = true;
            this.settle.use(key);
        } catch (error) {
            this.unavailable(error instanceof Error ? error.message : String(error));
        }
    }

    /**
     * Asks for the key (Apex getOutboxKey) unless it is in or being asked for. The network
     * failing leaves it waiting (ask again when the browser is back online); Salesforce
     * refusing (no access to the class) ends the wait.
     */
    request(load: () => Promise<unknown>): void {
        if (this.settled || this.requesting) return;
        this.requesting = true;
        Promise.resolve()
            .then(load)
            .then(
                (key) => this.useKey(typeof key === 'string' ? key : ''),
                (error: unknown) => {
                    if (!normalizeSaveError(error).network) this.unavailable(errorMessage(error));
                }
            )
            .finally(() => {
                this.requesting = false;
            });
    }

    /** No key will come (Apex refused, or no Web Crypto): stop waiting for one. */
    unavailable(reason: string): void {
        if (this.settled) return;
        this.settled = true;
        this.settle.refuse(new Error(`${NO_OUTBOX_KEY}: ${reason}`));
    }

    async seal(text: string, boundTo: string): Promise<string> {
        const key = await this.key;
        const iv = this.random(new Uint8Array(new ArrayBuffer(IV_BYTES)));
        const sealed = await (this.subtle as Subtle).encrypt(
            { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(boundTo) },
            key,
            new TextEncoder().encode(text)
        );
        return `${PREFIX}${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
    }

    async open(sealed: string, boundTo: string): Promise<string> {
        const [iv, data] = sealed.slice(PREFIX.length).split('.');
        if (!isSealed(sealed) || !iv || !data) throw new Error('not sealed text');
        const key = await this.key;
        const opened = await (this.subtle as Subtle).decrypt(
            { name: 'AES-GCM', iv: fromBase64(iv), additionalData: new TextEncoder().encode(boundTo) },
            key,
            fromBase64(data)
        );
        return new TextDecoder().decode(opened);
    }
}
