/**
 * origins: which origins may talk to the host, read from the setting record the way
 * browsers report them in `MessageEvent.origin`.
 */

/**
 * The origin (`scheme://host[:port]`) of an http(s) URL, or undefined. Default ports are
 * dropped exactly as browsers do in `MessageEvent.origin`.
 */
export function originOf(url: string | null | undefined): string | undefined {
    if (typeof url !== 'string' || url.trim() === '') return undefined;
    try {
        const parsed = new URL(url.trim());
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
        if (parsed.username || parsed.password) return undefined;
        return parsed.origin;
    } catch {
        return undefined;
    }
}

/**
 * The origins allowed to talk to the host: the ones configured (one per line, or separated
 * by commas or spaces), each reduced to its origin, or the connector URL's origin when none
 * are configured. Entries that are not http(s) origins are returned in `invalid`.
 */
export function allowedOriginsFrom(
    connectorUrl: string | null | undefined,
    configured: string | null | undefined
): { origins: string[]; invalid: string[] } {
    const entries = (configured ?? '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const invalid: string[] = [];
    const origins: string[] = [];
    for (const entry of entries) {
        const origin = originOf(entry);
        // An entry with a path is a URL, not an origin: refuse rather than guess.
        if (!origin || entry.replace(/\/$/, '') !== origin) invalid.push(entry);
        else if (!origins.includes(origin)) origins.push(origin);
    }
    if (entries.length === 0) {
        const own = originOf(connectorUrl);
        if (own) origins.push(own);
    }
    return { origins, invalid };
}
