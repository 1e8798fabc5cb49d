/**
 * The Metadata API's own schema, offline: every element of a metadata file is checked
 * against the type it represents, as the WSDL defines it (shipped in jsforce's generated
 * schema): every element is a field of its type, in the WSDL's order (a deploy refuses an
 * element "invalid at this location"), required fields are present, booleans and numbers
 * are well formed, and the values Salesforce enumerates for some fields are among them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ApiSchemas } from '@jsforce/jsforce-node/lib/api/metadata/schema';

export interface XmlNode {
    name: string;
    children: XmlNode[];
    text: string;
}

// ---------------------------------------------------------------------------
// Reading XML with its element order
// ---------------------------------------------------------------------------

const orderedParser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true
});

type OrderedEntry = Record<string, unknown>;

function toNode(entry: OrderedEntry): XmlNode | undefined {
    const name = Object.keys(entry).find((k) => k !== ':@' && k !== '#text');
    if (!name) return undefined;
    const content = (entry[name] as OrderedEntry[]) ?? [];
    const children: XmlNode[] = [];
    let text = '';
    for (const item of content) {
        if (Object.prototype.hasOwnProperty.call(item, '#text')) text += String(item['#text']);
        else {
            const child = toNode(item);
            if (child) children.push(child);
        }
    }
    return { name, children, text: text.trim() };
}

/** The document's root element, children in document order. */
export function parseOrderedXml(xml: string): XmlNode {
    const entries = orderedParser.parse(xml) as OrderedEntry[];
    for (const entry of entries) {
        const node = toNode(entry);
        if (node && node.name !== '?xml') return node;
    }
    throw new Error('no root element');
}

export const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
export const textOf = (node: XmlNode, name: string) => child(node, name)?.text;

interface SchemaType {
    type: string;
    props: Record<string, string | string[]>;
    extends?: string;
}

const SCHEMAS = ApiSchemas as unknown as Record<string, SchemaType>;

/** A type's fields in WSDL order, the base type's first. */
function propsOf(typeName: string): [string, string | string[]][] {
    const schema = SCHEMAS[typeName];
    if (!schema) return [];
    return [...(schema.extends ? propsOf(schema.extends) : []), ...Object.entries(schema.props ?? {})];
}

const AGGREGATES = ['Sum', 'Average', 'Maximum', 'Minimum', 'Unique', 'Median', 'None'];
const FADE_DIRECTIONS = ['Diagonal', 'TopToBottom', 'LeftToRight'];
const LEGEND_POSITIONS = ['Right', 'Bottom', 'OnChart'];
const CHART_THEMES = ['light', 'dark'];

