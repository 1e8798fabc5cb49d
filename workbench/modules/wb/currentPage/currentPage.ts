import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import { decodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { DIAL_OBJECTS } from 'c/clickToDial';
import { CONSOLE, closeTab, focusTab, watchTabs, type WorkbenchTab } from 'lightning/platformWorkspaceApi';

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
 * themselves, which is what the component tells the connector as record context. A
 * Contact, Lead, Account, Case or Opportunity page shows the package's Call buttons
 * (interactionLogDial), as an admin would place them on the record page. Opened
 * as a console app (`/?console`), records open as workspace tabs the agent can focus and
 * close.
 */
export default class CurrentPage extends NavigationMixin(LightningElement) {
    directory: DirectoryRecord[] = [];
    reference?: PageReferenceLike;
    loadError?: string;
    tabs: WorkbenchTab[] = [];
    readonly isConsole = CONSOLE;
    private stopWatching?: () => void;

    @wire(CurrentPageReference)
    wiredReference(reference?: PageReferenceLike): void {
        this.reference = reference;
    }

    override disconnectedCallback(): void {
        this.stopWatching?.();
    }

    override connectedCallback(): void {
        if (CONSOLE) {
            this.stopWatching = watchTabs((tabs) => {
                this.tabs = tabs;
            });
        }
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

    /** In a console, the focused workspace tab (or subtab) is the page the agent is on. */
    private get focusedTabRecordId(): string | undefined {
        const all = this.tabs.flatMap((t) => [t, ...t.subtabs]);
        return all.find((t) => t.focused)?.recordId;
    }

    get pageTitle(): string {
        const focused = CONSOLE ? this.focusedTabRecordId : undefined;
        if (focused) {
            const record = this.directory.find((r) => r.recordId === focused);
            return record ? `${record.objectType}: ${record.recordName}` : `Record ${focused}`;
        }
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
        if (ref.type === 'standard__objectPage' && a.actionName === 'list' && ref.state?.filterName)
            return `${a.objectApiName} list view ${ref.state.filterName}`;
        if (ref.type === 'standard__objectPage' && a.actionName === 'new') return `New ${a.objectApiName}`;
        return `${a.objectApiName ?? ref.type} (${a.actionName ?? 'view'})`;
    }

    get defaults(): { name: string; value: string }[] {
        const encoded = this.reference?.state?.defaultFieldValues;
        return encoded
            ? Object.entries(decodeDefaultFieldValues(encoded)).map(([name, value]) => ({ name, value }))
            : [];
    }

    /** On a Contact, Lead, Account, Case or Opportunity page: the record the Call buttons are for. */
    get dialRecord(): { recordId: string; objectApiName: string } | undefined {
        const focused = CONSOLE ? this.focusedTabRecordId : undefined;
        const inTab = focused ? this.directory.find((r) => r.recordId === focused) : undefined;
        if (inTab)
            return DIAL_OBJECTS.includes(inTab.objectType)
                ? { recordId: inTab.recordId, objectApiName: inTab.objectType }
                : undefined;
        const ref = this.reference;
        if (ref?.type !== 'standard__recordPage') return undefined;
        const { recordId, objectApiName } = ref.attributes;
        return recordId && DIAL_OBJECTS.includes(objectApiName) ? { recordId, objectApiName } : undefined;
    }

    /** On the New Contact page: what the agent saves (the defaults the component passed, and a last name). */
    get isNewContact(): boolean {
        const a = this.reference?.attributes;
        return (
            this.reference?.type === 'standard__objectPage' && a?.objectApiName === 'Contact' && a.actionName === 'new'
        );
    }

    newContactLastName = 'Caller';

    handleLastName(event: Event): void {
        this.newContactLastName = String((event.target as HTMLInputElement).value ?? '');
    }

    /** Saves the new Contact in the org emulator and opens it, as Salesforce does after Save. */
    handleSaveContact(): void {
        const fields: Record<string, string> = { LastName: this.newContactLastName };
        for (const { name, value } of this.defaults) fields[name] = value;
        fetch('/api/contacts?workbench', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(fields)
        })
            .then((response) => response.json())
            .then((record: DirectoryRecord) => {
                this.directory = [...this.directory, record];
                this[NavigationMixin.Navigate]({
                    type: 'standard__recordPage',
                    attributes: { recordId: record.recordId, objectApiName: 'Contact', actionName: 'view' }
                });
            })
            .catch((error: Error) => (this.loadError = `The Contact could not be saved: ${error.message}`));
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

    get appLink(): { href: string; label: string } {
        return CONSOLE
            ? { href: '/', label: 'Open as a standard app' }
            : { href: '/?console', label: 'Open as a console app' };
    }

    get workspaceTabs() {
        return this.tabs.map((tab) => {
            const record = this.directory.find((r) => r.recordId === tab.recordId);
            const name = record ? `${record.recordName} (${record.objectType})` : tab.recordId;
            return {
                ...tab,
                name,
                className: `slds-box slds-box_x-small slds-m-right_x-small slds-m-bottom_x-small workspace-tab${tab.focused ? ' slds-theme_shade focused' : ''}`,
                focusTitle: `Focus ${name}`,
                closeTitle: `Close ${name}`
            };
        });
    }

    /** Focus or close a workspace tab (the button's data-action). */
    handleTab(event: Event): void {
        const { tab, action } = (event.currentTarget as HTMLElement).dataset;
        if (!tab) return;
        (action === 'close' ? closeTab(tab) : focusTab(tab)).catch((error: Error) => (this.loadError = error.message));
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
