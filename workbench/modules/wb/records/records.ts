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

/** Labels of the system fields the object info does not describe. */
const SYSTEM_LABELS: Record<string, string> = {
    Id: 'Record ID',
    CreatedDate: 'Created Date',
    LastModifiedDate: 'Last Modified Date'
};

/** The saved Interaction_Log__c records, newest first, with every field of the one selected. */
export default class Records extends LightningElement {
    records: StoredRecord[] = [];
    tasks: StoredRecord[] = [];
    /** Names of the CRM records, so lookups read as names. */
    private names: Record<string, string> = {};

    taskColumns = [
        { label: 'Subject', fieldName: 'Subject', type: 'text', initialWidth: 260, wrapText: true },
        { label: 'Type', fieldName: 'CallType', type: 'text', initialWidth: 90 },
        { label: 'Who', fieldName: 'WhoName', type: 'text' },
        { label: 'What', fieldName: 'WhatName', type: 'text' },
        { label: 'Status', fieldName: 'Status', type: 'text', initialWidth: 100 }
    ];
    selectedId?: string;
    /** The log whose Link to Customer action is open, as Salesforce opens a screen action. */
    linkId?: string;
    private labels: Record<string, string> = {};
    private timer?: ReturnType<typeof setInterval>;

    columns = [
        { label: 'Name', fieldName: 'Name', type: 'text', initialWidth: 250, wrapText: true },
        { label: 'Channel', fieldName: 'Channel__c', type: 'text', initialWidth: 100 },
        { label: 'Direction', fieldName: 'Direction__c', type: 'text', initialWidth: 100 },
        { label: 'Caller', fieldName: 'Caller_Name__c', type: 'text' },
        { label: 'Warnings', fieldName: 'Mapping_Warning_Count__c', type: 'number', initialWidth: 95 },
        {
            label: 'Last saved',
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
        fetch('/api/directory?workbench')
            .then((r) => r.json())
            .then((records: { recordId: string; recordName: string }[]) => {
                this.names = Object.fromEntries(records.map((r) => [r.recordId, r.recordName]));
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
                // Newest change first, as a list view sorted by Last Modified: a redelivery moves its log up.
                this.records = [...records].sort((a, b) => b.LastModifiedDate.localeCompare(a.LastModifiedDate));
            })
            .catch(() => undefined);
        fetch('/api/tasks')
            .then((r) => r.json())
            .then((tasks: StoredRecord[]) => {
                this.tasks = tasks;
            })
            .catch(() => undefined);
    }

    get taskCount(): number {
        return this.tasks.length;
    }

    get taskRows() {
        const name = (id: unknown) => (typeof id === 'string' ? (this.names[id] ?? id) : '');
        return this.tasks.map((t) => ({
            Id: t.Id,
            ...t.fields,
            WhoName: name(t.fields.WhoId),
            WhatName: name(t.fields.WhatId)
        }));
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
        const { Raw_Payload__c: raw, ...shown } = all;
        const value = (apiName: string, v: unknown) => {
            const text = String(v);
            // A lookup reads as the record's name, with its id.
            return this.names[text] && apiName !== 'Id' ? `${this.names[text]} (${text})` : text;
        };
        return {
            name: String(record.fields.Name ?? record.Id),
            warnings: record.fields.Mapping_Warnings__c ? String(record.fields.Mapping_Warnings__c) : '',
            rawPayload: typeof raw === 'string' ? raw : '',
            fields: Object.keys(shown)
                .map((apiName) => ({
                    apiName,
                    label: this.labels[apiName] ?? SYSTEM_LABELS[apiName] ?? apiName,
                    value: value(apiName, shown[apiName])
                }))
                .sort((a, b) => a.label.localeCompare(b.label))
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
