import { LightningElement } from 'lwc';

interface Toast {
    key: number;
    title: string;
    message: string;
    className: string;
}

const VARIANT_CLASS: Record<string, string> = {
    success: 'slds-theme_success',
    warning: 'slds-theme_warning',
    error: 'slds-theme_error',
    info: 'slds-theme_info'
};

/** The workbench page: a Lightning-like app page with the connector in a utility panel. */
export default class App extends LightningElement {
    toasts: Toast[] = [];
    /** `?norecords` leaves out the records view, whose polling would weigh on what the benchmark measures. */
    readonly showRecords = !new URLSearchParams(window.location.search).has('norecords');
    /** `/setup`: the admin's mapping studio over the emulator's records, as an app page in Setup would show it. */
    readonly isSetup = window.location.pathname === '/setup';
    private nextKey = 1;

    handleToast(event: CustomEvent<{ title?: string; message: string; variant?: string }>): void {
        const detail = event.detail;
        const toast: Toast = {
            key: this.nextKey++,
            title: detail.title ?? '',
            message: detail.message,
            className: `slds-notify slds-notify_toast ${VARIANT_CLASS[detail.variant ?? 'info'] ?? VARIANT_CLASS.info}`
        };
        this.toasts = [...this.toasts, toast].slice(-3);
        // Toasts fade as they do in Lightning; the records view keeps the full story.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        setTimeout(() => {
            this.toasts = this.toasts.filter((t) => t.key !== toast.key);
        }, 6000);
    }
}
