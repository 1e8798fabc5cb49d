/**
 * lightning/actions in the workbench: a screen action closes itself with this event; the
 * workbench's records view, which shows the action as a panel, closes the panel.
 */
export class CloseActionScreenEvent extends CustomEvent<unknown> {
    constructor() {
        super('closeactionscreen', { bubbles: true, composed: true });
    }
}
