/**
 * lightning/messageService in the workbench: subscriptions by channel, and publish. The
 * workbench's console (lightning/platformWorkspaceApi) publishes the tab channels on it.
 */
import { constantWireAdapter } from './api';

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

type Listener = (message: unknown) => void;
interface Subscription {
    channel: unknown;
    listener: Listener;
}

const subscriptions = new Set<Subscription>();

export function subscribe(_context: unknown, channel: unknown, listener: Listener): Subscription {
    const subscription = { channel, listener };
    subscriptions.add(subscription);
    return subscription;
}

export function unsubscribe(subscription: Subscription): void {
    subscriptions.delete(subscription);
}

export function publish(_context: unknown, channel: unknown, message: unknown): void {
    for (const s of [...subscriptions]) if (s.channel === channel) s.listener(message);
}

export const MessageContext = constantWireAdapter({ workbench: true });