/** Values Salesforce enumerates for some fields (Metadata API Developer Guide). */
export const ENUMERATIONS: Readonly<Record<string, readonly string[]>> = {
    'ReportType.category': [
        'accounts',
        'opportunities',
        'forecasts',
        'cases',
        'leads',
        'campaigns',
        'activities',
        'busop',
        'products',
        'admin',
        'territory',
        'territory2',
        'usage_entitlement',
        'wdc',
        'calibration',
        'other',
        'content'
    ],
    'Report.format': ['Tabular', 'Summary', 'Matrix', 'MultiBlock'],
    'Report.sortOrder': ['Asc', 'Desc'],
    'ReportGrouping.sortOrder': ['Asc', 'Desc'],
    'ReportGrouping.dateGranularity': [
        'None',
        'Day',
        'Week',
        'Month',
        'Quarter',
        'Year',
        'FiscalQuarter',
        'FiscalYear',
        'MonthInYear',
        'DayInMonth',
        'FiscalPeriod',
        'FiscalWeek'
    ],
    'ReportColumn.aggregateTypes': AGGREGATES,
    'ReportFilterItem.operator': [
        'equals',
        'notEqual',
        'lessThan',
        'greaterThan',
        'lessOrEqual',
        'greaterOrEqual',
        'contains',
        'notContain',
        'startsWith',
        'includes',
        'excludes',
        'within'
    ],
    'ReportChart.chartType': [
        'None',
        'Scatter',
        'ScatterGrouped',
        'Bubble',
        'BubbleGrouped',
        'HorizontalBar',
        'HorizontalBarGrouped',
        'HorizontalBarStacked',
        'HorizontalBarStackedTo100',
        'VerticalColumn',
        'VerticalColumnGrouped',
        'VerticalColumnStacked',
        'VerticalColumnStackedTo100',
        'Line',
        'LineGrouped',
        'LineCumulative',
        'LineCumulativeGrouped',
        'Pie',
        'Donut',
        'Funnel',
        'VerticalColumnLine',
        'VerticalColumnGroupedLine',
        'VerticalColumnLineCumulative',
        'VerticalColumnStackedLine',
        'Plugin'
    ],
    'ReportChart.location': ['CHART_TOP', 'CHART_BOTTOM'],
    'ReportChart.size': ['Tiny', 'Small', 'Medium', 'Large', 'Huge'],
    'ReportChart.legendPosition': LEGEND_POSITIONS,
    'ReportChart.backgroundFadeDir': FADE_DIRECTIONS,
    'ChartSummary.aggregate': AGGREGATES,
    'ChartSummary.axisBinding': ['x', 'y', 'y2'],
    'ReportTimeFrameFilter.interval': [
        'INTERVAL_CURRENT',
        'INTERVAL_CURNEXT1',
        'INTERVAL_CURPREV1',
        'INTERVAL_PREV1',
        'INTERVAL_NEXT1',
        'INTERVAL_CURFY',
        'INTERVAL_PREVFY',
        'INTERVAL_LASTFY',
        'INTERVAL_CURY',
        'INTERVAL_PREVY',
        'INTERVAL_CURMONTH',
        'INTERVAL_LASTMONTH',
        'INTERVAL_LASTTHISMONTH',
        'INTERVAL_TODAY',
        'INTERVAL_YESTERDAY',
        'INTERVAL_LAST7',
        'INTERVAL_LAST30',
        'INTERVAL_LAST60',
        'INTERVAL_LAST90',
        'INTERVAL_LAST120',
        'INTERVAL_NEXT7',
        'INTERVAL_NEXT30',
        'INTERVAL_CUSTOM'
    ],
    'Dashboard.backgroundFadeDirection': FADE_DIRECTIONS,
    'Dashboard.dashboardType': ['SpecifiedUser', 'LoggedInUser', 'MyTeamUser'],
    'Dashboard.chartTheme': CHART_THEMES,
    'Dashboard.dashboardChartTheme': CHART_THEMES,
    'DashboardComponentSection.columnSize': ['Narrow', 'Medium', 'Wide'],
    'DashboardComponent.componentType': [
        'Bar',
        'BarGrouped',
        'BarStacked',
        'BarStacked100',
        'Column',
        'ColumnGrouped',
        'ColumnStacked',
        'ColumnStacked100',
        'Line',
        'LineGrouped',
        'LineCumulative',
        'LineGroupedCumulative',
        'Pie',
        'Donut',
        'Funnel',
        'Scatter',
        'ScatterGrouped',
        'Metric',
        'Gauge',
        'Table',
        'FlexTable',
        'VisualforcePage',
        'SControl'
    ],
    'DashboardComponent.legendPosition': LEGEND_POSITIONS,
    'DashboardComponent.displayUnits': [
        'Auto',
        'Integer',
        'Hundreds',
        'Thousands',
        'Millions',
        'Billions',
        'Trillions'
    ],
    'DashboardComponent.chartAxisRange': ['Auto', 'Manual'],
    'ReportTypeColumn.checkedByDefault': ['true', 'false'],
    'FolderShare.accessLevel': ['View', 'EditAllContents', 'Manage'],
    'FolderShare.sharedToType': [
        'Group',
        'Role',
        'RoleAndSubordinates',
        'RoleAndSubordinatesInternal',
        'Manager',
        'ManagerAndSubordinatesInternal',
        'Organization',
        'PortalRole',
        'PortalRoleandSubordinates',
        'AllPrmUsers',
        'User',
        'PartnerUser',
        'AllCspUsers',
        'CustomerPortalUser',
        'PortalRoleAndSubordinates',
        'ChannelProgramGroup'
    ]
};

