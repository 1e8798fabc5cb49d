/**
 * interactionLogLabels: every text an agent or admin reads in the package's components, as
 * Custom Labels (translatable with the Translation Workbench). Components and the pure
 * modules that build texts take them from here, and nowhere else.
 *
 * Texts with values use {0}, {1}... (`formatLabel`); texts that depend on a count have a
 * `...One` and a `...Other` label (`pluralLabel`), so every language can say both naturally.
 * Mapping warnings are not labels: they are stored on the record, like a log line, in the
 * language of the package.
 */
import statusLoading from '@salesforce/label/c.InteractionLog_Status_Loading';
import statusNotConfigured from '@salesforce/label/c.InteractionLog_Status_Not_Configured';
import statusWaiting from '@salesforce/label/c.InteractionLog_Status_Waiting';
import statusHandshake from '@salesforce/label/c.InteractionLog_Status_Handshake';
import statusConnected from '@salesforce/label/c.InteractionLog_Status_Connected';
import lastSaved from '@salesforce/label/c.InteractionLog_Last_Saved';
import queuePending from '@salesforce/label/c.InteractionLog_Queue_Pending';
import queueNeedsAttentionOne from '@salesforce/label/c.InteractionLog_Queue_Needs_Attention_One';
import queueNeedsAttentionOther from '@salesforce/label/c.InteractionLog_Queue_Needs_Attention_Other';
import queueRefused from '@salesforce/label/c.InteractionLog_Queue_Refused';
import panelTitle from '@salesforce/label/c.InteractionLog_Panel_Title';
import retry from '@salesforce/label/c.InteractionLog_Retry';
import retryTitle from '@salesforce/label/c.InteractionLog_Retry_Title';
import stateNeedsAttention from '@salesforce/label/c.InteractionLog_State_Needs_Attention';
import stateSaving from '@salesforce/label/c.InteractionLog_State_Saving';
import stateWaitingRetry from '@salesforce/label/c.InteractionLog_State_Waiting_Retry';
import stateWaiting from '@salesforce/label/c.InteractionLog_State_Waiting';
import panelRange from '@salesforce/label/c.InteractionLog_Panel_Range';
import panelPrevious from '@salesforce/label/c.InteractionLog_Panel_Previous';
import panelNext from '@salesforce/label/c.InteractionLog_Panel_Next';
import expiredOne from '@salesforce/label/c.InteractionLog_Expired_One';
import expiredOther from '@salesforce/label/c.InteractionLog_Expired_Other';
import messagesRefused from '@salesforce/label/c.InteractionLog_Messages_Refused';
import rejectionCount from '@salesforce/label/c.InteractionLog_Rejection_Count';
import notDurableOne from '@salesforce/label/c.InteractionLog_Not_Durable_One';
import notDurableOther from '@salesforce/label/c.InteractionLog_Not_Durable_Other';
import saveBlocked from '@salesforce/label/c.InteractionLog_Save_Blocked';
import contextTabsUnreadable from '@salesforce/label/c.InteractionLog_Context_Tabs_Unreadable';
import contextUndescribable from '@salesforce/label/c.InteractionLog_Context_Undescribable';
import reasonOrigin from '@salesforce/label/c.InteractionLog_Reason_Origin';
import reasonSource from '@salesforce/label/c.InteractionLog_Reason_Source';
import reasonType from '@salesforce/label/c.InteractionLog_Reason_Type';
import reasonShape from '@salesforce/label/c.InteractionLog_Reason_Shape';
import reasonBody from '@salesforce/label/c.InteractionLog_Reason_Body';
import reasonSize from '@salesforce/label/c.InteractionLog_Reason_Size';
import reasonUnknownAction from '@salesforce/label/c.InteractionLog_Reason_Unknown_Action';
import detailOrigin from '@salesforce/label/c.InteractionLog_Detail_Origin';
import detailUnknownOrigin from '@salesforce/label/c.InteractionLog_Detail_Unknown_Origin';
import detailSource from '@salesforce/label/c.InteractionLog_Detail_Source';
import detailNotObject from '@salesforce/label/c.InteractionLog_Detail_Not_Object';
import detailType from '@salesforce/label/c.InteractionLog_Detail_Type';
import detailUnreadable from '@salesforce/label/c.InteractionLog_Detail_Unreadable';
import detailMissing from '@salesforce/label/c.InteractionLog_Detail_Missing';
import detailUnknownAction from '@salesforce/label/c.InteractionLog_Detail_Unknown_Action';
import detailTooLarge from '@salesforce/label/c.InteractionLog_Detail_Too_Large';
import bodyMissing from '@salesforce/label/c.InteractionLog_Body_Missing';
import bodyNotObject from '@salesforce/label/c.InteractionLog_Body_Not_Object';
import bodyNoId from '@salesforce/label/c.InteractionLog_Body_No_Id';
import bodyIdNotText from '@salesforce/label/c.InteractionLog_Body_Id_Not_Text';
import bodyIdTooLong from '@salesforce/label/c.InteractionLog_Body_Id_Too_Long';
import bodyNoData from '@salesforce/label/c.InteractionLog_Body_No_Data';
import bodyDataNotObject from '@salesforce/label/c.InteractionLog_Body_Data_Not_Object';
import setupTitle from '@salesforce/label/c.InteractionLog_Setup_Title';
import setupWaitingTitle from '@salesforce/label/c.InteractionLog_Setup_Waiting_Title';
import setupIcon from '@salesforce/label/c.InteractionLog_Setup_Icon';
import setupStepsHeading from '@salesforce/label/c.InteractionLog_Setup_Steps_Heading';
import setupUnreachable from '@salesforce/label/c.InteractionLog_Setup_Unreachable';
import setupUnreadable from '@salesforce/label/c.InteractionLog_Setup_Unreadable';
import setupStepPermission from '@salesforce/label/c.InteractionLog_Setup_Step_Permission';
import setupNoSetting from '@salesforce/label/c.InteractionLog_Setup_No_Setting';
import setupNoUrl from '@salesforce/label/c.InteractionLog_Setup_No_Url';
import setupBadUrl from '@salesforce/label/c.InteractionLog_Setup_Bad_Url';
import setupBadOrigins from '@salesforce/label/c.InteractionLog_Setup_Bad_Origins';
import setupOriginNotAllowed from '@salesforce/label/c.InteractionLog_Setup_Origin_Not_Allowed';
import setupStepSetting from '@salesforce/label/c.InteractionLog_Setup_Step_Setting';
import setupStepTrustedUrl from '@salesforce/label/c.InteractionLog_Setup_Step_Trusted_Url';
import setupStepMedia from '@salesforce/label/c.InteractionLog_Setup_Step_Media';
import setupStepPermissionSets from '@salesforce/label/c.InteractionLog_Setup_Step_Permission_Sets';
import setupStepAddOrigin from '@salesforce/label/c.InteractionLog_Setup_Step_Add_Origin';
import frameTitle from '@salesforce/label/c.InteractionLog_Frame_Title';
import loadingConfiguration from '@salesforce/label/c.InteractionLog_Loading_Configuration';
import toastCannotSave from '@salesforce/label/c.InteractionLog_Toast_Cannot_Save';
import connectorCannotSave from '@salesforce/label/c.InteractionLog_Connector_Cannot_Save';
import toastSaved from '@salesforce/label/c.InteractionLog_Toast_Saved';
import toastSavedWithWarningOne from '@salesforce/label/c.InteractionLog_Toast_Saved_Warning_One';
import toastSavedWithWarningOther from '@salesforce/label/c.InteractionLog_Toast_Saved_Warning_Other';
import toastWarningsWhere from '@salesforce/label/c.InteractionLog_Toast_Warnings_Where';
import toastNeedsAttention from '@salesforce/label/c.InteractionLog_Toast_Needs_Attention';
import toastMoreSavedOne from '@salesforce/label/c.InteractionLog_Toast_More_Saved_One';
import toastMoreSavedOther from '@salesforce/label/c.InteractionLog_Toast_More_Saved_Other';
import toastMoreNeedAttentionOne from '@salesforce/label/c.InteractionLog_Toast_More_Need_Attention_One';
import toastMoreNeedAttentionOther from '@salesforce/label/c.InteractionLog_Toast_More_Need_Attention_Other';
import toastMoreInPanel from '@salesforce/label/c.InteractionLog_Toast_More_In_Panel';
import toastMoreCannotSaveOne from '@salesforce/label/c.InteractionLog_Toast_More_Cannot_Save_One';
import toastMoreCannotSaveOther from '@salesforce/label/c.InteractionLog_Toast_More_Cannot_Save_Other';
import toastMoreWhere from '@salesforce/label/c.InteractionLog_Toast_More_Where';
import connectorMoreCannotSaveOne from '@salesforce/label/c.InteractionLog_Connector_More_Cannot_Save_One';
import connectorMoreCannotSaveOther from '@salesforce/label/c.InteractionLog_Connector_More_Cannot_Save_Other';
import saveOffline from '@salesforce/label/c.InteractionLog_Save_Offline';
import saveSessionExpired from '@salesforce/label/c.InteractionLog_Save_Session_Expired';
import saveBusy from '@salesforce/label/c.InteractionLog_Save_Busy';
import saveNotAnswering from '@salesforce/label/c.InteractionLog_Save_Not_Answering';
import saveRefused from '@salesforce/label/c.InteractionLog_Save_Refused';
import saveRefusedNoReason from '@salesforce/label/c.InteractionLog_Save_Refused_No_Reason';
import saveNoInteractionId from '@salesforce/label/c.InteractionLog_Save_No_Interaction_Id';
import saveTaskPending from '@salesforce/label/c.InteractionLog_Save_Task_Pending';
import saveRetryLater from '@salesforce/label/c.InteractionLog_Save_Retry_Later';
import saveWaitingConfiguration from '@salesforce/label/c.InteractionLog_Save_Waiting_Configuration';
import logProvisionalName from '@salesforce/label/c.InteractionLog_Log_Provisional_Name';
import unknownError from '@salesforce/label/c.InteractionLog_Unknown_Error';
import spRegion from '@salesforce/label/c.InteractionLog_Screen_Pop_Region';
import spDismiss from '@salesforce/label/c.InteractionLog_Screen_Pop_Dismiss';
import spDismissTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_Dismiss_Title';
import spNoAddressTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_No_Address_Title';
import spNoAddress from '@salesforce/label/c.InteractionLog_Screen_Pop_No_Address';
import spSearchingTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_Searching_Title';
import spSearching from '@salesforce/label/c.InteractionLog_Screen_Pop_Searching';
import spFailedTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_Failed_Title';
import spFailed from '@salesforce/label/c.InteractionLog_Screen_Pop_Failed';
import spOpenedTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_Opened_Title';
import spOpened from '@salesforce/label/c.InteractionLog_Screen_Pop_Opened';
import spChosen from '@salesforce/label/c.InteractionLog_Screen_Pop_Chosen';
import spChooseTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_Choose_Title';
import spChoose from '@salesforce/label/c.InteractionLog_Screen_Pop_Choose';
import spOpenChoice from '@salesforce/label/c.InteractionLog_Screen_Pop_Open_Choice';
import spPartialChoice from '@salesforce/label/c.InteractionLog_Screen_Pop_Partial_Choice';
import spNoneTitle from '@salesforce/label/c.InteractionLog_Screen_Pop_None_Title';
import spNone from '@salesforce/label/c.InteractionLog_Screen_Pop_None';
import spCreate from '@salesforce/label/c.InteractionLog_Screen_Pop_Create';
import spOpenUtility from '@salesforce/label/c.InteractionLog_Screen_Pop_Open_Utility';
import dialTitle from '@salesforce/label/c.InteractionLog_Dial_Title';
import dialCall from '@salesforce/label/c.InteractionLog_Dial_Call';
import dialCallTitle from '@salesforce/label/c.InteractionLog_Dial_Call_Title';
import dialNoNumbers from '@salesforce/label/c.InteractionLog_Dial_No_Numbers';
import dialChecking from '@salesforce/label/c.InteractionLog_Dial_Checking';
import dialNoConnector from '@salesforce/label/c.InteractionLog_Dial_No_Connector';
import dialDisabled from '@salesforce/label/c.InteractionLog_Dial_Disabled';
import dialDoNotCall from '@salesforce/label/c.InteractionLog_Dial_Do_Not_Call';
import dialConfirm from '@salesforce/label/c.InteractionLog_Dial_Confirm';
import dialCallAnyway from '@salesforce/label/c.InteractionLog_Dial_Call_Anyway';
import dialCancel from '@salesforce/label/c.InteractionLog_Dial_Cancel';
import dialSent from '@salesforce/label/c.InteractionLog_Dial_Sent';
import dialPhone from '@salesforce/label/c.InteractionLog_Dial_Phone';
import dialMobile from '@salesforce/label/c.InteractionLog_Dial_Mobile';
import dialHome from '@salesforce/label/c.InteractionLog_Dial_Home';
import dialOther from '@salesforce/label/c.InteractionLog_Dial_Other';
import dialAssistant from '@salesforce/label/c.InteractionLog_Dial_Assistant';
import dialWhose from '@salesforce/label/c.InteractionLog_Dial_Whose';
import directoryFailed from '@salesforce/label/c.InteractionLog_Directory_Failed';
import dialCheckAgain from '@salesforce/label/c.InteractionLog_Dial_Check_Again';
import linkDone from '@salesforce/label/c.InteractionLog_Link_Done';
import linkPending from '@salesforce/label/c.InteractionLog_Link_Pending';
import linkUndone from '@salesforce/label/c.InteractionLog_Link_Undone';
import linkFailed from '@salesforce/label/c.InteractionLog_Link_Failed';
import linkUndo from '@salesforce/label/c.InteractionLog_Link_Undo';
import unlinkedOne from '@salesforce/label/c.InteractionLog_Unlinked_One';
import unlinkedOther from '@salesforce/label/c.InteractionLog_Unlinked_Other';
import linkTitle from '@salesforce/label/c.InteractionLog_Link_Title';
import linkMatches from '@salesforce/label/c.InteractionLog_Link_Matches';
import linkNoMatches from '@salesforce/label/c.InteractionLog_Link_No_Matches';
import linkNoAddress from '@salesforce/label/c.InteractionLog_Link_No_Address';
import linkSearch from '@salesforce/label/c.InteractionLog_Link_Search';
import linkSearchHint from '@salesforce/label/c.InteractionLog_Link_Search_Hint';
import linkNoResults from '@salesforce/label/c.InteractionLog_Link_No_Results';
import linkChoose from '@salesforce/label/c.InteractionLog_Link_Choose';
import linkChooseTitle from '@salesforce/label/c.InteractionLog_Link_Choose_Title';
import linkSaved from '@salesforce/label/c.InteractionLog_Link_Saved';
import linkCannot from '@salesforce/label/c.InteractionLog_Link_Cannot';
import linkAlready from '@salesforce/label/c.InteractionLog_Link_Already';
import configurationLoaded from '@salesforce/label/c.InteractionLog_Configuration_Loaded';
import statusOrgUnreachable from '@salesforce/label/c.InteractionLog_Status_Org_Unreachable';
import outboxWaitingForKey from '@salesforce/label/c.InteractionLog_Outbox_Waiting_For_Key';
import outboxUnreadable from '@salesforce/label/c.InteractionLog_Outbox_Unreadable';

