/** @salesforce/apex/InteractionLogLinkController.contactsCreatedSince in the workbench. */
import { callOrg } from './api';

export default function contactsCreatedSince(params: { since: string }): Promise<unknown[]> {
    return callOrg('POST', '/apex/InteractionLogLinkController.contactsCreatedSince', params) as Promise<unknown[]>;
}
