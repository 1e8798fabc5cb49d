/**
 * What every browser the package supports has and jsdom lacks: Web Crypto's `subtle` and
 * TextEncoder/TextDecoder, taken from Node (the same implementations Chromium's follow).
 */
import { webcrypto } from 'node:crypto';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

const target = globalThis as unknown as Record<string, unknown>;
if (!globalThis.crypto?.subtle) {
    Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
}
if (typeof target.TextEncoder === 'undefined') target.TextEncoder = NodeTextEncoder;
if (typeof target.TextDecoder === 'undefined') target.TextDecoder = NodeTextDecoder;
