/** lightning/platformShowToastEvent in the workbench: the page shell shows the toasts. */
export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(toast: { title?: string; message: string; variant?: string; mode?: string }) {
        super('lightning__showtoast', { composed: true, cancelable: true, bubbles: true, detail: toast });
    }
}
