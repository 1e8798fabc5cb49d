/**
 * The CRM Connector simulator: a page on its own origin, loaded in the component's frame.
 * It speaks the connector's side of the conversation: repeats `ready` until the host
 * answers, asks for `requestCrmData`, then posts `requestSaveInteractionLog` messages from
 * the project's sample messages when a person (or a test) presses a button, and asks the
 * host for a screen pop when an interaction arrives. It shows the record context the host
 * sends (the options a real connector offers as Name and Related To).
 */

type Message = { type: string; action: string; data?: unknown };

interface FixtureIndex {
    messages: { name: string; label: string }[];
    malformed: { name: string; label: string }[];
    screenPops: { name: string; label: string }[];
}

interface RecordObject {
    pageInfo?: { recordId?: string; recordName?: string; objectType?: string };
}

const params = new URLSearchParams(location.search);
const hostOrigin = params.get('host') ?? '*';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let handshakeDone = false;
let last: Message | undefined;
/** The number of the last clickToDialResponse: the call the simulator can end. */
let dialed: string | undefined;
let readyTimer: ReturnType<typeof setInterval> | undefined;

function postToHost(message: unknown): void {
    window.parent.postMessage(message, hostOrigin);
}

function note(text: string, detail?: unknown): void {
    const item = document.createElement('li');
    item.textContent = detail === undefined ? text : `${text} ${JSON.stringify(detail).slice(0, 300)}`;
    const list = $('received');
    list.prepend(item);
    // The latest messages only: a burst of thousands would otherwise grow the page without end.
    while (list.childElementCount > 100) list.lastElementChild?.remove();
}

async function fixture(kind: 'messages' | 'malformed' | 'screen-pop', name: string): Promise<Message> {
    const response = await fetch(`/fixtures/${kind}/${name}.json`);
    return (await response.json()) as Message;
}

function send(message: Message): void {
    last = message;
    ($('redeliver') as HTMLButtonElement).disabled = false;
    postToHost(message);
}

function startHandshake(): void {
    const sayReady = () => postToHost({ type: 'CRMConnectMessage', action: 'ready' });
    sayReady();
    readyTimer = setInterval(() => (handshakeDone ? clearInterval(readyTimer) : sayReady()), 500);
}

window.addEventListener('message', (event: MessageEvent) => {
    if (hostOrigin !== '*' && event.origin !== hostOrigin) return;
    const data = event.data as Message;
    if (!data || data.type !== 'ClientAppMessage') return;
    if (data.action === 'ready' && !handshakeDone) {
        handshakeDone = true;
        if (readyTimer) clearInterval(readyTimer);
        $('handshake').textContent = 'host answered ready';
        postToHost({ type: 'CRMConnectMessage', action: 'requestCrmData' });
    } else if (data.action === 'crmData') {
        $('handshake').textContent = 'done';
        $('handshake').className = 'slds-badge slds-theme_success';
        $('crmData').textContent = JSON.stringify(data.data, null, 2);
        note('crmData');
    } else if (data.action === 'crmPageInfo') {
        const context = data.data as {
            nameObjects?: RecordObject[] | null;
            relatedToObjects?: RecordObject[] | null;
            pageInfo?: RecordObject['pageInfo'] | null;
        };
        const list = (objects: RecordObject[] | null | undefined) =>
            (objects ?? [])
                .map((o) => `${o.pageInfo?.recordName ?? '?'} (${o.pageInfo?.objectType ?? '?'})`)
                .join(', ') || '(none)';
        $('pageInfo').textContent = list(context?.pageInfo ? [{ pageInfo: context.pageInfo }] : []);
        $('nameOptions').textContent = list(context?.nameObjects);
        $('relatedToOptions').textContent = list(context?.relatedToObjects);
        note('crmPageInfo', context);
    } else if (data.action === 'crmDirectory') {
        const directory = data.data as {
            count?: string;
            results?: { name?: string; phone?: string; email?: string }[];
        };
        const list = $('directory');
        list.replaceChildren(
            ...(directory.results ?? []).map((user) => {
                const item = document.createElement('li');
                item.textContent = [user.name, user.phone, user.email].filter(Boolean).join(' · ');
                return item;
            })
        );
        if (!list.childElementCount) list.textContent = '(empty)';
        note(`crmDirectory count=${directory.count}`);
    } else if (data.action === 'clickToDialResponse') {
        const response = data.data as {
            onClickToDialResponse?: { number?: string; recordName?: string; objectType?: string };
        };
        dialed = response.onClickToDialResponse?.number;
        $('dialed').textContent =
            `${dialed ?? '?'} for ${response.onClickToDialResponse?.recordName ?? '?'} (${response.onClickToDialResponse?.objectType ?? '?'})`;
        ($('endDialed') as HTMLButtonElement).disabled = !dialed;
        note('clickToDialResponse', response);
    } else if (data.action === 'createHistoryItem') {
        const item = data.data as { taskId: string };
        note(`createHistoryItem taskId=${item.taskId}`);
    } else {
        note(data.action, data.data);
    }
});

