import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import { decodeDefaultFieldValues } from 'lightning/pageReferenceUtils';

interface DirectoryRecord {
    recordId: string;
    recordName: string;
    objectType: string;
    phones?: string[];
    emails?: string[];
}

interface PageReferenceLike {
    type: string;
    attributes: Record<string, string>;
    state?: Record<string, string>;
}

/**
 * Where the agent is in "Salesforce": the page the component last navigated to (screen
 * pop, click-to-dial, New Contact, reports), and the CRM records the agent can open
 * themselves, which is what the component tells the connector as record context.
 */
export default class CurrentPage extends NavigationMixin(LightningElement) {
    directory: DirectoryRecord[] = [];
    reference?: PageReferenceLike;
    loadError?: string;

    @wire(CurrentPageReference)
    wiredReference(reference?: PageReferenceLike): void {
        this.reference = reference;
    }

    override connectedCallback(): void {
        fetch('/api/directory?workbench')
            .then((response) => response.json())
            .then((records: DirectoryRecord[]) => {
                this.directory = records;
            })
            .catch((error: Error) => {
                this.loadError = `The CRM records could not be loaded: ${error.message}`;
            });
    }

    get pageType(): string {
        return this.reference?.type ?? 'home';
    }

    get pageTitle(): string {
        const ref = this.reference;
        if (!ref) return 'Home';
        const a = ref.attributes;
        if (ref.type === 'standard__recordPage') {
            const record = this.directory.find((r) => r.recordId === a.recordId);
            return record
                ? `${record.objectType}: ${record.recordName}`
                : `${a.objectApiName ?? 'Record'} ${a.recordId}`;
        }
        if (ref.type === 'standard__objectPage' && a.objectApiName === 'Report') return 'Reports';
        if (ref.type === 'standard__objectPage' && a.actionName === 'new') return `New ${a.objectApiName}`;
        return `${a.objectApiName ?? ref.type} (${a.actionName ?? 'view'})`;
    }

    get defaults(): { name: string; value: string }[] {
        const encoded = this.reference?.state?.defaultFieldValues;
        return encoded
            ? Object.entries(decodeDefaultFieldValues(encoded)).map(([name, value]) => ({ name, value }))
            : [];
    }

    get records() {
        const current = this.reference?.attributes?.recordId;
        return this.directory.map((r) => ({
            ...r,
            label: `${r.recordName} (${r.objectType})`,
            title: `Open ${r.recordName}`,
            addresses: [...(r.phones ?? []), ...(r.emails ?? [])].join(', '),
            variant: r.recordId === current ? 'brand' : 'neutral'
        }));
    }

    handleOpen(event: Event): void {
        const { id, object } = (event.currentTarget as HTMLElement).dataset;
        if (!id) return;
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: id, objectApiName: object ?? '', actionName: 'view' }
        });
    }
}
