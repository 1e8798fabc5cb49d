/**
 * The studio component: what an admin sees, what it asks Apex to deploy, how it hears the
 * deployment's end, and how it re-maps stored logs through Lightning Data Service.
 */
import { createElement } from 'lwc';
import MappingStudio from 'c/mappingStudio';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { updateRecord } from 'lightning/uiRecordApi';
import { subscribe } from 'lightning/empApi';
import getStudio from '@salesforce/apex/InteractionLogMappingStudio.getStudio';
import applyMapping from '@salesforce/apex/InteractionLogMappingStudio.applyMapping';
import logsToRemap from '@salesforce/apex/InteractionLogMappingStudio.logsToRemap';
import { loadConfiguration, loadObjectInfo } from '@tools/lib/forceApp';
import { ADMIN_FIELDS_DIR, loadFixture } from '@fixtures';
import type { MappingRecord } from 'c/interactionLog';

jest.mock('@salesforce/apex/InteractionLogMappingStudio.getStudio', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/InteractionLogMappingStudio.applyMapping', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/InteractionLogMappingStudio.logsToRemap', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetStudio = getStudio as unknown as jest.Mock;
const mockApply = applyMapping as unknown as jest.Mock;
const mockLogsToRemap = logsToRemap as unknown as jest.Mock;
const mockUpdateRecord = updateRecord as unknown as jest.Mock;
const mockSubscribe = subscribe as unknown as jest.Mock;
const objectInfoAdapter = getObjectInfo as unknown as { emit(value: unknown): void };

type Element = HTMLElement & { shadowRoot: ShadowRoot };

const payload = JSON.stringify(
    (loadFixture('messages', 'axp-voice-inbound').message as { data: { message: { body: unknown } } }).data.message.body
);

function studio(mappings: MappingRecord[] = loadConfiguration().mappings as MappingRecord[]) {
    return {
        mappings,
        recent: [{ recordId: 'a00000000000001AAA', name: 'Call with Maria', rawPayload: payload }],
        retentionDays: 30,
        logCount: 12,
        payloadCount: 9
    };
}

async function flush(): Promise<void> {
    for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

async function mount(): Promise<Element> {
    mockGetStudio.mockResolvedValue(studio());
    const element = createElement('c-mapping-studio', { is: MappingStudio }) as Element;
    document.body.appendChild(element);
    objectInfoAdapter.emit(loadObjectInfo(undefined, undefined, [ADMIN_FIELDS_DIR]));
    await flush();
    return element;
}

const find = (element: Element, selector: string) => element.shadowRoot.querySelector(selector);

async function edit(element: Element, field: string): Promise<void> {
    const table = find(element, 'lightning-datatable.mappings') as HTMLElement & { data: { targetField: string }[] };
    const row = table.data.find((r) => r.targetField === field);
    table.dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name: 'edit' }, row } }));
    await flush();
}

async function setPaths(element: Element, text: string): Promise<void> {
    find(element, 'lightning-textarea.paths')?.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
    await flush();
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
});

