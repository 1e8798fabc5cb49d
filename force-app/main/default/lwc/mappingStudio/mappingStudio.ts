/**
 * mappingStudio: the admin's page for the field mappings. A thin shell over studioModel: it
 * loads the studio (Apex), the object's fields (UI API), applies a change as an Org override
 * (Apex Metadata API) and hears how the deployment ended (an Interaction_Log_Mapping_Deployed__e
 * event), and re-maps stored logs through Lightning Data Service, a page at a time.
 */
import { LightningElement, wire } from 'lwc';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { updateRecord } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/empApi';
import getStudio from '@salesforce/apex/InteractionLogMappingStudio.getStudio';
import applyMapping from '@salesforce/apex/InteractionLogMappingStudio.applyMapping';
import logsToRemap from '@salesforce/apex/InteractionLogMappingStudio.logsToRemap';
import INTERACTION_LOG_OBJECT from '@salesforce/schema/Interaction_Log__c';
import {
    errorMessage,
    schemaFromObjectInfo,
    splitSourcePath,
    TRANSFORMS,
    type MappingRecord,
    type ObjectSchema,
    type UiApiObjectInfo
} from 'c/interactionLog';
import { formatLabel } from 'c/interactionLogLabels';
import { STUDIO_LABELS } from './studioLabels';
import {
    draftFor,
    overrideOf,
    parsePayload,
    payloadPaths,
    previewRows,
    remapChanges,
    sourcePathOf,
    studioRows,
    unmappedFields,
    type Draft,
    type PreviewRow,
    type StudioRow,
    type Studio
} from './studioModel';

const DEPLOYED_CHANNEL = '/event/Interaction_Log_Mapping_Deployed__e';
const RECENT_LOGS = 10;
const REMAP_PAGE = 50;

interface RemapReport {
    examined: number;
    changed: number;
    unchanged: number;
    skipped: number;
    failures: { key: string; text: string }[];
    done: boolean;
}

export default class MappingStudio extends LightningElement {
    readonly labels = STUDIO_LABELS;
    studio?: Studio;
    loadError?: string;
    schema?: ObjectSchema;
    draft?: Draft;
    pickedPath?: string;
    deployment?: { jobId: string; status: string; failed: boolean; done: boolean };
    remapFrom = '';
    remapTo = '';
    remap?: RemapReport;
    remapping = false;
    /** What the page shows, worked out once when the studio, the schema or the draft change (not on every render). */
    rows: StudioRow[] = [];
    unmapped: { name: string; label: string }[] = [];
    pathOptions: { label: string; value: string }[] = [];
    preview: PreviewRow[] = [];
    private bodies: unknown[] = [];
    private subscription?: unknown;

    readonly columns = [
        { label: STUDIO_LABELS.studioColumnField, fieldName: 'fieldLabel' },
        { label: STUDIO_LABELS.studioColumnLayer, fieldName: 'layer' },
        { label: STUDIO_LABELS.studioColumnPaths, fieldName: 'paths', wrapText: true },
        { label: STUDIO_LABELS.studioColumnTransform, fieldName: 'transform' },
        { label: STUDIO_LABELS.studioColumnSource, fieldName: 'source', wrapText: true },
        { type: 'button', typeAttributes: { label: STUDIO_LABELS.studioEdit, name: 'edit', variant: 'base' } }
    ];

    readonly previewColumns = [
        { label: STUDIO_LABELS.studioColumnLog, fieldName: 'log' },
        { label: STUDIO_LABELS.studioColumnBefore, fieldName: 'before', wrapText: true },
        { label: STUDIO_LABELS.studioColumnAfter, fieldName: 'after', wrapText: true },
        { label: STUDIO_LABELS.studioColumnWarnings, fieldName: 'warnings', wrapText: true }
    ];

    @wire(getObjectInfo, { objectApiName: INTERACTION_LOG_OBJECT })
    wiredObjectInfo({ data, error }: { data?: UiApiObjectInfo; error?: unknown }): void {
        if (data) {
            this.schema = schemaFromObjectInfo(data);
            this.derive();
        } else if (error) this.loadError = errorMessage(error);
    }

    override connectedCallback(): void {
        this.load();
        subscribe(DEPLOYED_CHANNEL, -1, (message: unknown) => this.deployed(message))
            .then((subscription: unknown) => {
                this.subscription = subscription;
            })
            .catch((error: unknown) => {
                this.loadError = formatLabel(STUDIO_LABELS.studioNoEvents, errorMessage(error));
            });
    }

