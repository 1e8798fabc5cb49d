/** lightning/pageReferenceUtils in the workbench: the same encoding Lightning uses for default field values. */
export function encodeDefaultFieldValues(values: Record<string, unknown>): string {
    return Object.entries(values)
        .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
        .join(',');
}

export function decodeDefaultFieldValues(encoded: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const pair of encoded ? encoded.split(',') : []) {
        const [name, value = ''] = pair.split('=');
        values[name] = decodeURIComponent(value);
    }
    return values;
}
