/**
 * lightning/messageService in the workbench. Only the console's tab channels are used, and
 * there is no console here, so subscriptions are kept but never receive a message.
 */
export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

const subscriptions = new Set<object>();

export function subscribe(): object {
    const subscription = {};
    subscriptions.add(subscription);
    return subscription;
}

export function unsubscribe(subscription: object): void {
    subscriptions.delete(subscription);
}

export class MessageContext {
    constructor(private readonly dataCallback: (value: object) => void) {}

    connect(): void {
        this.dataCallback({ workbench: true });
    }

    disconnect(): void {
        // Nothing to release.
    }

    update(): void {
        // No configuration.
    }
}
