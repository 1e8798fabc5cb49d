/**
 * Offline checks for the package's report types, reports, dashboards and their folders,
 * against the package itself: a malformed report or dashboard fails the whole package
 * deploy, and none can be tried here without an org. (Every element of these files is
 * also checked against the Metadata API schema by tools/lib/metadataSchema.ts.)
 *
 * A report's report type exists and exposes every field the report uses, aggregates and
 * filters suit the field's type, picklist filter values exist, charts plot groupings and
 * summaries the report has; a dashboard's components use existing reports that can feed
 * them, and its grid cells fit and do not overlap.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readObjectFields, type FieldFile } from './forceApp';
import { child, childrenNamed, ENUMERATIONS, parseOrderedXml, textOf, type XmlNode } from './metadataSchema';

export interface AnalyticsProblem {
    file: string;
    message: string;
}

/** Fields of the standard objects the report type reaches through lookups, with their kind. */
const LOOKUP_TARGET_FIELDS: Readonly<Record<string, readonly string[]>> = {
    Contact: ['Name', 'FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'Title', 'Department'],
    Lead: ['Name', 'Company', 'Email', 'Phone', 'Status'],
    Account: ['Name', 'Type', 'Industry', 'Phone', 'AccountNumber'],
    Case: ['CaseNumber', 'Subject', 'Status', 'Priority', 'Origin', 'Type'],
    Opportunity: ['Name', 'StageName', 'CloseDate', 'Amount']
};

/** Standard fields every custom object has, by data type. */
const STANDARD_FIELDS: Readonly<Record<string, string>> = {
    Id: 'Id',
    Name: 'String',
    CreatedDate: 'DateTime',
    LastModifiedDate: 'DateTime'
};

const NUMERIC = ['Double', 'Int', 'Currency', 'Percent'];
const DATES = ['Date', 'DateTime'];
const ORDERING_OPERATORS = ['lessThan', 'greaterThan', 'lessOrEqual', 'greaterOrEqual'];
const CHART_COMPONENTS = ENUMERATIONS['DashboardComponent.componentType'].filter(
    (t) => !['Metric', 'Gauge', 'Table', 'FlexTable', 'VisualforcePage', 'SControl'].includes(t)
);

interface ReportTypeInfo {
    name: string;
    baseObject: string;
    /** Field of each column on the base table, by field name. */
    columns: Set<string>;
}

interface ObjectFields {
    byName: Map<string, FieldFile>;
}

function objectFields(source: string, objectApiName: string): ObjectFields | undefined {
    if (!existsSync(join(source, 'objects', objectApiName))) return undefined;
    return { byName: new Map(readObjectFields(source, objectApiName).map((f) => [f.schema.apiName, f])) };
}

/** The data type of a field of the object ('' when it does not exist). */
function dataTypeOf(fields: ObjectFields, field: string): string {
    return STANDARD_FIELDS[field] ?? fields.byName.get(field)?.schema.dataType ?? '';
}

function isLongText(fields: ObjectFields, field: string): boolean {
    const schema = fields.byName.get(field)?.schema;
    return schema?.dataType === 'TextArea' && (schema.length ?? 0) > 255;
}

function filesIn(dir: string, suffix: string): string[] {
    return existsSync(dir)
        ? readdirSync(dir)
              .filter((f) => f.endsWith(suffix))
              .map((f) => join(dir, f))
        : [];
}

interface Loaded {
    file: string;
    root: XmlNode;
}

function load(file: string, rootName: string, problems: AnalyticsProblem[]): Loaded | undefined {
    try {
        const root = parseOrderedXml(readFileSync(file, 'utf8'));
        if (root.name !== rootName) {
            problems.push({ file, message: `its root element is <${root.name}>, not <${rootName}>.` });
            return undefined;
        }
        return { file, root };
    } catch (error) {
        problems.push({ file, message: `cannot be read: ${(error as Error).message}` });
        return undefined;
    }
}

function checkReportType(loaded: Loaded, source: string, problems: AnalyticsProblem[]): ReportTypeInfo | undefined {
    const { file, root } = loaded;
    const say = (message: string) => problems.push({ file, message });
    const baseObject = textOf(root, 'baseObject') ?? '';
    const fields = objectFields(source, baseObject);
    if (!fields) {
        say(`its base object ${baseObject} is not an object of the package.`);
        return undefined;
    }
    if (child(root, 'join')) say('joins are not checked by validate: add the check before adding a join.');
    const columns = new Set<string>();
    for (const section of childrenNamed(root, 'sections')) {
        for (const column of childrenNamed(section, 'columns')) {
            const field = textOf(column, 'field') ?? '';
            const table = textOf(column, 'table') ?? '';
            if (table !== baseObject) {
                say(`column ${field} is on table ${table}, which the report type does not have.`);
                continue;
            }
            if (columns.has(field)) say(`column ${field} is listed twice.`);
            columns.add(field);
            const traversal = /^(\w+)__r\.(\w+)$/.exec(field);
            if (traversal) {
                const lookup = fields.byName.get(`${traversal[1]}__c`);
                const target = lookup?.schema.referenceTo?.[0]?.apiName;
                if (!lookup || lookup.schema.dataType !== 'Reference' || !target) {
                    say(`column ${field} goes through ${traversal[1]}__c, which is not a lookup of ${baseObject}.`);
                } else if (!(LOOKUP_TARGET_FIELDS[target] ?? []).includes(traversal[2])) {
                    say(`column ${field}: ${traversal[2]} is not a known field of ${target}.`);
                }
            } else if (!dataTypeOf(fields, field)) {
                say(`column ${field} is not a field of ${baseObject}.`);
            }
        }
    }
    return { name: basename(file).replace('.reportType-meta.xml', ''), baseObject, columns };
}

interface ReportInfo {
    name: string;
    format: string;
    groupings: Set<string>;
    hasChart: boolean;
}

function checkReport(
    loaded: Loaded,
    source: string,
    reportTypes: Map<string, ReportTypeInfo>,
    problems: AnalyticsProblem[]
): ReportInfo {
    const { file, root } = loaded;
    const say = (message: string) => problems.push({ file, message });
    const format = textOf(root, 'format') ?? '';
    const downs = childrenNamed(root, 'groupingsDown');
    const acrosses = childrenNamed(root, 'groupingsAcross');
    const groupings = new Set([...downs, ...acrosses].map((g) => textOf(g, 'field') ?? ''));
    const info: ReportInfo = {
        name: `${basename(join(file, '..'))}/${basename(file).replace('.report-meta.xml', '')}`,
        format,
        groupings,
        hasChart: Boolean(child(root, 'chart'))
    };
    if ((format === 'Summary' || format === 'Matrix') && downs.length === 0)
        say(`a ${format} report needs at least one <groupingsDown>.`);
    if (format === 'Matrix' && acrosses.length === 0) say('a Matrix report needs at least one <groupingsAcross>.');
    if (format === 'Tabular' && groupings.size > 0) say('a Tabular report cannot have groupings.');

    const typeRef = textOf(root, 'reportType') ?? '';
    const custom = /^(\w+)__c$/.exec(typeRef);
    const reportType = custom ? reportTypes.get(custom[1]) : undefined;
    if (!reportType) {
        say(`its report type ${typeRef} is not a report type of the package (custom report types end in __c).`);
        return info;
    }
    const fields = objectFields(source, reportType.baseObject) as ObjectFields;
    const prefix = `${reportType.baseObject}$`;
    /** The field a column reference names, after checking the report type exposes it. */
    const fieldOf = (reference: string, what: string): string | undefined => {
        if (!reference.startsWith(prefix)) {
            say(`${what} ${reference} must be written ${prefix}<field> for the custom report type.`);
            return undefined;
        }
        const field = reference.slice(prefix.length);
        if (!reportType.columns.has(field)) {
            say(`${what} ${reference} is not a column of the report type ${reportType.name}.`);
            return undefined;
        }
        return field;
    };

    const aggregated = new Map<string, Set<string>>();
    for (const column of childrenNamed(root, 'columns')) {
        const reference = textOf(column, 'field') ?? '';
        const field = fieldOf(reference, 'column');
        const aggregates = childrenNamed(column, 'aggregateTypes').map((a) => a.text);
        aggregated.set(reference, new Set(aggregates));
        if (field && aggregates.some((a) => a !== 'Unique' && a !== 'None')) {
            const type = dataTypeOf(fields, field);
            if (!NUMERIC.includes(type))
                say(`column ${reference} is ${type || 'not a number'}: it cannot be summed or averaged.`);
        }
    }
    for (const grouping of [...downs, ...acrosses]) {
        const reference = textOf(grouping, 'field') ?? '';
        const field = fieldOf(reference, 'grouping');
        if (field && isLongText(fields, field))
            say(`grouping ${reference} is a long text field, which reports cannot group by.`);
    }
    for (const item of childrenNamed(child(root, 'filter') ?? { name: '', children: [], text: '' }, 'criteriaItems')) {
        const reference = textOf(item, 'column') ?? '';
        const field = fieldOf(reference, 'filter');
        if (!field) continue;
        const type = dataTypeOf(fields, field);
        const operator = textOf(item, 'operator') ?? '';
        const value = textOf(item, 'value') ?? '';
        if (isLongText(fields, field)) say(`filter on ${reference}: reports cannot filter long text fields.`);
        if (ORDERING_OPERATORS.includes(operator) && !NUMERIC.includes(type) && !DATES.includes(type))
            say(`filter on ${reference}: ${operator} needs a number or date field, not ${type}.`);
        if (NUMERIC.includes(type) && value !== '' && !/^-?\d+(\.\d+)?$/.test(value))
            say(`filter on ${reference}: "${value}" is not a number.`);
        const picklist = fields.byName.get(field)?.schema.picklistValues;
        if ((type === 'Picklist' || type === 'MultiPicklist') && picklist && value !== '') {
            for (const v of value.split(',')) {
                if (!picklist.includes(v.trim()))
                    say(`filter on ${reference}: "${v.trim()}" is not a value of the picklist.`);
            }
        }
    }
    const sort = textOf(root, 'sortColumn');
    if (sort) fieldOf(sort, 'sort column');
    const timeFrame = child(root, 'timeFrameFilter');
    if (timeFrame) {
        const reference = textOf(timeFrame, 'dateColumn') ?? '';
        const field = fieldOf(reference, 'time frame');
        if (field && !DATES.includes(dataTypeOf(fields, field))) say(`time frame ${reference} is not a date field.`);
    }
    const chart = child(root, 'chart');
    if (chart) {
        if (groupings.size === 0) say('a chart needs a grouping to plot.');
        for (const name of ['groupingColumn', 'secondaryGroupingColumn']) {
            const reference = textOf(chart, name);
            if (reference && !groupings.has(reference))
                say(`the chart's ${name} ${reference} is not a grouping of the report.`);
        }
        for (const summary of childrenNamed(chart, 'chartSummaries')) {
            const column = textOf(summary, 'column') ?? '';
            if (column === 'RowCount') continue;
            const aggregate = textOf(summary, 'aggregate') ?? 'Sum';
            if (!aggregated.get(column)?.has(aggregate))
                say(`the chart plots the ${aggregate} of ${column}, which the report's columns do not summarise.`);
        }
    }
    return info;
}

function checkFolder(dir: string, name: string, suffix: string, problems: AnalyticsProblem[], rootName: string): void {
    const file = join(dir, `${name}${suffix}`);
    if (!existsSync(file)) problems.push({ file: join(dir, name), message: `has no folder file ${name}${suffix}.` });
    else load(file, rootName, problems);
}

function checkDashboard(loaded: Loaded, reports: Map<string, ReportInfo>, problems: AnalyticsProblem[]): void {
    const { file, root } = loaded;
    const say = (message: string) => problems.push({ file, message });
    const type = textOf(root, 'dashboardType') ?? 'SpecifiedUser';
    if (type === 'SpecifiedUser' && !child(root, 'runningUser'))
        say(
            'a dashboard that runs as a specified user needs <runningUser>, which cannot be known for every org: use LoggedInUser.'
        );
    if (type !== 'SpecifiedUser' && child(root, 'runningUser')) say(`a ${type} dashboard cannot name a <runningUser>.`);

    const grid = child(root, 'dashboardGridLayout');
    const isGrid = textOf(root, 'isGridLayout') === 'true';
    if (isGrid !== Boolean(grid)) say('<isGridLayout> must be true exactly when there is a <dashboardGridLayout>.');
    const components: XmlNode[] = [];
    if (grid) {
        const columns = Number(textOf(grid, 'numberOfColumns') ?? '12');
        const taken = new Map<string, number>();
        childrenNamed(grid, 'dashboardGridComponents').forEach((cell, i) => {
            const [col, span, row, rowSpan] = ['columnIndex', 'colSpan', 'rowIndex', 'rowSpan'].map((n) =>
                Number(textOf(cell, n) ?? 'NaN')
            );
            if (![col, span, row, rowSpan].every(Number.isInteger) || span < 1 || rowSpan < 1 || col < 0 || row < 0) {
                say(`grid component ${i + 1} has an invalid position or size.`);
                return;
            }
            if (col + span > columns) say(`grid component ${i + 1} is wider than the grid's ${columns} columns.`);
            for (let r = row; r < row + rowSpan; r += 1)
                for (let c = col; c < col + span; c += 1) {
                    const other = taken.get(`${r}:${c}`);
                    if (other !== undefined) {
                        say(`grid components ${other + 1} and ${i + 1} overlap (row ${r}, column ${c}).`);
                        return;
                    }
                    taken.set(`${r}:${c}`, i);
                }
            const component = child(cell, 'dashboardComponent');
            if (component) components.push(component);
        });
    }
    for (const section of ['leftSection', 'middleSection', 'rightSection']) {
        const s = child(root, section);
        if (s) components.push(...childrenNamed(s, 'components'));
    }
    if (components.length === 0) say('has no components.');
    for (const component of components) {
        const header = textOf(component, 'header') ?? textOf(component, 'title') ?? 'a component';
        const reportName = textOf(component, 'report');
        const componentType = textOf(component, 'componentType') ?? '';
        if (!reportName) {
            say(`"${header}" has no source <report>.`);
            continue;
        }
        const report = reports.get(reportName);
        if (!report) {
            say(`"${header}" uses the report ${reportName}, which is not a report of the package.`);
            continue;
        }
        if (CHART_COMPONENTS.includes(componentType) && report.groupings.size === 0)
            say(`"${header}" is a ${componentType} chart, but ${reportName} has no groupings to plot.`);
        if (textOf(component, 'useReportChart') === 'true' && !report.hasChart)
            say(`"${header}" uses the report's chart, but ${reportName} has none.`);
        for (const grouping of childrenNamed(component, 'groupingColumn')) {
            if (!report.groupings.has(grouping.text))
                say(`"${header}" groups by ${grouping.text}, which is not a grouping of ${reportName}.`);
        }
        if (componentType === 'Metric' && childrenNamed(component, 'chartSummary').length === 0)
            say(`"${header}" is a Metric without a <chartSummary> to show.`);
    }
}

/** Each report or dashboard of each folder (after checking the folder's own file), read and schema-checked. */
function forEachInFolders(
    dir: string,
    type: 'Report' | 'Dashboard',
    problems: AnalyticsProblem[],
    visit: (loaded: Loaded) => void
): void {
    const suffix = `.${type.toLowerCase()}`;
    for (const folder of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
        if (!folder.isDirectory()) continue;
        checkFolder(dir, folder.name, `${suffix}Folder-meta.xml`, problems, `${type}Folder`);
        for (const file of filesIn(join(dir, folder.name), `${suffix}-meta.xml`)) {
            const loaded = load(file, type, problems);
            if (loaded) visit(loaded);
        }
    }
}

/** Checks every report type, report folder and report, dashboard folder and dashboard under a source folder. */
export function checkAnalytics(source: string): AnalyticsProblem[] {
    const problems: AnalyticsProblem[] = [];
    const reportTypes = new Map<string, ReportTypeInfo>();
    for (const file of filesIn(join(source, 'reportTypes'), '.reportType-meta.xml')) {
        const loaded = load(file, 'ReportType', problems);
        const info = loaded && checkReportType(loaded, source, problems);
        if (info) reportTypes.set(info.name, info);
    }
    const reports = new Map<string, ReportInfo>();
    forEachInFolders(join(source, 'reports'), 'Report', problems, (loaded) => {
        const info = checkReport(loaded, source, reportTypes, problems);
        reports.set(info.name, info);
    });
    forEachInFolders(join(source, 'dashboards'), 'Dashboard', problems, (loaded) =>
        checkDashboard(loaded, reports, problems)
    );
    return problems;
}