function button(label: string, onClick: () => void, dataName: string): HTMLButtonElement {
    const b = document.createElement('button');
    b.className = 'slds-button slds-button_neutral slds-m-bottom_xx-small';
    b.textContent = label;
    b.dataset.fixture = dataName;
    b.addEventListener('click', onClick);
    return b;
}

async function main(): Promise<void> {
    const index = (await (await fetch('/fixtures/index.json')).json()) as FixtureIndex;
    for (const f of index.messages) {
        $('interactions').append(button(f.label, () => fixture('messages', f.name).then(send), f.name));
    }
    for (const f of index.screenPops) {
        $('screenPops').append(button(f.label, () => fixture('screen-pop', f.name).then(send), f.name));
    }
    for (const f of index.malformed) {
        $('malformed').append(button(f.label, () => fixture('malformed', f.name).then(send), f.name));
    }
    $('redeliver').addEventListener('click', () => last && postToHost(last));
    $('customFields').addEventListener('click', () =>
        postToHost({
            type: 'CRMConnectMessage',
            action: 'requestCustomFieldsValues',
            data: { object: { voice: ['Disposition_Code__c', 'Callback_Requested__c', ''], digital: ['Subject__c'] } }
        })
    );
    $('askDirectory').addEventListener('click', () =>
        postToHost({ type: 'CRMConnectMessage', action: 'requestGetCrmDirectory' })
    );
    const enableDial = (isEnabled: boolean) => {
        postToHost({ type: 'CRMConnectMessage', action: 'requestEnableClickToDial', data: { isEnabled } });
        $('dialState').textContent = isEnabled ? 'enabled' : 'disabled';
        $('dialState').className = isEnabled ? 'slds-badge slds-theme_success' : 'slds-badge';
    };
    $('enableDial').addEventListener('click', () => enableDial(true));
    $('disableDial').addEventListener('click', () => enableDial(false));
    // The dialed call ends: an outbound log to the dialed number that names no record, so the host links it.
    $('endDialed').addEventListener('click', async () => {
        if (!dialed) return;
        const message = (await fixture('messages', 'elite-voice-outbound')) as {
            type: string;
            action: string;
            data: { message: { body: { interactionId: string; interactionData: Record<string, unknown> } } };
        };
        const body = message.data.message.body;
        const logDetails = { ...(body.interactionData.logDetails as Record<string, unknown>) };
        delete logDetails.nameId;
        delete logDetails.relatedToId;
        body.interactionId = `dialed-${Date.now().toString(36)}`;
        body.interactionData = {
            ...body.interactionData,
            destinationAddress: dialed,
            updatedDestinationAddress: dialed,
            establishedTime: new Date().toISOString(),
            logDetails
        };
        send(message);
    });
    $('forge').addEventListener('click', () => {
        const frame = document.createElement('iframe');
        frame.hidden = true;
        frame.src = `/forger.html?host=${encodeURIComponent(hostOrigin)}`;
        document.body.append(frame);
        note('posted a log from another frame');
    });
    $('burst').addEventListener('click', async () => {
        const n = Math.max(1, Math.min(10000, Number(($('burstSize') as HTMLInputElement).value) || 1));
        const template = await fixture('messages', 'axp-voice-inbound');
        const stamp = Date.now().toString(36);
        for (let i = 1; i <= n; i += 1) {
            const message = JSON.parse(JSON.stringify(template)) as {
                data: { header: { messageId: string }; message: { body: { interactionId: string } } };
            };
            message.data.message.body.interactionId = `burst-${stamp}-${i}`;
            message.data.header.messageId = `m-burst-${stamp}-${i}`;
            postToHost(message);
        }
        note(`sent a burst of ${n}`);
    });
    startHandshake();
}

main().catch((error: unknown) => note(`simulator failed: ${String(error)}`));
