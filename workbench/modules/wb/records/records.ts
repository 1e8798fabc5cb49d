import { LightningElement } from 'lwc';

interface StoredRecord {
    Id: string;
    CreatedDate: string;
    LastModifiedDate: string;
    fields: Record<string, string | number | boolean>;
}

interface ObjectInfo {
    fields: Record<string, { label: string }>;
}

const POLL_MS = 1000;

/** The saved Interaction_Log__c records, newest first, with every field of the one selected. */
export default class Records extends LightningElement {
    records: StoredRecord[] = [];
    selectedId?: string;
    /** The log whose Link to Customer action is open, as Salesforce opens a screen action. */
    linkId?: string;
    private labels: Record<string, string> = {};
    private timer?: ReturnType<typeof setInterval>;

    columns = [
        { label: 'Name', fieldName: 'Name', type: 'text' },
        { label: 'Channel', fieldName: 'Channel__c', type: 'text', initialWidth: 100 },
        { label: 'Direction', fieldName: 'Direction__c', type: 'text', initialWidth: 100 },
        { label: 'Caller', fieldName: 'Caller_Name__c', type: 'text' },
        { label: 'Warnings', fieldName: 'Mapping_Warning_Count__c', type: 'number', initialWidth: 95 },
        {
            label: 'Saved',
            fieldName: 'LastModifiedDate',
            type: 'date',
            typeAttributes: { hour: '2-digit', minute: '2-digit', second: '2-digit' }
        },
        {
            type: 'action',
            typeAttributes: {
                rowActions: [
                    { label: 'View', name: 'view' },
                    { label: 'Link to Customer', name: 'link' }
                ]
            }
        }
    ];

    override connectedCallback(): void {
        fetch('/api/ui-api/object-info/Interaction_Log__c?workbench=1')
            .then((r) => r.json())
            .then((info: ObjectInfo) => {
                this.labels = Object.fromEntries(Object.entries(info.fields).map(([k, v]) => [k, v.label]));
            })
            .catch(() => undefined);
        this.refresh();
        // The records view follows the org as a list view would after a refresh.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timer = setInterval(() => this.refresh(), POLL_MS);
    }

    override disconnectedCallback(): void {
        if (this.timer) clearInterval(this.timer);
    }

    refresh(): void {
        fetch('/api/records')
            .then((r) => r.json())
            .then((records: StoredRecord[]) => {
                this.records = records;
            })
            .catch(() => undefined);
    }

    get count(): number {
        return this.records.length;
    }

    get rows() {
        return this.records.map((r) => ({ Id: r.Id, LastModifiedDate: r.LastModifiedDate, ...r.fields }));
    }

    get selected() {
        const record = this.records.find((r) => r.Id === this.selectedId);
        if (!record) return undefined;
        const all: Record<string, unknown> = {
            Id: record.Id,
            CreatedDate: record.CreatedDate,
            LastModifiedDate: record.LastModifiedDate,
            ...record.fields
        };
        return {
            name: String(record.fields.Name ?? record.Id),
            warnings: record.fields.Mapping_Warnings__c ? String(record.fields.Mapping_Warnings__c) : '',
            fields: Object.keys(all)
                .sort()
                .map((apiName) => ({ apiName, label: this.labels[apiName] ?? apiName, value: String(all[apiName]) }))
        };
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: { Id: string } }>): void {
        if (event.detail.action?.name === 'link') this.linkId = event.detail.row.Id;
        else this.selectedId = event.detail.row.Id;
    }

    handleCloseAction(): void {
        this.linkId = undefined;
    }

    handleClear(): void {
        fetch('/api/records', { method: 'DELETE' })
            .then(() => {
                this.selectedId = undefined;
                this.refresh();
            })
            .catch(() => undefined);
    }
}
