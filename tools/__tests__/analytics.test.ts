/**
 * The report, report type and dashboard checks of npm run validate: they pass on the
 * package's own files and catch each mistake that would fail a deploy or mislead a manager.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAnalytics } from '../lib/analytics';
import { DEFAULT_SOURCE } from '../lib/forceApp';

const REPORTS = join('reports', 'Interaction_Log_Reports');
const VOLUME = join(REPORTS, 'Interaction_Volume_by_Day.report-meta.xml');
const TOPIC = join(REPORTS, 'Average_Handle_Time_by_Topic.report-meta.xml');
const WARNINGS = join(REPORTS, 'Logs_With_Mapping_Warnings.report-meta.xml');
const DASHBOARD = join('dashboards', 'Interaction_Log_Dashboards', 'Contact_Center_Overview.dashboard-meta.xml');
const REPORT_TYPE = join('reportTypes', 'Interaction_Logs.reportType-meta.xml');

describe('validate: reports, report types and dashboards', () => {
    const made: string[] = [];
    afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    /** A copy of force-app/main/default with some files changed; returns the problems found there. */
    function problemsAfter(changes: [string, (text: string) => string][]): string[] {
        const dir = copySource();
        for (const [file, change] of changes) {
            const path = join(dir, file);
            const before = readFileSync(path, 'utf8');
            const after = change(before);
            if (after === before) throw new Error(`the test's edit did not change ${file}`);
            writeFileSync(path, after);
        }
        return problemsIn(dir);
    }

    function copySource(): string {
        const dir = mkdtempSync(join(tmpdir(), 'analytics-case-'));
        made.push(dir);
        cpSync(DEFAULT_SOURCE, dir, { recursive: true });
        return dir;
    }

    const problemsIn = (dir: string) => checkAnalytics(dir).map((p) => `${p.file.slice(dir.length + 1)}: ${p.message}`);

    it('finds nothing wrong in the package', () => {
        expect(checkAnalytics(DEFAULT_SOURCE)).toEqual([]);
    });

    it('ships the report type, the six reports and the dashboard the issue asks for', () => {
        const names = (dir: string) => readFileSync(join(DEFAULT_SOURCE, dir), 'utf8');
        expect(names(REPORT_TYPE)).toContain('<field>Contact__r.Name</field>');
        expect(names(REPORT_TYPE)).toContain('<field>Account__r.Name</field>');
        expect(names(REPORT_TYPE)).toContain('<field>Case__r.CaseNumber</field>');
        expect(names(DASHBOARD).match(/<report>/g)).toHaveLength(6);
    });

    it('refuses report fields the report type does not expose, and aggregates, filters and charts that do not fit', () => {
        expect(
            problemsAfter([
                [
                    TOPIC,
                    (t) =>
                        t.replace(
                            '<field>Interaction_Log__c$Channel__c</field>',
                            '<field>Interaction_Log__c$Raw_Payload__c</field>'
                        )
                ],
                [
                    TOPIC,
                    (t) =>
                        t.replace(
                            '<aggregateTypes>Average</aggregateTypes>\n        <field>Interaction_Log__c$Talk_Time_Seconds__c',
                            '<aggregateTypes>Average</aggregateTypes>\n        <field>Interaction_Log__c$Subject__c'
                        )
                ],
                [WARNINGS, (t) => t.replace('<value>0</value>', '<value>none</value>')],
                [
                    VOLUME,
                    (t) =>
                        t.replace(
                            '<secondaryGroupingColumn>Interaction_Log__c$Channel__c',
                            '<secondaryGroupingColumn>Interaction_Log__c$Topic_Name__c'
                        )
                ]
            ])
        ).toEqual([
            `${TOPIC}: column Interaction_Log__c$Raw_Payload__c is not a column of the report type Interaction_Logs.`,
            `${TOPIC}: column Interaction_Log__c$Subject__c is String: it cannot be summed or averaged.`,
            `${VOLUME}: the chart's secondaryGroupingColumn Interaction_Log__c$Topic_Name__c is not a grouping of the report.`,
            `${WARNINGS}: filter on Interaction_Log__c$Mapping_Warning_Count__c: "none" is not a number.`
        ]);
    });

    it('refuses a picklist filter value the picklist lacks and a report type that does not exist', () => {
        const problems = problemsAfter([
            [
                WARNINGS,
                (t) =>
                    t.replace(
                        '    </filter>',
                        '        <criteriaItems>\n            <column>Interaction_Log__c$Channel__c</column>\n            <columnToColumn>false</columnToColumn>\n            <isUnlocked>true</isUnlocked>\n            <operator>equals</operator>\n            <value>Voice,Fax</value>\n        </criteriaItems>\n    </filter>'
                    )
            ],
            [
                TOPIC,
                (t) =>
                    t.replace(
                        '<reportType>Interaction_Logs__c</reportType>',
                        '<reportType>Interaction_Logs</reportType>'
                    )
            ]
        ]);
        expect(problems).toContain(
            `${WARNINGS}: filter on Interaction_Log__c$Channel__c: "Fax" is not a value of the picklist.`
        );
        expect(problems).toContain(
            `${TOPIC}: its report type Interaction_Logs is not a report type of the package (custom report types end in __c).`
        );
        expect(problems.some((p) => p.includes('"Voice"'))).toBe(false);
    });

    it('refuses report type columns that are not fields, or lookups through fields that are not lookups', () => {
        expect(
            problemsAfter([
                [REPORT_TYPE, (t) => t.replace('<field>Topic_Id__c</field>', '<field>Topic_Code__c</field>')],
                [REPORT_TYPE, (t) => t.replace('<field>Case__r.Origin</field>', '<field>Subject__r.Origin</field>')],
                [
                    REPORT_TYPE,
                    (t) => t.replace('<field>Account__r.Industry</field>', '<field>Account__r.Revenue</field>')
                ]
            ])
        ).toEqual([
            `${REPORT_TYPE}: column Topic_Code__c is not a field of Interaction_Log__c.`,
            `${REPORT_TYPE}: column Account__r.Revenue: Revenue is not a known field of Account.`,
            `${REPORT_TYPE}: column Subject__r.Origin goes through Subject__c, which is not a lookup of Interaction_Log__c.`
        ]);
    });

    it('refuses a dashboard with a missing report, overlapping cells or a running user no org has', () => {
        const problems = problemsAfter([
            [
                DASHBOARD,
                (t) =>
                    t.replace(
                        'Interaction_Log_Reports/Interaction_Dispositions',
                        'Interaction_Log_Reports/Dispositions'
                    )
            ],
            [DASHBOARD, (t) => t.replace('<columnIndex>3</columnIndex>', '<columnIndex>2</columnIndex>')],
            [
                DASHBOARD,
                (t) =>
                    t.replace(
                        '<dashboardType>LoggedInUser</dashboardType>',
                        '<dashboardType>SpecifiedUser</dashboardType>'
                    )
            ]
        ]);
        expect(problems).toEqual([
            `${DASHBOARD}: a dashboard that runs as a specified user needs <runningUser>, which cannot be known for every org: use LoggedInUser.`,
            `${DASHBOARD}: grid components 1 and 2 overlap (row 0, column 2).`,
            `${DASHBOARD}: "Dispositions" uses the report Interaction_Log_Reports/Dispositions, which is not a report of the package.`
        ]);
    });

    it('refuses a chart component on a report without groupings, and a report folder without its folder file', () => {
        const dir = copySource();
        rmSync(join(dir, 'reports', 'Interaction_Log_Reports.reportFolder-meta.xml'));
        const tabular = join(dir, TOPIC);
        writeFileSync(
            tabular,
            readFileSync(tabular, 'utf8')
                .replace(/ {4}<chart>[\s\S]*?<\/chart>\n/, '')
                .replace(/ {4}<groupingsDown>[\s\S]*?<\/groupingsDown>\n/, '')
                .replace('<format>Summary</format>', '<format>Tabular</format>')
        );
        expect(problemsIn(dir)).toEqual([
            `${join('reports', 'Interaction_Log_Reports')}: has no folder file Interaction_Log_Reports.reportFolder-meta.xml.`,
            `${DASHBOARD}: "Average handle time by topic (seconds)" is a Bar chart, but Interaction_Log_Reports/Average_Handle_Time_by_Topic has no groupings to plot.`,
            `${DASHBOARD}: "Average handle time by topic (seconds)" uses the report's chart, but Interaction_Log_Reports/Average_Handle_Time_by_Topic has none.`
        ]);
    });
});
