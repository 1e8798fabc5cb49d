/**
 * The schema check of npm run validate: every metadata file of the package matches its
 * type in the Metadata API schema, and each kind of mistake a deploy would refuse is caught.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMetadataSchema, checkSchema, parseOrderedXml } from '../lib/metadataSchema';
import { DEFAULT_SOURCE } from '../lib/forceApp';

const VOLUME = join('reports', 'Interaction_Log_Reports', 'Interaction_Volume_by_Day.report-meta.xml');
const LOG_KEY = join('objects', 'Interaction_Log__c', 'fields', 'Log_Key__c.field-meta.xml');

function check(xml: string, type: string): string[] {
    const found: string[] = [];
    checkSchema(parseOrderedXml(xml), type, type, found);
    return found;
}

describe('validate: the Metadata API schema', () => {
    const made: string[] = [];
    afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    function problemsAfter(file: string, change: (text: string) => string): string[] {
        const dir = mkdtempSync(join(tmpdir(), 'schema-case-'));
        made.push(dir);
        cpSync(DEFAULT_SOURCE, dir, { recursive: true });
        const path = join(dir, file);
        const before = readFileSync(path, 'utf8');
        const after = change(before);
        if (after === before) throw new Error(`the test's edit did not change ${file}`);
        writeFileSync(path, after);
        return checkMetadataSchema(dir).map((p) => `${p.file.slice(dir.length + 1)}: ${p.message}`);
    }

    it('finds every metadata file of the package well formed for its type', () => {
        expect(checkMetadataSchema(DEFAULT_SOURCE)).toEqual([]);
    });

    it('refuses unknown elements, elements out of order, and values that are not booleans or numbers', () => {
        expect(
            check(
                `<Report xmlns="x"><name>R</name><format>Tabular</format><colour>red</colour>
                <showDetails>maybe</showDetails><reportType>T__c</reportType><rowLimit>ten</rowLimit></Report>`,
                'Report'
            )
        ).toEqual([
            'Report: <format> must come before <name> (Metadata API order).',
            'Report: <colour> is not a field of Report.',
            'Report > showDetails: "maybe" is not true or false.',
            'Report: <reportType> must come before <showDetails> (Metadata API order).',
            'Report: <rowLimit> must come before <showDetails> (Metadata API order).',
            'Report > rowLimit: "ten" is not a number.'
        ]);
    });

    it('refuses a missing required field, a repeated single field and a value Salesforce does not list', () => {
        expect(check('<ReportChart><groupingColumn>x</groupingColumn></ReportChart>', 'ReportChart')).toEqual([
            'ReportChart: ReportChart needs <chartType>.'
        ]);
        expect(
            check(
                '<Report><format>Pivot</format><name>R</name><name>S</name><reportType>T__c</reportType></Report>',
                'Report'
            )
        ).toEqual([
            'Report > format: "Pivot" is not one of Tabular, Summary, Matrix, MultiBlock.',
            'Report: <name> may appear only once in Report.'
        ]);
    });

    it('catches a misspelt element in a shipped report', () => {
        expect(
            problemsAfter(VOLUME, (t) =>
                t.replace('<showGrandTotal>', '<showGrandTotals>').replace('</showGrandTotal>', '</showGrandTotals>')
            )
        ).toEqual([`${VOLUME}: Report: <showGrandTotals> is not a field of Report.`]);
    });

    it('catches an element out of the order a deploy expects in a field file', () => {
        expect(
            problemsAfter(LOG_KEY, (t) =>
                t
                    .replace('    <caseSensitive>true</caseSensitive>\n', '')
                    .replace(
                        '    <unique>true</unique>',
                        '    <unique>true</unique>\n    <caseSensitive>true</caseSensitive>'
                    )
            )
        ).toEqual([`${LOG_KEY}: CustomField: <caseSensitive> must come before <unique> (Metadata API order).`]);
    });
});