    override disconnectedCallback(): void {
        if (this.subscription) unsubscribe(this.subscription, () => undefined);
        this.subscription = undefined;
    }

    private load(): void {
        getStudio({ recentCount: RECENT_LOGS })
            .then((studio: Studio) => {
                this.studio = studio;
                this.bodies = studio.recent.map((r) => parsePayload(r.rawPayload)).filter((b) => b !== undefined);
                this.loadError = undefined;
                this.derive();
            })
            .catch((error: unknown) => {
                this.loadError = errorMessage(error);
            });
    }

    get ready(): boolean {
        return !!this.studio && !!this.schema;
    }

    get retention(): string {
        const days = this.studio?.retentionDays;
        return days ? formatLabel(STUDIO_LABELS.studioRetentionDays, days) : STUDIO_LABELS.studioRetentionForever;
    }

    get stored(): string {
        return formatLabel(STUDIO_LABELS.studioStored, this.studio?.logCount ?? 0, this.studio?.payloadCount ?? 0);
    }

    get hasUnmapped(): boolean {
        return this.unmapped.length > 0;
    }

    /** The rows, the fields no mapping fills and the paths to pick from, for the studio and schema in hand. */
    private derive(): void {
        const { studio, schema } = this;
        if (!studio || !schema) return;
        this.rows = studioRows(studio.mappings, schema, this.bodies);
        this.unmapped = unmappedFields(studio.mappings, schema).map((name) => ({
            name,
            label: schema.fields[name]?.label ?? name
        }));
        this.pathOptions = payloadPaths(this.bodies).map((p) => ({ label: `${p.path} = ${p.example}`, value: p.path }));
        this.setDraft(this.draft);
    }

    /** The draft, and its preview on the latest logs, mapped once per change. */
    private setDraft(draft: Draft | undefined): void {
        this.draft = draft;
        const { studio, schema } = this;
        this.preview = draft && studio && schema ? previewRows(studio.recent, studio.mappings, draft, schema) : [];
    }

    get transformOptions(): { label: string; value: string; selected: boolean }[] {
        return TRANSFORMS.map((t) => ({ label: t, value: t, selected: t === this.draft?.transform }));
    }

    get draftTitle(): string {
        const field = this.draft?.targetField ?? '';
        return formatLabel(STUDIO_LABELS.studioEditTitle, this.schema?.fields[field]?.label ?? field);
    }

    get draftPaths(): string {
        return this.draft?.paths.join('\n') ?? '';
    }

    get previewSummary(): string {
        const rows = this.preview;
        return formatLabel(STUDIO_LABELS.studioPreviewSummary, rows.filter((r) => r.changed).length, rows.length);
    }

    get override(): MappingRecord | undefined {
        return this.studio && this.draft ? overrideOf(this.studio.mappings, this.draft.targetField) : undefined;
    }

    get cannotRevert(): boolean {
        return !this.override?.active || this.applyingNow;
    }

    get applyingNow(): boolean {
        return !!this.deployment && !this.deployment.done;
    }

    get deploymentClass(): string {
        return `slds-text-color_${this.deployment?.failed ? 'error' : 'weak'} deployment-status`;
    }

    get remapProgress(): string {
        const r = this.remap;
        return r
            ? formatLabel(
                  STUDIO_LABELS.studioRemapReport,
                  r.examined,
                  r.changed,
                  r.unchanged,
                  r.skipped,
                  r.failures.length
              )
            : '';
    }

    handleRowAction(event: CustomEvent<{ row: StudioRow }>): void {
        this.setDraft(draftFor(event.detail.row));
        this.deployment = undefined;
    }

    handleMapField(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field ?? '';
        this.setDraft(draftFor({ targetField: field, paths: '', transform: '' }));
        this.deployment = undefined;
    }

    handlePaths(event: CustomEvent<{ value: string }>): void {
        if (this.draft) this.setDraft({ ...this.draft, paths: String(event.detail.value ?? '').split('\n') });
    }

    handlePick(event: Event): void {
        this.pickedPath = (event.target as HTMLSelectElement).value || undefined;
    }

