/**
 * crmConnector: hosts the Avaya CRM Connector in an iframe, speaks its handshake, accepts
 * only genuine messages from it, and saves every interaction log through Lightning Data
 * Service via a durable outbox. The logic lives in the service modules; this component
 * wires them to the platform and renders their state.
 */
import { LightningElement, api, wire } from 'lwc';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { createRecord, updateRecord, getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { IsConsoleNavigation, getAllTabInfo, getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import { EnclosingUtilityId, open as openUtility } from 'lightning/platformUtilityBarApi';
import { APPLICATION_SCOPE, MessageContext, subscribe, unsubscribe, type Subscription } from 'lightning/messageService';
import TAB_FOCUSED_CHANNEL from '@salesforce/messageChannel/lightning__tabFocused';
import TAB_CLOSED_CHANNEL from '@salesforce/messageChannel/lightning__tabClosed';
import USER_ID from '@salesforce/user/Id';
import USER_NAME_FIELD from '@salesforce/schema/User.Name';
import USER_USERNAME_FIELD from '@salesforce/schema/User.Username';
import USER_LOCALE_FIELD from '@salesforce/schema/User.LanguageLocaleKey';
import INTERACTION_LOG_OBJECT from '@salesforce/schema/Interaction_Log__c';
import TASK_OBJECT from '@salesforce/schema/Task';
import getConfiguration from '@salesforce/apex/InteractionLogConfigController.getConfiguration';
import findLogIdByKey from '@salesforce/apex/InteractionLogConfigController.findLogIdByKey';
import findTaskIdForLog from '@salesforce/apex/InteractionLogConfigController.findTaskIdForLog';
import searchCustomers from '@salesforce/apex/InteractionLogRecordController.searchCustomers';
import describeRecords from '@salesforce/apex/InteractionLogRecordController.describeRecords';
import {
    createHistoryItemReply,
    crmDataReply,
    currentUserFrom,
    customFieldsReply,
    errorNotification,
    judgeMessage,
    parseCallCenterSettings,
    postToConnector,
    readyReply,
    recordContextFor,
    recordContextMessage,
    RejectionCounter,
    type HostMessage,
    type PostTarget
} from 'c/connectorProtocol';
import {
    decideScreenPop,
    hasSearchTerms,
    newRecordPageReference,
    recordPageReference,
    reportsPageReference,
    screenPopViews,
    searchTermsFrom,
    type CustomerRecord,
    type PageReference,
    type ScreenPopView
} from 'c/screenPop';
import {
    contextKey,
    contextRecordIds,
    recordIdsFromTabs,
    RecordDirectory,
    type PageReferenceLike
} from 'c/recordContext';
import {
    LogOutbox,
    memoryStorage,
    webStorage,
    type OutboxEntry,
    type OutboxSnapshot,
    type SaveOutcome
} from 'c/logOutbox';
import {
    isTransient,
    normalizeSaveError,
    schemaFromObjectInfo,
    writeInteractionLog,
    type LdsAdapter,
    type UiApiObjectInfo,
    type WriterConfig
} from 'c/interactionLogWriter';
import {
    planHosting,
    resolveSetting,
    shouldToast,
    toastBehavior,
    toFieldMappings,
    type Configuration,
    type HostingPlan,
    type SettingRecord
} from 'c/interactionLogSettings';

type Connection = 'loading' | 'not-configured' | 'waiting' | 'handshake' | 'connected';

/** First wait before loading the configuration again when Salesforce could not be reached. */
const CONFIGURATION_RETRY_MS = 5000;

const CONNECTION_LABELS: Record<Connection, { label: string; icon: string }> = {
    loading: { label: 'Loading', icon: 'utility:spinner' },
    'not-configured': { label: 'Not configured', icon: 'utility:warning' },
    waiting: { label: 'Waiting for the connector', icon: 'utility:clock' },
    handshake: { label: 'Connecting', icon: 'utility:sync' },
    connected: { label: 'Connected', icon: 'utility:success' }
};

interface QueueRow {
    id: string;
    label: string;
    retryTitle: string;
    state: string;
    stateText: string;
    saving: boolean;
    error?: string;
    detail?: string;
}

function errorText(error: unknown): string {
    const e = error as { body?: { message?: string }; message?: string } | undefined;
    return e?.body?.message || e?.message || 'Unknown error';
}

function browserStorage() {
    try {
        if (typeof localStorage !== 'undefined' && localStorage) return webStorage(localStorage, USER_ID);
    } catch {
        // Storage blocked by the browser: keep logs in memory and say so.
    }
    return memoryStorage();
}

export default class CrmConnector extends NavigationMixin(LightningElement) {
    /** Height of the component in pixels (design attribute). */
    @api height = 600;
    /** Optional override of the setting's Connector URL (design attribute). */
    @api connectorUrl?: string;
    /** The record of the record page the component is placed on, if any (set by the platform). */
    @api
    get recordId(): string | undefined {
        return this.pageRecordId;
    }
    set recordId(value: string | undefined) {
        this.pageRecordId = value;
        this.refreshRecordContext();
    }

    screenPop?: ScreenPopView;
    contextProblem?: string;

    connection: Connection = 'loading';
    panelOpen = false;
    snapshot: OutboxSnapshot = { pending: [], failed: [], inFlight: 0, notDurable: 0 };
    rejectionTotal = 0;
    configuration?: Configuration;
    configurationError?: string;
    objectInfo?: UiApiObjectInfo;
    objectInfoError?: string;
    taskInfo?: UiApiObjectInfo;

    private readonly rejections = new RejectionCounter();
    private outbox?: LogOutbox;
    private unsubscribe?: () => void;
    private started = false;
    private writer?: WriterConfig;
    private user?: { name?: string; username?: string; languageLocaleKey?: string };

    private readonly onMessage = (event: MessageEvent): void => this.handleWindowMessage(event);
    private readonly onOnline = (): void => {
        if (!this.configuration) this.loadConfiguration();
        this.outbox?.retryAll();
    };
    private pageRecordId?: string;
    private utilityId?: string;
    private pageReference?: PageReferenceLike;
    private isConsole = false;
    private consoleRecordIds: string[] = [];
    private tabSubscriptions: Subscription[] = [];
    private readonly records = new RecordDirectory();
    private sentContextKey = '';
    private contextRun = 0;
    private screenPopRun = 0;
    private configurationTransient = false;
    private configurationRetry?: ReturnType<typeof setTimeout>;
    private configurationRetryDelay = CONFIGURATION_RETRY_MS;

    @wire(getObjectInfo, { objectApiName: INTERACTION_LOG_OBJECT })
    wiredObjectInfo({ data, error }: { data?: UiApiObjectInfo; error?: unknown }): void {
        if (data) {
            this.objectInfo = data;
            this.objectInfoError = undefined;
            this.startWhenReady();
        } else if (error) {
            this.objectInfoError = errorText(error);
        }
    }

    /** Task, for the activity mirror; an org where the user cannot create Tasks simply has no mirror. */
    @wire(getObjectInfo, { objectApiName: TASK_OBJECT })
    wiredTaskInfo({ data }: { data?: UiApiObjectInfo }): void {
        if (data) {
            this.taskInfo = data;
            this.startWhenReady();
        }
    }

    private messageContext?: unknown;

    @wire(MessageContext)
    wiredMessageContext(context?: unknown): void {
        this.messageContext = context ?? undefined;
        if (this.isConsole) this.followConsoleTabs();
    }

    /** Standard navigation: the page the agent is on (the utility bar follows it). */
    @wire(CurrentPageReference)
    wiredPageReference(reference?: PageReferenceLike): void {
        this.pageReference = reference ?? undefined;
        this.refreshRecordContext();
    }

    /** In a utility bar: the utility to open when a screen pop needs the agent. */
    @wire(EnclosingUtilityId)
    wiredUtilityId(utilityId?: string | null): void {
        this.utilityId = utilityId ?? undefined;
    }

    /** Console navigation: follow the workspace tabs instead. */
    @wire(IsConsoleNavigation)
    wiredConsole(isConsole?: boolean): void {
        this.isConsole = isConsole === true;
        if (this.isConsole) this.followConsoleTabs();
    }

    @wire(getRecord, { recordId: USER_ID, fields: [USER_NAME_FIELD, USER_USERNAME_FIELD, USER_LOCALE_FIELD] })
    wiredUser({ data }: { data?: unknown }): void {
        if (data) {
            this.user = {
                name: getFieldValue(data, USER_NAME_FIELD) as string,
                username: getFieldValue(data, USER_USERNAME_FIELD) as string,
                languageLocaleKey: getFieldValue(data, USER_LOCALE_FIELD) as string
            };
        }
    }

    override connectedCallback(): void {
        window.addEventListener('message', this.onMessage);
        window.addEventListener('online', this.onOnline);
        this.outbox = new LogOutbox({ storage: browserStorage(), saver: (entry) => this.save(entry) });
        this.unsubscribe = this.outbox.subscribe((snapshot) => {
            this.snapshot = snapshot;
        });
        this.snapshot = this.outbox.snapshot();
        this.loadConfiguration();
    }

    override disconnectedCallback(): void {
        window.removeEventListener('message', this.onMessage);
        window.removeEventListener('online', this.onOnline);
        this.unsubscribe?.();
        this.tabSubscriptions.forEach((subscription) => unsubscribe(subscription));
        this.tabSubscriptions = [];
        this.outbox?.stop();
        this.outbox = undefined;
        this.started = false;
        clearTimeout(this.configurationRetry);
    }

    // -- configuration --------------------------------------------------------

    private async loadConfiguration(): Promise<void> {
        clearTimeout(this.configurationRetry);
        try {
            this.configuration = (await getConfiguration()) as Configuration;
            this.configurationError = undefined;
            this.configurationTransient = false;
            this.configurationRetryDelay = CONFIGURATION_RETRY_MS;
        } catch (error) {
            this.configurationError = errorText(error);
            // Salesforce unreachable at load: keep the stored logs and try again (also on `online`).
            this.configurationTransient = isTransient(normalizeSaveError(error));
            if (this.configurationTransient && this.outbox) {
                // eslint-disable-next-line @lwc/lwc/no-async-operation
                this.configurationRetry = setTimeout(() => this.loadConfiguration(), this.configurationRetryDelay);
                this.configurationRetryDelay = Math.min(this.configurationRetryDelay * 2, 60_000);
            }
        }
        this.connection = this.plan.ready ? 'waiting' : 'not-configured';
        this.startWhenReady();
    }

    get setting(): SettingRecord | undefined {
        return resolveSetting(this.configuration?.settings);
    }

    /**
     * Whether and how the connector can be hosted. Read for every message and by several
     * getters per render, so it is worked out once per configuration and URL override.
     */
    get plan(): HostingPlan {
        const inputs = [this.configuration, this.configurationError, this.configurationTransient, this.connectorUrl];
        const memo = this.planMemo;
        if (!memo.plan || memo.inputs.some((value, i) => value !== inputs[i])) {
            // Mutating the memo object (not reassigning the field) keeps this out of LWC's reactivity.
            memo.inputs = inputs;
            memo.plan = this.computePlan();
        }
        return memo.plan;
    }

    private readonly planMemo: { inputs: unknown[]; plan?: HostingPlan } = { inputs: [] };

    private computePlan(): HostingPlan {
        if (this.configurationError && this.configurationTransient) {
            return {
                ready: false,
                allowedOrigins: [],
                problem: `Salesforce cannot be reached (${this.configurationError}), so the connector configuration could not be loaded. It is loaded again as soon as Salesforce answers; logs already received are kept.`,
                steps: []
            };
        }
        if (this.configurationError) {
            return {
                ready: false,
                allowedOrigins: [],
                problem: `The Interaction Log configuration could not be read: ${this.configurationError}`,
                steps: [
                    'Check that you have the Interaction Log Agent permission set (it grants access to the InteractionLogConfigController class).'
                ]
            };
        }
        return planHosting(this.setting, this.connectorUrl);
    }

    /** Builds what the writer needs once both the configuration and the object schema are in; then saving starts. */
    private startWhenReady(): void {
        if (!this.configuration || !this.objectInfo) return;
        this.writer = {
            schema: schemaFromObjectInfo(this.objectInfo, this.configuration),
            mappings: toFieldMappings(this.configuration.mappings),
            userId: USER_ID,
            storeRawPayload: this.setting?.storeRawPayload !== false,
            task:
                this.setting?.createTask && this.taskInfo
                    ? {
                          schema: schemaFromObjectInfo(this.taskInfo, {
                              picklists: this.configuration.taskPicklists,
                              keyPrefixes: this.configuration.keyPrefixes
                          })
                      }
                    : undefined
        };
        if (!this.started && this.outbox) {
            this.started = true;
            this.outbox.start();
        }
    }

    // -- messages from the connector --------------------------------------------

    private get frameWindow(): (PostTarget & Window) | null {
        const frame = this.refs?.frame as HTMLIFrameElement | undefined;
        return (frame?.contentWindow as (PostTarget & Window) | null) ?? null;
    }

    private reply(message: HostMessage): void {
        const origin = this.plan.connectorOrigin;
        if (origin) postToConnector(this.frameWindow, origin, message);
    }

    handleWindowMessage(event: MessageEvent): void {
        const plan = this.plan;
        if (!plan.ready) return;
        const verdict = judgeMessage(event, { allowedOrigins: plan.allowedOrigins, frameWindow: this.frameWindow });
        if (verdict.kind === 'rejected') {
            this.rejections.record(verdict.reason, verdict.detail);
            this.rejectionTotal = this.rejections.total;
            if (verdict.reason === 'body' || verdict.reason === 'size') {
                // A genuine log that cannot be saved: tell the agent, in the connector too.
                this.notify('problem', 'A log from the CRM Connector cannot be saved', verdict.detail);
                this.reply(errorNotification(`The interaction log could not be saved: ${verdict.detail}`));
            }
            return;
        }
        const message = verdict.message;
        switch (message.action) {
            case 'ready':
                this.reply(readyReply());
                if (this.connection !== 'connected') this.connection = 'handshake';
                break;
            case 'requestCrmData':
                this.reply(
                    crmDataReply(
                        currentUserFrom({ id: USER_ID, ...this.user }),
                        parseCallCenterSettings(this.setting?.callCenterSettings).settings
                    )
                );
                this.connection = 'connected';
                // A new session of the connector knows no records yet: tell it the open ones, if any.
                this.sentContextKey = '';
                this.refreshRecordContext();
                break;
            case 'requestSaveInteractionLog':
                this.outbox?.enqueue({
                    group: message.body.interactionId,
                    label: this.labelFor(message.body),
                    bodyJson: message.bodyJson,
                    headerJson: message.header ? JSON.stringify(message.header) : undefined
                });
                break;
            case 'requestCustomFieldsValues':
                this.reply(customFieldsReply(message, this.writer?.schema));
                break;
            case 'requestPerformInteractionScreenPop':
                this.performScreenPop(message.aniValues);
                break;
            case 'requestNavigateToClickToDialResult':
                this.openRecord(message.recordId);
                break;
            case 'requestOpenReports':
                this.navigate(reportsPageReference());
                break;
            default:
                // Known actions this package does not act on yet are ignored quietly.
                break;
        }
    }

    private labelFor(body: { interactionId: string; interactionData: Record<string, unknown> }): string {
        const details = body.interactionData.logDetails as Record<string, unknown> | undefined;
        const subject = details && typeof details.subject === 'string' ? details.subject.trim() : '';
        return (subject || `Interaction ${body.interactionId}`).slice(0, 120);
    }

    // -- saving ----------------------------------------------------------------

    private readonly lds: LdsAdapter = {
        createRecord: (input) => createRecord(input),
        updateRecord: (input) => updateRecord(input),
        findRecordIdByLogKey: (logKey) => findLogIdByKey({ logKey }),
        findTaskIdForLog: (logId) => findTaskIdForLog({ logId })
    };

    private async save(entry: Readonly<OutboxEntry>): Promise<SaveOutcome> {
        const config = this.writer;
        if (!config) {
            return { ok: false, transient: true, message: 'Waiting for the Interaction Log configuration.' };
        }
        const body: unknown = JSON.parse(entry.bodyJson);
        const result = await writeInteractionLog(body, config, this.lds, {
            recordId: entry.recordId,
            taskPending: entry.taskPending,
            taskId: entry.taskId,
            bodyJson: entry.bodyJson
        });
        if (result.ok) {
            const header = entry.headerJson ? (JSON.parse(entry.headerJson) as unknown) : undefined;
            this.reply(createHistoryItemReply(result.recordId, { header, message: { body } }, result.fields));
            if (result.warnings.length > 0) {
                this.notify(
                    'problem',
                    `Saved "${entry.label}" with ${result.warnings.length} mapping warning(s)`,
                    'An admin can see them on the record.'
                );
            } else {
                this.notify('saved', 'Interaction log saved', entry.label);
            }
            return { ok: true, recordId: result.recordId, warningCount: result.warnings.length };
        }
        if (!result.transient) {
            this.notify('problem', `"${entry.label}" needs attention`, result.message);
        }
        return {
            ok: false,
            transient: result.transient,
            message: result.message,
            detail: result.detail,
            resume: result.resume
        };
    }

    private notify(kind: 'saved' | 'problem', title: string, message: string): void {
        if (!shouldToast(toastBehavior(this.setting), kind)) return;
        this.dispatchEvent(new ShowToastEvent({ title, message, variant: kind === 'saved' ? 'success' : 'warning' }));
    }

    // -- screen pop and navigation ------------------------------------------------

    private async performScreenPop(aniValues: string[]): Promise<void> {
        const run = ++this.screenPopRun;
        const terms = searchTermsFrom(aniValues);
        if (!hasSearchTerms(terms)) {
            this.screenPop = screenPopViews.unusable(terms);
            return;
        }
        this.screenPop = screenPopViews.searching(terms);
        let candidates: unknown;
        try {
            candidates = await searchCustomers({ phones: terms.phones, emails: terms.emails });
        } catch (error) {
            if (run === this.screenPopRun) {
                this.screenPop = screenPopViews.failed(terms, errorText(error));
                this.revealScreenPop(this.screenPop.title);
            }
            return;
        }
        // A newer interaction arrived meanwhile: its screen pop wins.
        if (run !== this.screenPopRun) return;
        const decision = decideScreenPop(Array.isArray(candidates) ? (candidates as CustomerRecord[]) : [], terms);
        this.screenPop = screenPopViews.decided(decision, terms);
        if (decision.kind === 'open') this.openRecord(decision.record.recordId, decision.record.objectType);
        else this.revealScreenPop(this.screenPop.title);
    }

    /**
     * A screen pop that needs the agent must be seen: in a minimised utility bar the
     * utility is opened; if that fails, a toast says where to look.
     */
    private revealScreenPop(what: string): void {
        if (!this.utilityId) return;
        openUtility(this.utilityId, { autoFocus: true }).catch(() =>
            this.dispatchEvent(
                new ShowToastEvent({
                    title: what,
                    message: 'Open the Avaya CRM Connector utility to see it.',
                    variant: 'info'
                })
            )
        );
    }

    handleScreenPopChoice(event: Event): void {
        const data = (event.currentTarget as HTMLElement | null)?.dataset;
        if (!data?.id) return;
        const choice = this.screenPop?.choices?.find((c) => c.recordId === data.id);
        this.screenPop = choice ? { title: `Opened ${choice.label}`, message: `Opened ${choice.label}.` } : undefined;
        this.openRecord(data.id, data.object);
    }

    handleScreenPopCreate(): void {
        const create = this.screenPop?.create;
        if (!create) return;
        this.screenPop = undefined;
        this.navigate(newRecordPageReference(create.objectApiName, encodeDefaultFieldValues(create.defaults)));
    }

    dismissScreenPop(): void {
        this.screenPop = undefined;
    }

    /** Opens a record: as a workspace tab in a console app, else by navigating to it. */
    private openRecord(recordId: string, objectApiName?: string): void {
        if (this.isConsole) {
            openTab({ recordId, focus: true }).catch(() => this.navigate(recordPageReference(recordId, objectApiName)));
        } else {
            this.navigate(recordPageReference(recordId, objectApiName));
        }
    }

    private navigate(reference: PageReference): void {
        this[NavigationMixin.Navigate](reference);
    }

    // -- record context: which records the agent is working on ------------------------

    /** Reads the open tabs now and, once the message context is there, whenever a tab is focused or closed. */
    private followConsoleTabs(): void {
        if (this.tabSubscriptions.length === 0 && this.messageContext) {
            const onTabChange = () => this.readConsoleTabs();
            this.tabSubscriptions = [TAB_FOCUSED_CHANNEL, TAB_CLOSED_CHANNEL].map((channel) =>
                subscribe(this.messageContext, channel, onTabChange, { scope: APPLICATION_SCOPE })
            );
        }
        this.readConsoleTabs();
    }

    private async readConsoleTabs(): Promise<void> {
        try {
            const [tabs, focused] = await Promise.all([getAllTabInfo(), getFocusedTabInfo().catch(() => undefined)]);
            this.consoleRecordIds = recordIdsFromTabs(tabs, focused?.tabId);
            this.contextProblem = undefined;
        } catch (error) {
            this.contextProblem = `The open tabs could not be read (${errorText(error)}).`;
            return;
        }
        this.refreshRecordContext();
    }

    /** Describes the records the agent works on and tells the connector when they changed. */
    private async refreshRecordContext(): Promise<void> {
        if (this.connection !== 'connected') return;
        const run = ++this.contextRun;
        const ids = contextRecordIds({
            consoleRecordIds: this.isConsole ? this.consoleRecordIds : undefined,
            pageReference: this.pageReference,
            pageRecordId: this.pageRecordId
        });
        const unknown = this.records.unknown(ids);
        if (unknown.length > 0) {
            try {
                this.records.learn(unknown, await describeRecords({ recordIds: unknown }));
                this.contextProblem = undefined;
            } catch (error) {
                if (run === this.contextRun) {
                    this.contextProblem = `The connector could not be told which records are open (${errorText(error)}).`;
                }
                return;
            }
        }
        if (run !== this.contextRun) return;
        const records = this.records.summaries(ids);
        const key = contextKey(records);
        if (key === this.sentContextKey) return;
        this.sentContextKey = key;
        this.reply(recordContextMessage(recordContextFor(records)));
    }

    // -- the status strip and panel ---------------------------------------------

    get hostStyle(): string {
        const h = Number(this.height);
        return `height: ${Number.isFinite(h) && h >= 200 ? Math.min(h, 2000) : 600}px;`;
    }

    get setupNeeded(): boolean {
        return this.connection !== 'loading' && !this.plan.ready;
    }

    get setupProblem(): string | undefined {
        return this.plan.problem;
    }

    get setupTitle(): string {
        return this.configurationTransient ? 'Waiting for Salesforce' : 'The CRM Connector is not set up yet';
    }

    get hasSetupSteps(): boolean {
        return this.plan.steps.length > 0;
    }

    get setupSteps(): { key: string; text: string }[] {
        return this.plan.steps.map((text, i) => ({ key: `step-${i}`, text }));
    }

    get frameUrl(): string | undefined {
        return this.connection === 'loading' ? undefined : this.plan.connectorUrl;
    }

    get connectionLabel(): string {
        return CONNECTION_LABELS[this.connection].label;
    }

    get connectionIcon(): string {
        return CONNECTION_LABELS[this.connection].icon;
    }

    get lastSaved(): { label: string; url: string } | undefined {
        const last = this.snapshot.lastSaved;
        return last?.recordId
            ? { label: last.label, url: `/lightning/r/Interaction_Log__c/${last.recordId}/view` }
            : undefined;
    }

    get hasQueue(): boolean {
        return this.snapshot.pending.length + this.snapshot.failed.length + this.rejectionTotal > 0;
    }

    get queueLabel(): string {
        const parts = [];
        if (this.snapshot.pending.length) parts.push(`${this.snapshot.pending.length} pending`);
        if (this.snapshot.failed.length) parts.push(`${this.snapshot.failed.length} need attention`);
        if (this.rejectionTotal) parts.push(`${this.rejectionTotal} refused`);
        return parts.join(', ');
    }

    get queueIcon(): string {
        return this.snapshot.failed.length ? 'utility:warning' : 'utility:clock';
    }

    get panelExpanded(): string {
        return this.panelOpen ? 'true' : 'false';
    }

    /** Why logs cannot be saved at all (no access to the object), so nobody waits in silence. */
    get saveBlocked(): string | undefined {
        return this.objectInfoError && !this.objectInfo
            ? `Logs are kept but cannot be saved: ${this.objectInfoError}. Ask your admin for the Interaction Log Agent permission set.`
            : undefined;
    }

    get notDurableWarning(): string | undefined {
        const n = this.snapshot.notDurable;
        return n
            ? `${n} log(s) could not be stored in this browser: keep this tab open until they are saved.`
            : undefined;
    }

    get queueRows(): QueueRow[] {
        return [...this.snapshot.failed, ...this.snapshot.pending].map((e) => ({
            id: e.id,
            label: e.label,
            retryTitle: `Retry saving ${e.label}`,
            state: e.state,
            saving: e.state === 'saving',
            stateText:
                e.state === 'failed'
                    ? 'Needs attention'
                    : e.state === 'saving'
                      ? 'Saving…'
                      : e.attempts > 0
                        ? `Waiting to retry (attempt ${e.attempts})`
                        : 'Waiting to be saved',
            error: e.lastError,
            detail: e.errorDetail
        }));
    }

    get rejectionRows() {
        // rejectionTotal is read so the panel re-renders when a message is refused.
        return this.rejectionTotal ? this.rejections.summary() : [];
    }

    get lastRejection(): string {
        return this.rejections.last;
    }

    togglePanel(): void {
        this.panelOpen = !this.panelOpen;
    }

    handleRetry(event: Event): void {
        const id = (event.currentTarget as HTMLElement | null)?.dataset.id;
        if (id) this.outbox?.retry(id);
    }
}
