/**
 * lightning/empApi in the workbench: a subscription reads the org emulator's platform events
 * on its channel, as the streaming API delivers them ({ data: { payload } }).
 */
import { callOrg } from './api';

interface Subscription {
    channel: string;
    timer: ReturnType<typeof setInterval>;
}

export function subscribe(
    channel: string,
    _replayId: number,
    onMessage: (message: unknown) => void
): Promise<Subscription> {
    let after = -1;
    const poll = async () => {
        const events = (await callOrg('GET', `/events?after=${Math.max(after, 0)}`)) as {
            channel: string;
            replayId: number;
            payload: Record<string, unknown>;
        }[];
        for (const event of events) {
            // -1: new events only, as the platform's replay id -1 means.
            if (after >= 0 && event.channel === channel)
                onMessage({ channel, data: { event: { replayId: event.replayId }, payload: event.payload } });
            after = Math.max(after, event.replayId);
        }
        if (after < 0) after = 0;
    };
    const timer = setInterval(() => void poll().catch(() => undefined), 250);
    void poll().catch(() => undefined);
    return Promise.resolve({ channel, timer });
}

export function unsubscribe(subscription: Subscription, callback?: (response: unknown) => void): Promise<boolean> {
    clearInterval(subscription.timer);
    callback?.({ successful: true });
    return Promise.resolve(true);
}

export function onError(): void {
    // The emulator's events do not fail.
}
