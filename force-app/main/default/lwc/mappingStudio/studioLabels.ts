/**
 * studioLabels: the Mapping Studio's texts, as Custom Labels (category Mapping Studio). Kept
 * apart from interactionLogLabels so that the agents' component never loads the admin's texts.
 */
import studioTitle from '@salesforce/label/c.InteractionLog_Studio_Title';
import studioIntro from '@salesforce/label/c.InteractionLog_Studio_Intro';
import studioLoading from '@salesforce/label/c.InteractionLog_Studio_Loading';
import studioNoEvents from '@salesforce/label/c.InteractionLog_Studio_No_Events';
import studioRetentionLabel from '@salesforce/label/c.InteractionLog_Studio_Retention_Label';
import studioRetentionDays from '@salesforce/label/c.InteractionLog_Studio_Retention_Days';
import studioRetentionForever from '@salesforce/label/c.InteractionLog_Studio_Retention_Forever';
import studioStoredLabel from '@salesforce/label/c.InteractionLog_Studio_Stored_Label';
import studioStored from '@salesforce/label/c.InteractionLog_Studio_Stored';
import studioColumnField from '@salesforce/label/c.InteractionLog_Studio_Column_Field';
import studioColumnLayer from '@salesforce/label/c.InteractionLog_Studio_Column_Layer';
import studioColumnPaths from '@salesforce/label/c.InteractionLog_Studio_Column_Paths';
import studioColumnTransform from '@salesforce/label/c.InteractionLog_Studio_Column_Transform';
import studioColumnSource from '@salesforce/label/c.InteractionLog_Studio_Column_Source';
import studioEdit from '@salesforce/label/c.InteractionLog_Studio_Edit';
import studioColumnLog from '@salesforce/label/c.InteractionLog_Studio_Column_Log';
import studioColumnBefore from '@salesforce/label/c.InteractionLog_Studio_Column_Before';
import studioColumnAfter from '@salesforce/label/c.InteractionLog_Studio_Column_After';
import studioColumnWarnings from '@salesforce/label/c.InteractionLog_Studio_Column_Warnings';
import studioLayerDefault from '@salesforce/label/c.InteractionLog_Studio_Layer_Default';
import studioLayerOverride from '@salesforce/label/c.InteractionLog_Studio_Layer_Override';
import studioLayerOff from '@salesforce/label/c.InteractionLog_Studio_Layer_Off';
import studioLayerReverted from '@salesforce/label/c.InteractionLog_Studio_Layer_Reverted';
import studioNoRecentLogs from '@salesforce/label/c.InteractionLog_Studio_No_Recent_Logs';
import studioSourceCount from '@salesforce/label/c.InteractionLog_Studio_Source_Count';
import studioSourceNone from '@salesforce/label/c.InteractionLog_Studio_Source_None';
import studioEditTitle from '@salesforce/label/c.InteractionLog_Studio_Edit_Title';
import studioPathsLabel from '@salesforce/label/c.InteractionLog_Studio_Paths_Label';
import studioPathsHelp from '@salesforce/label/c.InteractionLog_Studio_Paths_Help';
import studioPickPath from '@salesforce/label/c.InteractionLog_Studio_Pick_Path';
import studioAddPath from '@salesforce/label/c.InteractionLog_Studio_Add_Path';
import studioTransform from '@salesforce/label/c.InteractionLog_Studio_Transform';
import studioPreviewTitle from '@salesforce/label/c.InteractionLog_Studio_Preview_Title';
import studioPreviewSummary from '@salesforce/label/c.InteractionLog_Studio_Preview_Summary';
import studioApply from '@salesforce/label/c.InteractionLog_Studio_Apply';
import studioRevert from '@salesforce/label/c.InteractionLog_Studio_Revert';
import studioCancel from '@salesforce/label/c.InteractionLog_Studio_Cancel';
import studioDeploySending from '@salesforce/label/c.InteractionLog_Studio_Deploy_Sending';
import studioDeployQueued from '@salesforce/label/c.InteractionLog_Studio_Deploy_Queued';
import studioDeployApplied from '@salesforce/label/c.InteractionLog_Studio_Deploy_Applied';
import studioDeployFailed from '@salesforce/label/c.InteractionLog_Studio_Deploy_Failed';
import studioUnmappedTitle from '@salesforce/label/c.InteractionLog_Studio_Unmapped_Title';
import studioRemapTitle from '@salesforce/label/c.InteractionLog_Studio_Remap_Title';
import studioRemapHelp from '@salesforce/label/c.InteractionLog_Studio_Remap_Help';
import studioRemapFrom from '@salesforce/label/c.InteractionLog_Studio_Remap_From';
import studioRemapTo from '@salesforce/label/c.InteractionLog_Studio_Remap_To';
import studioRemapRun from '@salesforce/label/c.InteractionLog_Studio_Remap_Run';
import studioRemapReport from '@salesforce/label/c.InteractionLog_Studio_Remap_Report';

export const STUDIO_LABELS = {
    studioTitle,
    studioIntro,
    studioLoading,
    studioNoEvents,
    studioRetentionLabel,
    studioRetentionDays,
    studioRetentionForever,
    studioStoredLabel,
    studioStored,
    studioColumnField,
    studioColumnLayer,
    studioColumnPaths,
    studioColumnTransform,
    studioColumnSource,
    studioEdit,
    studioColumnLog,
    studioColumnBefore,
    studioColumnAfter,
    studioColumnWarnings,
    studioLayerDefault,
    studioLayerOverride,
    studioLayerOff,
    studioLayerReverted,
    studioNoRecentLogs,
    studioSourceCount,
    studioSourceNone,
    studioEditTitle,
    studioPathsLabel,
    studioPathsHelp,
    studioPickPath,
    studioAddPath,
    studioTransform,
    studioPreviewTitle,
    studioPreviewSummary,
    studioApply,
    studioRevert,
    studioCancel,
    studioDeploySending,
    studioDeployQueued,
    studioDeployApplied,
    studioDeployFailed,
    studioUnmappedTitle,
    studioRemapTitle,
    studioRemapHelp,
    studioRemapFrom,
    studioRemapTo,
    studioRemapRun,
    studioRemapReport
} as const;
