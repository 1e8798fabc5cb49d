/**
 * lightning/graphql for jest: `gql` keeps the document as text, and `executeMutation` is a
 * mock each test answers (by default it answers with no data, as an org without mutations).
 */
export function gql(strings: TemplateStringsArray, ...values: unknown[]): string {
    return strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
}

export const executeMutation = jest.fn(async () => ({ errors: [{ message: 'No mutations in jest' }] }));