describe('c-mapping-studio', () => {
    it('shows the retention in force, what is stored, and every mapping', async () => {
        const element = await mount();
        expect(find(element, '.retention')?.textContent).toBe('30 days, then cleared by the scheduled job');
        expect(find(element, '.stored')?.textContent).toBe('12 logs, 9 with their raw payload');
        const table = find(element, 'lightning-datatable.mappings') as HTMLElement & { data: unknown[] };
        expect(table.data.length).toBeGreaterThanOrEqual(40);
        expect(mockSubscribe).toHaveBeenCalledWith(
            '/event/Interaction_Log_Mapping_Deployed__e',
            -1,
            expect.any(Function)
        );
    });

    it('previews a change, deploys it, and says so when the deployment event comes', async () => {
        const element = await mount();
        await edit(element, 'Comments__c');
        await setPaths(element, 'interactionData.callerName');
        expect(find(element, '.preview-summary')?.textContent).toBe('Your change gives another value in 1 of 1 logs.');
        const preview = find(element, 'lightning-datatable.preview') as HTMLElement & { data: { after: string }[] };
        expect(preview.data[0].after).toBe('Maria Gonzalez');

        mockApply.mockResolvedValue('0Af000000000001AAA');
        (find(element, 'lightning-button.apply') as HTMLElement).click();
        await flush();
        expect(mockApply).toHaveBeenCalledWith({
            targetField: 'Comments__c',
            sourcePath: 'interactionData.callerName',
            transform: 'text',
            active: true
        });
        expect(find(element, '.deployment-status')?.textContent).toMatch(/Deploying \(job 0Af000000000001AAA\)/);
        const onEvent = mockSubscribe.mock.calls[0][2] as (message: unknown) => void;
        onEvent({ data: { payload: { Job_Id__c: 'another job', Status__c: 'Failed' } } });
        await flush();
        expect(find(element, '.deployment-status')?.textContent).toMatch(/Deploying/);
        onEvent({ data: { payload: { Job_Id__c: '0Af000000000001AAA', Status__c: 'Succeeded' } } });
        await flush();
        expect(find(element, '.deployment-status')?.textContent).toMatch(/^Applied/);
        expect(mockGetStudio).toHaveBeenCalledTimes(2);
        expect(find(element, '.editor')).toBeNull();
    });

    it('says why a change was refused or failed', async () => {
        const element = await mount();
        await edit(element, 'Comments__c');
        mockApply.mockRejectedValue({ body: { message: 'Transform upper does not exist. Pick one of: text.' } });
        (find(element, 'lightning-button.apply') as HTMLElement).click();
        await flush();
        expect(find(element, '.deployment-status')?.textContent).toBe(
            'Transform upper does not exist. Pick one of: text.'
        );
        mockApply.mockResolvedValue('0Af000000000002AAA');
        (find(element, 'lightning-button.apply') as HTMLElement).click();
        await flush();
        (mockSubscribe.mock.calls[0][2] as (m: unknown) => void)({
            data: {
                payload: { Job_Id__c: '0Af000000000002AAA', Status__c: 'Failed', Message__c: 'Source Path too long' }
            }
        });
        await flush();
        expect(find(element, '.deployment-status')?.textContent).toBe('Not applied: Source Path too long');
    });

    it('reverts an override by deploying it inactive', async () => {
        const withOverride: MappingRecord[] = [
            ...(loadConfiguration().mappings as MappingRecord[]),
            {
                developerName: 'Org_Comments',
                targetObject: 'Interaction_Log__c',
                targetField: 'Comments__c',
                sourcePath: 'interactionData.callerName',
                transform: 'text',
                active: true,
                layer: 'Org_Override'
            }
        ];
        mockGetStudio.mockResolvedValue(studio(withOverride));
        const element = createElement('c-mapping-studio', { is: MappingStudio }) as Element;
        document.body.appendChild(element);
        objectInfoAdapter.emit(loadObjectInfo(undefined, undefined, [ADMIN_FIELDS_DIR]));
        await flush();
        await edit(element, 'Comments__c');
        mockApply.mockResolvedValue('0Af000000000003AAA');
        (find(element, 'lightning-button.revert') as HTMLElement).click();
        await flush();
        expect(mockApply).toHaveBeenCalledWith({
            targetField: 'Comments__c',
            sourcePath: 'interactionData.callerName',
            transform: 'text',
            active: false
        });
    });

    it('re-maps stored logs a page at a time and reports what changed, what did not, and what failed', async () => {
        const element = await mount();
        const page = (id: number, comments: string) => ({
            Id: `a0000000000000${id}AAA`,
            Name: `Log ${id}`,
            Raw_Payload__c: payload,
            Comments__c: comments,
            Caller_Name__c: 'Maria Gonzalez'
        });
        const current = 'Customer asked about a double charge on the November invoice. Refund requested.';
        mockLogsToRemap.mockResolvedValueOnce([
            page(1, 'old text'),
            page(2, current),
            page(3, 'also old'),
            { Id: 'a00000000000004AAA', Name: 'No payload', Raw_Payload__c: null }
        ]);
        mockUpdateRecord.mockResolvedValueOnce({ id: 'a00000000000001AAA' }).mockRejectedValueOnce({
            body: { message: 'This is evidence of the interaction' }
        });
        (find(element, 'lightning-button.run-remap') as HTMLElement).click();
        for (let i = 0; i < 5; i += 1) await flush();
        expect(mockLogsToRemap).toHaveBeenCalledWith({ fromDate: null, toDate: null, afterId: '', pageSize: 50 });
        expect(mockUpdateRecord).toHaveBeenCalledWith({ fields: { Id: 'a00000000000001AAA', Comments__c: current } });
        expect(find(element, '.remap-report')?.textContent).toBe(
            '4 logs examined: 1 changed, 1 unchanged, 1 without a raw payload, 1 failed.'
        );
        expect(find(element, '.remap-failures')?.textContent).toMatch(/Log 3: This is evidence/);
    });
});
