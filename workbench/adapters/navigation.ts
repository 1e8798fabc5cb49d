/**
 * lightning/navigation in the workbench. There is one page, so navigating does not leave
 * it: the page reference becomes the "current page" that CurrentPageReference wires
 * receive (the component's record context follows it, as a utility bar's does in
 * Lightning) and that the workbench shows. In the workbench's console app a record page
 * opens as a workspace tab, as it does in a Lightning console.
 */
import { CONSOLE, openTab } from 'lightning/platformWorkspaceApi';

export interface PageReference {
    type: string;
    attributes: Record<string, string>;
    state?: Record<string, string>;
}

type Listener = (reference: PageReference | undefined) => void;

let current: PageReference | undefined;
const listeners = new Set<Listener>();

export function navigateTo(reference: PageReference): void {
    current = JSON.parse(JSON.stringify(reference)) as PageReference;
    listeners.forEach((listener) => listener(current));
    if (CONSOLE && reference.type === 'standard__recordPage' && reference.attributes.recordId) {
        openTab({ recordId: reference.attributes.recordId, focus: true }).catch(() => undefined);
    }
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function urlOf(reference: PageReference): string {
    const a = reference.attributes;
    if (reference.type === 'standard__recordPage')
        return `/lightning/r/${a.objectApiName ?? 'record'}/${a.recordId}/view`;
    if (reference.type === 'standard__objectPage') return `/lightning/o/${a.objectApiName}/${a.actionName}`;
    return '/lightning/page/home';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

export function NavigationMixin<T extends Constructor>(Base: T) {
    return class extends Base {
        [Navigate](reference: PageReference): void {
            navigateTo(reference);
        }
        [GenerateUrl](reference: PageReference): Promise<string> {
            return Promise.resolve(urlOf(reference));
        }
    };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

/** The wire adapter: provisions the current page reference, and each new one. */
export class CurrentPageReference {
    private readonly listener: Listener;

    constructor(dataCallback: (value: PageReference | undefined) => void) {
        this.listener = (reference) => dataCallback(reference);
    }

    connect(): void {
        listeners.add(this.listener);
        this.listener(current);
    }

    disconnect(): void {
        listeners.delete(this.listener);
    }

    update(): void {
        // No configuration.
    }
}
