/**
 * lightning/graphql in the workbench: `gql` and `executeMutation` over the org emulator's
 * GraphQL resource. `gql` keeps the document as text (the platform parses it; the emulator
 * reads the mutations the package sends).
 */
import { callOrg } from './api';

export function gql(strings: TemplateStringsArray, ...values: unknown[]): string {
    return strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
}

export async function executeMutation(request: {
    query: unknown;
    variables?: Record<string, unknown>;
    operationName?: string;
}): Promise<{ data?: unknown; errors?: unknown }> {
    return (await callOrg('POST', '/graphql', request)) as { data?: unknown; errors?: unknown };
}