export const LABELS = {
    statusLoading,
    statusNotConfigured,
    statusWaiting,
    statusHandshake,
    statusConnected,
    lastSaved,
    queuePending,
    queueNeedsAttentionOne,
    queueNeedsAttentionOther,
    queueRefused,
    panelTitle,
    retry,
    retryTitle,
    stateNeedsAttention,
    stateSaving,
    stateWaitingRetry,
    stateWaiting,
    panelRange,
    panelPrevious,
    panelNext,
    expiredOne,
    expiredOther,
    messagesRefused,
    rejectionCount,
    notDurableOne,
    notDurableOther,
    saveBlocked,
    contextTabsUnreadable,
    contextUndescribable,
    reasonOrigin,
    reasonSource,
    reasonType,
    reasonShape,
    reasonBody,
    reasonSize,
    reasonUnknownAction,
    detailOrigin,
    detailUnknownOrigin,
    detailSource,
    detailNotObject,
    detailType,
    detailUnreadable,
    detailMissing,
    detailUnknownAction,
    detailTooLarge,
    bodyMissing,
    bodyNotObject,
    bodyNoId,
    bodyIdNotText,
    bodyIdTooLong,
    bodyNoData,
    bodyDataNotObject,
    setupTitle,
    setupWaitingTitle,
    setupIcon,
    setupStepsHeading,
    setupUnreachable,
    setupUnreadable,
    setupStepPermission,
    setupNoSetting,
    setupNoUrl,
    setupBadUrl,
    setupBadOrigins,
    setupOriginNotAllowed,
    setupStepSetting,
    setupStepTrustedUrl,
    setupStepMedia,
    setupStepPermissionSets,
    setupStepAddOrigin,
    frameTitle,
    loadingConfiguration,
    toastCannotSave,
    connectorCannotSave,
    toastSaved,
    toastSavedWithWarningOne,
    toastSavedWithWarningOther,
    toastWarningsWhere,
    toastNeedsAttention,
    toastMoreSavedOne,
    toastMoreSavedOther,
    toastMoreNeedAttentionOne,
    toastMoreNeedAttentionOther,
    toastMoreInPanel,
    toastMoreCannotSaveOne,
    toastMoreCannotSaveOther,
    toastMoreWhere,
    connectorMoreCannotSaveOne,
    connectorMoreCannotSaveOther,
    saveOffline,
    saveSessionExpired,
    saveBusy,
    saveNotAnswering,
    saveRefused,
    saveRefusedNoReason,
    saveNoInteractionId,
    saveTaskPending,
    saveRetryLater,
    saveWaitingConfiguration,
    logProvisionalName,
    unknownError,
    spRegion,
    spDismiss,
    spDismissTitle,
    spNoAddressTitle,
    spNoAddress,
    spSearchingTitle,
    spSearching,
    spFailedTitle,
    spFailed,
    spOpenedTitle,
    spOpened,
    spChosen,
    spChooseTitle,
    spChoose,
    spOpenChoice,
    spPartialChoice,
    spNoneTitle,
    spNone,
    spCreate,
    spOpenUtility,
    dialTitle,
    dialCall,
    dialCallTitle,
    dialNoNumbers,
    dialChecking,
    dialNoConnector,
    dialDisabled,
    dialDoNotCall,
    dialConfirm,
    dialCallAnyway,
    dialCancel,
    dialSent,
    dialPhone,
    dialMobile,
    dialHome,
    dialOther,
    dialAssistant,
    dialWhose,
    directoryFailed,
    dialCheckAgain,
    linkDone,
    linkPending,
    linkUndone,
    linkFailed,
    linkUndo,
    unlinkedOne,
    unlinkedOther,
    linkTitle,
    linkMatches,
    linkNoMatches,
    linkNoAddress,
    linkSearch,
    linkSearchHint,
    linkNoResults,
    linkChoose,
    linkChooseTitle,
    linkSaved,
    linkCannot,
    linkAlready,
    configurationLoaded,
    statusOrgUnreachable,
    outboxWaitingForKey,
    outboxUnreadable
} as const;

export type LabelKey = keyof typeof LABELS;

/** A label with its placeholders {0}, {1}... filled in; a placeholder without a value stays as it is. */
export function formatLabel(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (match, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? match : String(value);
    });
}

/** The label for a count: `one` for exactly one, `other` for every other count. */
export function pluralLabel(count: number, one: string, other: string): string {
    return count === 1 ? one : other;
}
