/** lightning/actions for jest: the event a screen action dispatches to close itself. */
export const CLOSE_ACTION_SCREEN = 'lightning__actionsclosescreen';

export class CloseActionScreenEvent extends CustomEvent<unknown> {
    constructor() {
        super(CLOSE_ACTION_SCREEN, { bubbles: true, composed: true });
    }
}