/** Checks an element and its descendants against the Metadata API type it represents. */
export function checkSchema(node: XmlNode, typeName: string, where: string, problems: string[]): void {
    const props = propsOf(typeName);
    if (props.length === 0) {
        problems.push(`${where}: the Metadata API has no type ${typeName}.`);
        return;
    }
    const order = props.map(([name]) => name);
    let last = -1;
    let lastName = '';
    const counts = new Map<string, number>();
    for (const c of node.children) {
        const index = order.indexOf(c.name);
        if (index === -1) {
            if (!NEWER_THAN_SCHEMA.includes(`${typeName}.${c.name}`))
                problems.push(`${where}: <${c.name}> is not a field of ${typeName}.`);
            continue;
        }
        if (index < last) problems.push(`${where}: <${c.name}> must come before <${lastName}> (Metadata API order).`);
        if (index > last) {
            last = index;
            lastName = c.name;
        }
        const declared = props[index][1];
        const isList = Array.isArray(declared);
        const type = (isList ? declared[0] : declared).replace(/^\?/, '');
        const seen = (counts.get(c.name) ?? 0) + 1;
        counts.set(c.name, seen);
        if (!isList && seen === 2) problems.push(`${where}: <${c.name}> may appear only once in ${typeName}.`);
        const path = `${where} > ${c.name}`;
        if (type === 'boolean' && c.text !== 'true' && c.text !== 'false') {
            problems.push(`${path}: "${c.text}" is not true or false.`);
        } else if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(c.text)) {
            problems.push(`${path}: "${c.text}" is not a number.`);
        } else if (SCHEMAS[type]) {
            checkSchema(c, type, path, problems);
        } else if (c.children.length > 0 && type === 'string') {
            problems.push(`${path}: a text field cannot hold elements.`);
        }
        const allowed = ENUMERATIONS[`${typeName}.${c.name}`];
        if (allowed && c.children.length === 0 && !allowed.includes(c.text)) {
            problems.push(`${path}: "${c.text}" is not one of ${allowed.join(', ')}.`);
        }
    }
    for (const [name, declared] of props) {
        if (typeof declared === 'string' && !declared.startsWith('?') && !child(node, name)) {
            problems.push(`${where}: ${typeName} needs <${name}>.`);
        }
    }
}

/**
 * Fields Salesforce added after the API version of the schema above; the package uses
 * them, and they are valid at its API version.
 */
export const NEWER_THAN_SCHEMA: readonly string[] = [
    'PermissionSetObjectPermissions.viewAllFields',
    // Lightning pages list their components as itemInstances since API 47 (not checked deeper).
    'FlexiPageRegion.itemInstances',
    // Quick actions that open a Lightning web component (API 55).
    'QuickAction.actionSubtype',
    'QuickAction.lightningWebComponent'
];

/**
 * Metadata whose source format is not the WSDL's: a bundle's .js-meta.xml holds its
 * targets and target configurations as elements where the WSDL has encoded strings.
 */
const NOT_IN_WSDL_FORM = /\.js-meta\.xml$/;

function metadataFiles(dir: string, out: string[] = []): string[] {
    if (!existsSync(dir)) return out;
    for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) metadataFiles(full, out);
        else if (name.endsWith('-meta.xml') && !NOT_IN_WSDL_FORM.test(name)) out.push(full);
    }
    return out;
}

/** Checks every metadata file under a source folder against its type in the Metadata API schema. */
export function checkMetadataSchema(source: string): { file: string; message: string }[] {
    const problems: { file: string; message: string }[] = [];
    for (const file of metadataFiles(source)) {
        try {
            const root = parseOrderedXml(readFileSync(file, 'utf8'));
            const found: string[] = [];
            checkSchema(root, root.name, root.name, found);
            for (const message of found) problems.push({ file, message });
        } catch (error) {
            problems.push({ file, message: `cannot be read: ${(error as Error).message}` });
        }
    }
    return problems;
}
