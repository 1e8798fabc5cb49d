/**
 * crmConnector: hosts the Avaya CRM Connector in an iframe and speaks its conversation.
 *
 * A thin shell: it wires the platform (configuration, object schema, navigation, console
 * tabs, utility bar) to the pure modules and renders what they decide.
 * - Every window message goes through the protocol's gate first (genuine and well formed).
 * - A log goes to the Interaction Log service, which maps, stores and saves it; its
 *   outcome comes back once, and becomes a toast and the connector's `createHistoryItem`.
 * - Screen pop and record context decide in their own modules; this component searches,
 *   describes and navigates for them.
 * The status strip and the screen pop are child components.
 */
import { LightningElement, api, wire } from 'lwc';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { createRecord, updateRecord, getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { executeMutation, gql } from 'lightning/graphql';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { IsConsoleNavigation, getAllTabInfo, getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import { EnclosingUtilityId, open as openUtility } from 'lightning/platformUtilityBarApi';
import {
    APPLICATION_SCOPE,
    MessageContext,
    publish,
    subscribe,
    unsubscribe,
    type Subscription
} from 'lightning/messageService';
import TAB_FOCUSED_CHANNEL from '@salesforce/messageChannel/lightning__tabFocused';
import TAB_CLOSED_CHANNEL from '@salesforce/messageChannel/lightning__tabClosed';
import DIAL_CHANNEL from '@salesforce/messageChannel/Interaction_Log_Click_To_Dial__c';
import USER_ID from '@salesforce/user/Id';
import LOCALE from '@salesforce/i18n/locale';
import USER_NAME_FIELD from '@salesforce/schema/User.Name';
import USER_USERNAME_FIELD from '@salesforce/schema/User.Username';
import USER_LOCALE_FIELD from '@salesforce/schema/User.LanguageLocaleKey';
import INTERACTION_LOG_OBJECT from '@salesforce/schema/Interaction_Log__c';
import TASK_OBJECT from '@salesforce/schema/Task';
import getConfiguration from '@salesforce/apex/InteractionLogConfigController.getConfiguration';
import getOutboxKey from '@salesforce/apex/InteractionLogOutboxKey.getOutboxKey';
import findRecordIdByLogKey from '@salesforce/apex/InteractionLogSaveController.findRecordIdByLogKey';
import findTaskIdForLog from '@salesforce/apex/InteractionLogSaveController.findTaskIdForLog';
import searchCustomers from '@salesforce/apex/InteractionLogRecordController.searchCustomers';
import describeRecords from '@salesforce/apex/InteractionLogRecordController.describeRecords';
import getDirectory from '@salesforce/apex/InteractionLogDirectoryController.getDirectory';
import countMyLogsWithoutCustomer from '@salesforce/apex/InteractionLogLinkController.countMyLogsWithoutCustomer';
import contactsCreatedSince from '@salesforce/apex/InteractionLogLinkController.contactsCreatedSince';
import {
    clickToDialResponse,
    createHistoryItemReply,
    crmDataReply,
    currentUserFrom,
    customFieldsReply,
    directoryReply,
    errorNotification,
    judgeMessage,
    parseCallCenterSettings,
    postToConnector,
    readyReply,
    recordContextMessage,
    RejectionCounter,
    type DialRequest,
    type DirectoryEntry,
    type HostMessage,
    type PostTarget
} from 'c/connectorProtocol';
import {
    callingCodeForCountry,
    callingCodeForLocale,
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
import { recordIdsFromTabs, RecordContextTracker, type PageReferenceLike } from 'c/recordContext';
import {
    EMPTY_SNAPSHOT,
    errorMessage,
    InteractionLogService,
    memoryStorage,
    OrgRequests,
    OutboxSeal,
    schemaFromObjectInfo,
    TARGET_OBJECT,
    toFieldMappings,
    webStorage,
    type LogOutcome,
    type OrgApi,
    type ObjectSchema,
    type OutboxSnapshot,
    type UiApiObjectInfo
} from 'c/interactionLog';
import {
    ConfigurationLoader,
    hostingPlanFor,
    pendingExpiryMs,
    customFieldsWin,
    resolveSetting,
    shouldToast,
    toastBehavior,
    type ConfigurationState,
    type HostingPlan,
    type SettingRecord
} from 'c/interactionLogSettings';
import { formatLabel, LABELS, pluralLabel } from 'c/interactionLogLabels';
import { displayText } from 'c/safeData';
import type { RejectionRow } from 'c/interactionLogStatus';
import { browserTimers as timers, CallBudget, Coalescer, LatestOnly } from 'c/rateLimits';
import { DialHost } from 'c/clickToDial';
import { CustomerLinker, hasCustomer, UNLINKED_LIST_VIEW, type LinkNotice } from 'c/customerLink';
import { isWhoObject } from 'c/crmRecord';

type Connection = 'loading' | 'not-configured' | 'waiting' | 'handshake' | 'connected';

const CONNECTION_VIEWS: Record<Connection, { label: string; icon: string }> = {
    loading: { label: LABELS.statusLoading, icon: 'utility:spinner' },
    'not-configured': { label: LABELS.statusNotConfigured, icon: 'utility:warning' },
    waiting: { label: LABELS.statusWaiting, icon: 'utility:clock' },
    handshake: { label: LABELS.statusHandshake, icon: 'utility:sync' },
    connected: { label: LABELS.statusConnected, icon: 'utility:success' }
};

/** The outbox's storage: localStorage under the user's own prefix, or memory when the browser offers none. */
function browserStorage() {
    try {
        if (typeof localStorage !== 'undefined' && localStorage) return webStorage(localStorage, USER_ID);
    } catch {
        // Storage blocked by the browser: keep logs in memory and say so.
    }
    return memoryStorage();
}

/** Most Apex calls per second, whatever the connector sends. */
const APEX_CALLS_PER_SECOND = 5;
/** A burst of bad logs gets one notice, then one "N more" when it is over. */
const BURST_WINDOW_MS = 3000;
/** Screen pops arriving within this window collapse to the latest. */
const SCREEN_POP_WINDOW_MS = 1000;
/** The count of logs without a customer is asked again at most this often. */
const UNLINKED_COUNT_WINDOW_MS = 2000;
/** While a screen pop's New Contact is awaited, Salesforce is asked for it this often (and on every page change). */
const LINK_CHECK_MS = 10_000;

/** "Configuration loaded at 10:42:05", worked out once per configuration read. */
function loadedAtText(at: number | undefined): string | undefined {
    if (at === undefined) return undefined;
    let time: string;
    try {
        time = new Intl.DateTimeFormat(LOCALE.replace('_', '-'), { timeStyle: 'medium' }).format(at);
    } catch {
        time = new Date(at).toISOString(); // A locale the browser does not know.
    }
    return formatLabel(LABELS.configurationLoaded, time);
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
        this.context.update({ pageRecordId: value });
    }

    readonly labels = LABELS;
    screenPop?: ScreenPopView;
    contextProblem?: string;
    unlinkedCount = 0;
    linkNotice?: LinkNotice;
    /** When the configuration in force was read, in the agent's time (the status strip's tooltip). */
    configurationLoaded?: string;
    connection: Connection = 'loading';
    snapshot: OutboxSnapshot = EMPTY_SNAPSHOT;
    rejectionRows: RejectionRow[] = [];
    lastRejection = '';
    configurationState: ConfigurationState = { transient: false };
    objectInfo?: UiApiObjectInfo;
    objectInfoError?: string;
    taskInfo?: UiApiObjectInfo;

    private readonly rejections = new RejectionCounter();
    private readonly apex = new CallBudget(APEX_CALLS_PER_SECOND);
    private readonly badLogs = new Coalescer(BURST_WINDOW_MS);
    private readonly savedLogs = new Coalescer(BURST_WINDOW_MS);
    private readonly refusedLogs = new Coalescer(BURST_WINDOW_MS);
    private readonly screenPops = new LatestOnly(SCREEN_POP_WINDOW_MS);
    private readonly directoryRequests = new LatestOnly(SCREEN_POP_WINDOW_MS);
    /** Click-to-dial from record pages (the package's message channel). */
    private readonly dialHost = new DialHost({
        publish: (message) => {
            if (this.messageContext) publish(this.messageContext, DIAL_CHANNEL, message);
        },
        dial: (request) => this.dial(request)
    });
    private dialSubscription?: Subscription;
    /** Logs linked to their customer after the fact: the Contact created from a screen pop. */
    private readonly linker = new CustomerLinker({
        contactsCreatedSince: (since) =>
            this.apex.schedule(() => contactsCreatedSince({ since: since.toISOString() })) as Promise<CustomerRecord[]>,
        updateRecord: (input) => updateRecord(input),
        rememberNumber: (link) => this.service?.rememberNumber(link),
        forgetNumber: (number) => this.service?.forgetNumber(number),
        schema: () => this.logSchema,
        callingCode: () => this.callingCode,
        onNotice: (notice) => {
            this.linkNotice = notice;
            this.unlinkedCounts.run(() => this.countUnlinked());
        }
    });
    private readonly unlinkedCounts = new LatestOnly(UNLINKED_COUNT_WINDOW_MS);
    private linkCheckTimer?: unknown;
    /** The org calls the save path makes: Lightning Data Service writes (a backlog's creates batched) and two Apex look-ups. */
    private readonly orgApi: OrgApi = new OrgRequests(
        {
            createRecord: (input) => createRecord(input),
            updateRecord: (input) => updateRecord(input),
            findRecordIdByLogKey: (logKey) => this.apex.schedule(() => findRecordIdByLogKey({ logKey })),
            findTaskIdForLog: (logId) => this.apex.schedule(() => findTaskIdForLog({ logId }))
        },
        { gql, executeMutation }
    );
    private service?: InteractionLogService;
    /** Seals what the outbox stores with this user's key (Apex), asked for once and again when back online. */
    private readonly seal = new OutboxSeal();
    private user?: { name?: string; username?: string; languageLocaleKey?: string };
    private readonly onMessage = (event: MessageEvent): void => this.receive(event);
    private readonly onOnline = (): void => {
        this.requestOutboxKey();
        this.configurationLoader?.refresh();
        this.service?.retryAll();
    };
    /** The agent is back on the page: an admin's change to the configuration reaches them. */
    private readonly onFocus = (): void => this.configurationLoader?.refresh();
    private configurationLoader?: ConfigurationLoader;
    private readonly context = new RecordContextTracker({
        describe: (recordIds) => this.apex.schedule(() => describeRecords({ recordIds })),
        send: (context) => this.postToFrame(recordContextMessage(context)),
        onProblem: (problem) => {
            this.contextProblem = problem;
        }
    });
    private pageRecordId?: string;
    private utilityId?: string;
    private isConsole = false;
    private tabSubscriptions: Subscription[] = [];
    private messageContext?: unknown;
    private screenPopRun = 0;
    /** Interaction_Log__c as the running user may write it, once the configuration and object info are in. */
    private logSchema?: ObjectSchema;

    @wire(getObjectInfo, { objectApiName: INTERACTION_LOG_OBJECT })
    wiredObjectInfo({ data, error }: { data?: UiApiObjectInfo; error?: unknown }): void {
        if (data) {
            this.objectInfo = data;
            this.objectInfoError = undefined;
            this.startWhenReady();
        } else if (error) {
            this.objectInfoError = errorMessage(error);
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

    @wire(MessageContext)
    wiredMessageContext(context?: unknown): void {
        this.messageContext = context ?? undefined;
        if (this.messageContext && !this.dialSubscription) {
            this.dialSubscription = subscribe(
                this.messageContext,
                DIAL_CHANNEL,
                (message: unknown) => this.dialHost.hear(message),
                { scope: APPLICATION_SCOPE }
            );
            // Record pages opened before this utility started are waiting to hear it is here.
            this.dialHost.announce();
        }
        if (this.isConsole) this.followConsoleTabs();
    }

    /** Standard navigation: the page the agent is on (the utility bar follows it). */
    @wire(CurrentPageReference)
    wiredPageReference(reference?: PageReferenceLike): void {
        this.context.update({ pageReference: reference ?? undefined });
        // "Opened Ana Souza" is stale once the agent is on another page.
        const opened = this.screenPop?.openedRecordId;
        const here = reference?.attributes?.recordId;
        if (opened && (typeof here !== 'string' || here.slice(0, 15) !== opened.slice(0, 15)))
            this.screenPop = undefined;
        // A new record page may be the Contact the agent just created from a screen pop.
        if (this.linker.waiting) this.checkCreatedCustomers();
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
        window.addEventListener('focus', this.onFocus);
        this.requestOutboxKey();
        this.service = new InteractionLogService({
            storage: browserStorage(),
            api: this.orgApi,
            outbox: { seal: this.seal },
            onOutcome: (outcome) => this.report(outcome),
            onQueue: (snapshot) => {
                this.snapshot = snapshot;
            }
        });
        this.snapshot = this.service.snapshot();
        this.configurationLoader = new ConfigurationLoader({
            load: () => this.apex.schedule(() => getConfiguration()),
            onChange: (state) => {
                this.configurationState = state;
                this.configurationLoaded = loadedAtText(state.loadedAt);
                this.connection = this.plan.ready ? 'waiting' : 'not-configured';
                this.startWhenReady();
            }
        });
        this.configurationLoader.load();
    }

    private requestOutboxKey(): void {
        this.seal.request(() => this.apex.schedule(() => getOutboxKey()));
    }

    override disconnectedCallback(): void {
        window.removeEventListener('message', this.onMessage);
        window.removeEventListener('online', this.onOnline);
        window.removeEventListener('focus', this.onFocus);
        this.tabSubscriptions.forEach((subscription) => unsubscribe(subscription));
        this.tabSubscriptions = [];
        this.dialHost.setConnected(false);
        this.context.disconnect();
        if (this.dialSubscription) unsubscribe(this.dialSubscription);
        this.dialSubscription = undefined;
        this.service?.stop();
        timers.clearTimeout(this.linkCheckTimer);
        this.linkCheckTimer = undefined;
        this.service = undefined;
        this.configurationLoader?.stop();
        this.configurationLoader = undefined;
    }

    // -- configuration --------------------------------------------------------

    get configuration() {
        return this.configurationState.configuration;
    }

    get setting(): SettingRecord | undefined {
        return resolveSetting(this.configuration?.settings);
    }

    /**
     * Whether and how the connector can be hosted. Read for every message and by several
     * getters per render, so it is worked out once per configuration and URL override.
     */
    get plan(): HostingPlan {
        const inputs = [this.configurationState, this.connectorUrl];
        const memo = this.planMemo;
        if (!memo.plan || memo.inputs.some((value, i) => value !== inputs[i])) {
            // Mutating the memo object (not reassigning the field) keeps this out of LWC's reactivity.
            memo.inputs = inputs;
            memo.plan = hostingPlanFor(this.configurationState, this.connectorUrl);
        }
        return memo.plan;
    }

    private readonly planMemo: { inputs: unknown[]; plan?: HostingPlan } = { inputs: [] };

    /** Once both the configuration and the object schema are in, the service can map and save. */
    private startWhenReady(): void {
        const configuration = this.configuration;
        if (!configuration || !this.objectInfo || !this.service) return;
        const setting = this.setting;
        this.logSchema = schemaFromObjectInfo(this.objectInfo, configuration);
        this.service.configure(
            {
                schema: this.logSchema,
                mappings: toFieldMappings(configuration.mappings),
                userId: USER_ID,
                storeRawPayload: setting?.storeRawPayload !== false,
                customFieldsWin: customFieldsWin(setting),
                task:
                    setting?.createTask && this.taskInfo
                        ? {
                              schema: schemaFromObjectInfo(this.taskInfo, {
                                  picklists: configuration.taskPicklists,
                                  keyPrefixes: configuration.keyPrefixes
                              })
                          }
                        : undefined
            },
            pendingExpiryMs(setting)
        );
        this.unlinkedCounts.run(() => this.countUnlinked());
    }

    // -- the conversation with the connector ------------------------------------------

    private get frameWindow(): (PostTarget & Window) | null {
        const frame = this.refs?.frame as HTMLIFrameElement | undefined;
        return (frame?.contentWindow as (PostTarget & Window) | null) ?? null;
    }

    /** Posts a message to the connector's frame, addressed to its origin only. */
    private postToFrame(message: HostMessage): void {
        const origin = this.plan.connectorOrigin;
        if (origin) postToConnector(this.frameWindow, origin, message);
    }

    /** Every window message: judged by the protocol's gate, then acted on by action. */
    private receive(event: MessageEvent): void {
        const plan = this.plan;
        if (!plan.ready) return;
        const verdict = judgeMessage(event, { allowedOrigins: plan.allowedOrigins, frameWindow: this.frameWindow });
        if (verdict.kind === 'rejected') {
            this.rejections.record(verdict.reason, verdict.detail);
            this.rejectionRows = this.rejections.summary();
            this.lastRejection = this.rejections.last;
            if (verdict.reason === 'body' || verdict.reason === 'size') {
                // A genuine log that cannot be saved: tell the agent, in the connector too; once per burst.
                this.badLogs.notify(
                    () => {
                        this.notify('problem', LABELS.toastCannotSave, verdict.detail);
                        this.postToFrame(errorNotification(formatLabel(LABELS.connectorCannotSave, verdict.detail)));
                    },
                    (more) => {
                        const toast = pluralLabel(more, LABELS.toastMoreCannotSaveOne, LABELS.toastMoreCannotSaveOther);
                        this.notify('problem', formatLabel(toast, more), LABELS.toastMoreWhere);
                        const notice = pluralLabel(
                            more,
                            LABELS.connectorMoreCannotSaveOne,
                            LABELS.connectorMoreCannotSaveOther
                        );
                        this.postToFrame(errorNotification(formatLabel(notice, more)));
                    }
                );
            }
            return;
        }
        const message = verdict.message;
        switch (message.action) {
            case 'ready':
                this.postToFrame(readyReply());
                if (this.connection !== 'connected') this.connection = 'handshake';
                break;
            case 'requestCrmData':
                this.postToFrame(
                    crmDataReply(
                        currentUserFrom({ id: USER_ID, ...this.user }),
                        parseCallCenterSettings(this.setting?.callCenterSettings).settings
                    )
                );
                this.connection = 'connected';
                this.dialHost.setConnected(true);
                // A new session of the connector knows no records yet: tell it the open ones, if any.
                this.context.connect();
                break;
            case 'requestSaveInteractionLog':
                this.service?.receive(message);
                break;
            case 'requestCustomFieldsValues':
                this.postToFrame(customFieldsReply(message, this.logSchema));
                break;
            case 'requestPerformInteractionScreenPop':
                this.screenPops.run(() => this.performScreenPop(message.aniValues));
                break;
            case 'requestNavigateToClickToDialResult':
                this.openRecord(message.recordId);
                break;
            case 'requestOpenReports':
                this.navigate(reportsPageReference());
                break;
            case 'requestGetCrmDirectory':
                this.directoryRequests.run(() => this.sendDirectory());
                break;
            case 'requestEnableClickToDial':
                this.dialHost.setEnabled(message.enabled);
                break;
            default:
                // The gate accepts only the actions above.
                break;
        }
    }

    /** What became of a log: the connector's history entry, and a toast as the setting says (one per burst). */
    private report(outcome: LogOutcome): void {
        if (outcome.kind === 'needs-attention') {
            this.refusedLogs.notify(
                () => this.notify('problem', formatLabel(LABELS.toastNeedsAttention, outcome.label), outcome.message),
                (more) =>
                    this.notifyMore(
                        'problem',
                        more,
                        LABELS.toastMoreNeedAttentionOne,
                        LABELS.toastMoreNeedAttentionOther
                    )
            );
            return;
        }
        const data = { header: outcome.header, message: { body: outcome.body } };
        this.postToFrame(createHistoryItemReply(outcome.recordId, data, outcome.fields));
        if (!hasCustomer(outcome.fields)) {
            this.linker.logSaved({
                recordId: outcome.recordId,
                label: outcome.label,
                fields: outcome.fields,
                taskId: outcome.taskId
            });
            this.unlinkedCounts.run(() => this.countUnlinked());
        }
        const count = outcome.warnings.length;
        this.savedLogs.notify(
            () => {
                if (count > 0) {
                    const title = pluralLabel(
                        count,
                        LABELS.toastSavedWithWarningOne,
                        LABELS.toastSavedWithWarningOther
                    );
                    this.notify('problem', formatLabel(title, outcome.label, count), LABELS.toastWarningsWhere);
                } else {
                    this.notify('saved', LABELS.toastSaved, outcome.label);
                }
            },
            (more) => this.notifyMore('saved', more, LABELS.toastMoreSavedOne, LABELS.toastMoreSavedOther)
        );
    }

    /** The toast that closes a burst: how many more logs went the same way. */
    private notifyMore(kind: 'saved' | 'problem', more: number, one: string, other: string): void {
        this.notify(kind, formatLabel(pluralLabel(more, one, other), more), LABELS.toastMoreInPanel);
    }

    private notify(kind: 'saved' | 'problem', title: string, message: string): void {
        if (!shouldToast(toastBehavior(this.setting), kind)) return;
        this.dispatchEvent(
            new ShowToastEvent({
                title: displayText(title),
                message: displayText(message),
                variant: kind === 'saved' ? 'success' : 'warning'
            })
        );
    }

    // -- directory and click-to-dial ------------------------------------------------

    private async sendDirectory(): Promise<void> {
        try {
            const entries = (await this.apex.schedule(() => getDirectory())) as DirectoryEntry[] | null;
            this.postToFrame(directoryReply(entries ?? []));
        } catch (error) {
            this.postToFrame(directoryReply([]));
            this.postToFrame(errorNotification(formatLabel(LABELS.directoryFailed, errorMessage(error))));
        }
    }

    /** A number the agent chose on a record page: to the connector, and remembered for the call's log. */
    private dial(request: DialRequest): void {
        this.postToFrame(clickToDialResponse(request));
        const about = [request.record, ...request.related];
        this.service?.rememberNumber({
            number: request.number,
            nameId: about.find((r) => isWhoObject(r.objectType))?.recordId,
            relatedToId: about.find((r) => !isWhoObject(r.objectType))?.recordId,
            callingCode: this.callingCode
        });
    }

    // -- logs without a customer -------------------------------------------------

    /** The calling code national numbers are read with: the setting's Default Country, else the agent's locale. */
    private get callingCode(): string | undefined {
        return callingCodeForCountry(this.setting?.defaultCountry) ?? callingCodeForLocale(LOCALE);
    }

    private async countUnlinked(): Promise<void> {
        try {
            this.unlinkedCount = Number(await this.apex.schedule(() => countMyLogsWithoutCustomer())) || 0;
        } catch {
            // The count is a convenience: without it the strip shows nothing, and the list view stays.
            this.unlinkedCount = 0;
        }
    }

    /** While a New Contact is awaited: looks for it now and again every LINK_CHECK_MS. */
    private checkCreatedCustomers(): void {
        timers.clearTimeout(this.linkCheckTimer);
        this.linkCheckTimer = undefined;
        if (!this.linker.waiting) return;
        this.linker.check().finally(() => {
            if (this.linker.waiting && this.service) {
                this.linkCheckTimer = timers.setTimeout(() => this.checkCreatedCustomers(), LINK_CHECK_MS);
            }
        });
    }

    handleOpenUnlinked(): void {
        this.navigate({
            type: 'standard__objectPage',
            attributes: { objectApiName: TARGET_OBJECT, actionName: 'list' },
            state: { filterName: UNLINKED_LIST_VIEW }
        });
    }

    handleUndoLink(): void {
        this.linker.undo();
    }

    // -- screen pop and navigation ------------------------------------------------

    private async performScreenPop(aniValues: string[]): Promise<void> {
        const run = ++this.screenPopRun;
        const terms = searchTermsFrom(aniValues, this.callingCode);
        if (!hasSearchTerms(terms)) {
            this.screenPop = screenPopViews.unusable(terms);
            return;
        }
        this.screenPop = screenPopViews.searching(terms);
        let candidates: unknown;
        try {
            candidates = await this.apex.schedule(() =>
                searchCustomers({ phones: terms.phones, emails: terms.emails })
            );
        } catch (error) {
            if (run === this.screenPopRun) {
                this.screenPop = screenPopViews.failed(terms, errorMessage(error));
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
            this.dispatchEvent(new ShowToastEvent({ title: what, message: LABELS.spOpenUtility, variant: 'info' }))
        );
    }

    handleScreenPopChoose(event: CustomEvent<{ recordId: string; objectType?: string }>): void {
        const { recordId, objectType } = event.detail;
        const choice = this.screenPop?.choices?.find((c) => c.recordId === recordId);
        this.screenPop = choice ? screenPopViews.chosen(choice.label, recordId) : undefined;
        this.openRecord(recordId, objectType);
    }

    handleScreenPopCreate(): void {
        const create = this.screenPop?.create;
        if (!create) return;
        this.screenPop = undefined;
        if (create.defaults.Phone) {
            this.linker.expectContact(create.defaults.Phone);
            this.checkCreatedCustomers();
        }
        this.navigate(newRecordPageReference(create.objectApiName, encodeDefaultFieldValues(create.defaults)));
    }

    handleScreenPopDismiss(): void {
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
            this.contextProblem = undefined;
            this.context.update({ consoleRecordIds: recordIdsFromTabs(tabs, focused?.tabId) });
            if (this.linker.waiting) this.checkCreatedCustomers();
        } catch (error) {
            this.contextProblem = formatLabel(LABELS.contextTabsUnreadable, errorMessage(error));
        }
    }

    // -- what the template shows ---------------------------------------------------

    get hostStyle(): string {
        const h = Number(this.height);
        return `height: ${Number.isFinite(h) && h >= 200 ? Math.min(h, 2000) : 600}px;`;
    }

    get setupNeeded(): boolean {
        return this.connection !== 'loading' && !this.plan.ready;
    }

    get frameUrl(): string | undefined {
        return this.connection === 'loading' ? undefined : this.plan.connectorUrl;
    }

    /** Logs wait because Salesforce cannot be reached (the first one shown failed for that reason). */
    private get orgUnreachable(): boolean {
        return this.snapshot.pending[0]?.lastError === LABELS.saveOffline;
    }

    get connectionLabel(): string {
        return this.orgUnreachable ? LABELS.statusOrgUnreachable : CONNECTION_VIEWS[this.connection].label;
    }

    get connectionIcon(): string {
        return this.orgUnreachable ? 'utility:offline' : CONNECTION_VIEWS[this.connection].icon;
    }

    /** Why logs cannot be saved at all (no access to the object), so nobody waits in silence. */
    get saveBlocked(): string | undefined {
        return this.objectInfoError && !this.objectInfo
            ? formatLabel(LABELS.saveBlocked, this.objectInfoError)
            : undefined;
    }

    handleRetry(event: CustomEvent<{ id: string }>): void {
        this.service?.retry(event.detail.id);
    }

    handlePage(event: CustomEvent<{ offset: number }>): void {
        this.service?.showFrom(event.detail.offset);
    }
}