    handleAddPath(): void {
        if (!this.draft || !this.pickedPath) return;
        const paths = this.draft.paths.filter((p) => p.trim() !== '');
        if (!paths.includes(this.pickedPath)) this.setDraft({ ...this.draft, paths: [...paths, this.pickedPath] });
    }

    handleTransform(event: Event): void {
        if (this.draft) this.setDraft({ ...this.draft, transform: (event.target as HTMLSelectElement).value });
    }

    handleCancel(): void {
        this.setDraft(undefined);
    }

    handleApply(): void {
        if (this.draft) this.apply(this.draft);
    }

    handleRevert(): void {
        const override = this.override;
        if (!this.draft || !override) return;
        this.apply({
            targetField: this.draft.targetField,
            paths: splitSourcePath(override.sourcePath ?? ''),
            transform: override.transform ?? 'text',
            active: false
        });
    }

    private apply(draft: Draft): void {
        this.deployment = { jobId: '', status: STUDIO_LABELS.studioDeploySending, failed: false, done: false };
        applyMapping({
            targetField: draft.targetField,
            sourcePath: sourcePathOf(draft),
            transform: draft.transform,
            active: draft.active
        })
            .then((jobId: string) => {
                this.deployment = {
                    jobId,
                    status: formatLabel(STUDIO_LABELS.studioDeployQueued, jobId),
                    failed: false,
                    done: false
                };
            })
            .catch((error: unknown) => {
                this.deployment = { jobId: '', status: errorMessage(error), failed: true, done: true };
            });
    }

    /** How a deployment ended (the callback's event): applied, the studio read again; or why not. */
    private deployed(message: unknown): void {
        const payload = (message as { data?: { payload?: Record<string, unknown> } })?.data?.payload ?? {};
        const deployment = this.deployment;
        if (!deployment || !deployment.jobId || payload.Job_Id__c !== deployment.jobId) return;
        const succeeded = payload.Status__c === 'Succeeded';
        this.deployment = {
            ...deployment,
            done: true,
            failed: !succeeded,
            status: succeeded
                ? STUDIO_LABELS.studioDeployApplied
                : formatLabel(STUDIO_LABELS.studioDeployFailed, String(payload.Message__c ?? payload.Status__c ?? ''))
        };
        if (succeeded) {
            this.setDraft(undefined);
            this.load();
        }
    }

    handleRemapFrom(event: CustomEvent<{ value: string }>): void {
        this.remapFrom = event.detail.value ?? '';
    }

    handleRemapTo(event: CustomEvent<{ value: string }>): void {
        this.remapTo = event.detail.value ?? '';
    }

    /** Re-maps the logs of the date range from their raw payload, a page at a time, and reports what changed. */
    async handleRemap(): Promise<void> {
        const studio = this.studio;
        const schema = this.schema;
        if (!studio || !schema || this.remapping) return;
        this.remapping = true;
        const report: RemapReport = { examined: 0, changed: 0, unchanged: 0, skipped: 0, failures: [], done: false };
        this.remap = { ...report };
        let afterId = '';
        try {
            for (;;) {
                // One page at a time, one update at a time: the org sees a steady trickle, never a flood.
                // eslint-disable-next-line no-await-in-loop
                const page = (await logsToRemap({
                    fromDate: this.remapFrom || null,
                    toDate: this.remapTo || null,
                    afterId,
                    pageSize: REMAP_PAGE
                })) as Record<string, unknown>[];
                for (const stored of page) {
                    report.examined += 1;
                    const result = remapChanges(stored, studio.mappings, schema);
                    if (!result) report.skipped += 1;
                    else if (Object.keys(result.changes).length === 0) report.unchanged += 1;
                    else {
                        try {
                            // eslint-disable-next-line no-await-in-loop
                            await updateRecord({ fields: { Id: stored.Id, ...result.changes } });
                            report.changed += 1;
                        } catch (error) {
                            report.failures.push({
                                key: String(stored.Id),
                                text: `${String(stored.Name)}: ${errorMessage(error)}`
                            });
                        }
                    }
                    this.remap = { ...report, failures: [...report.failures] };
                }
                if (page.length < REMAP_PAGE) break;
                afterId = String(page[page.length - 1].Id);
            }
        } catch (error) {
            report.failures.push({ key: 'query', text: errorMessage(error) });
        }
        this.remap = { ...report, failures: [...report.failures], done: true };
        this.remapping = false;
    }
}
