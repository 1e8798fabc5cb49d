import {
    agentMessage,
    duplicateLogKey,
    isTransient,
    normalizeSaveError,
    rejectedFields,
    schemaFromObjectInfo,
    writeInteractionLog,
    type OrgApi,
    type UiApiObjectInfo,
    type WriterConfig
} from 'c/interactionLog';
import { extractBody, prepareLog, type InteractionLogBody } from 'c/interactionLog';
import { loadConfiguration, loadFieldMappings, loadObjectInfo, loadObjectSchema } from '@tools/lib/forceApp';
import { ADMIN_FIELDS_DIR, loadFixture } from '@fixtures';
import { TASK_SCHEMA } from '@tools/lib/standardObjects';

const USER = '005000000000001AAA';
const config: WriterConfig = {
    schema: loadObjectSchema(undefined, undefined, [ADMIN_FIELDS_DIR]),
    mappings: loadFieldMappings(),
    userId: USER,
    storeRawPayload: true
};
const voice = extractBody(loadFixture('messages', 'axp-voice-inbound').message) as InteractionLogBody;

/** What the UI API answers when a record save is refused. */
function recordError(
    status: number,
    errors: { errorCode: string; message: string }[],
    fieldErrors: Record<string, { errorCode: string; message: string }[]> = {}
) {
    return {
        status,
        ok: false,
        statusText: status === 400 ? 'Bad Request' : 'Error',
        body: {
            message: errors[0]?.message ?? 'error',
            enhancedErrorType: 'RecordError',
            output: { errors, fieldErrors }
        }
    };
}

/** What Salesforce answers when another record already holds the log key. */
function logKeyTaken(holderId: string) {
    return recordError(400, [
        {
            errorCode: 'DUPLICATE_VALUE',
            message: `duplicate value found: Log_Key__c duplicates value on record with id: ${holderId}`
        }
    ]);
}

function fakeLds(overrides: Partial<Record<keyof OrgApi, jest.Mock>> = {}) {
    return {
        createRecord: overrides.createRecord ?? jest.fn().mockResolvedValue({ id: 'a00000000000001AAA' }),
        updateRecord:
            overrides.updateRecord ??
            jest.fn().mockImplementation(async (input: { fields: { Id: string } }) => ({ id: input.fields.Id })),
        findRecordIdByLogKey: overrides.findRecordIdByLogKey ?? jest.fn().mockResolvedValue(null),
        findTaskIdForLog: overrides.findTaskIdForLog ?? jest.fn().mockResolvedValue(null)
    };
}

describe('schemaFromObjectInfo', () => {
    it('combines getObjectInfo with the picklist and key prefix facts the controller describes', () => {
        const schema = schemaFromObjectInfo(loadObjectInfo() as unknown as UiApiObjectInfo, loadConfiguration());
        expect(schema).toEqual(expect.objectContaining({ apiName: 'Interaction_Log__c' }));
        const expected = loadObjectSchema();
        expect(schema.fields.Direction__c).toMatchObject({
            dataType: 'Picklist',
            restrictedPicklist: true,
            picklistValues: expected.fields.Direction__c.picklistValues
        });
        expect(schema.fields.Case__c.referenceTo).toEqual([{ apiName: 'Case', keyPrefix: '500' }]);
        expect(schema.fields.Handle_Time_Seconds__c).toMatchObject({
            calculated: true,
            createable: false,
            updateable: false
        });
        expect(schema.fields.Comments__c).toMatchObject({ dataType: 'TextArea', length: 32768, createable: true });
    });

    it('leaves out field types the mapper does not write', () => {
        const schema = schemaFromObjectInfo({
            apiName: 'X',
            fields: {
                Geo__c: { apiName: 'Geo__c', dataType: 'Location' },
                A__c: { apiName: 'A__c', dataType: 'String', createable: false }
            }
        });
        expect(Object.keys(schema.fields)).toEqual(['A__c']);
        expect(schema.fields.A__c.createable).toBe(false);
    });
});

describe('reading LDS errors', () => {
    it('reads a RecordError with errors and field errors', () => {
        const error = normalizeSaveError(
            recordError(
                400,
                [
                    {
                        errorCode: 'DUPLICATE_VALUE',
                        message:
                            'duplicate value found: Log_Key__c duplicates value on record with id: a00000000000009AAA'
                    }
                ],
                {
                    Subject__c: [{ errorCode: 'STRING_TOO_LONG', message: 'Subject: data value too large' }]
                }
            )
        );
        expect(error).toEqual({
            status: 400,
            network: false,
            errors: [
                {
                    code: 'DUPLICATE_VALUE',
                    message: 'duplicate value found: Log_Key__c duplicates value on record with id: a00000000000009AAA'
                }
            ],
            fieldErrors: { Subject__c: [{ code: 'STRING_TOO_LONG', message: 'Subject: data value too large' }] }
        });
        expect(duplicateLogKey(error)).toEqual({ recordId: 'a00000000000009AAA' });
        expect(isTransient(error)).toBe(false);
    });

    it('reads an array body and a plain Error', () => {
        expect(
            normalizeSaveError({ status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' }] }).errors
        ).toEqual([{ code: 'UNKNOWN_EXCEPTION', message: 'boom' }]);
        const offline = normalizeSaveError(new TypeError('Failed to fetch'));
        expect(offline.network).toBe(true);
        expect(isTransient(offline)).toBe(true);
        expect(agentMessage(offline)).toMatch(/cannot be reached/);
        expect(normalizeSaveError('weird').network).toBe(true);
    });

    it.each([
        ['a 503', { status: 503, body: { message: 'Service Unavailable' } }, /not answering/],
        [
            'an expired session',
            { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] },
            /session has expired/
        ],
        [
            'a lock',
            recordError(400, [
                { errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }
            ]),
            /busy/
        ]
    ])('classes %s as transient, with a short message for the agent', (_label, raw, message) => {
        const error = normalizeSaveError(raw);
        expect(isTransient(error)).toBe(true);
        expect(agentMessage(error)).toMatch(message);
    });

    it('finds a refused field named only in an INVALID_FIELD message', () => {
        const error = normalizeSaveError(
            recordError(400, [
                {
                    errorCode: 'INVALID_FIELD',
                    message: "No such column 'Available_Balance__c' on sobject of type Interaction_Log__c"
                }
            ])
        );
        expect([...rejectedFields(error, { Available_Balance__c: 1, Name: 'x' }).keys()]).toEqual([
            'Available_Balance__c'
        ]);
        expect(duplicateLogKey(error)).toBeUndefined();
    });

    it('does not take a duplicate on another unique field for a log key duplicate', () => {
        const error = normalizeSaveError(
            recordError(400, [], {
                UCID__c: [
                    {
                        errorCode: 'DUPLICATE_VALUE',
                        message: 'duplicate value found: UCID__c duplicates value on record with id: a00000000000009AAA'
                    }
                ]
            })
        );
        expect(duplicateLogKey(error)).toBeUndefined();
    });
});

describe('writeInteractionLog', () => {
    it('creates one record with the mapped fields', async () => {
        const lds = fakeLds();
        const result = await writeInteractionLog(prepareLog(voice, config), config, lds);
        expect(result).toMatchObject({ ok: true, recordId: 'a00000000000001AAA', created: true, warnings: [] });
        expect(lds.createRecord).toHaveBeenCalledTimes(1);
        const input = lds.createRecord.mock.calls[0][0];
        expect(input.apiName).toBe('Interaction_Log__c');
        expect(input.fields.Log_Key__c).toContain(USER);
        expect(input.fields.Contact__c).toBe(
            (voice.interactionData as { logDetails: { nameId: string } }).logDetails.nameId
        );
        expect(lds.updateRecord).not.toHaveBeenCalled();
    });

    it('updates the existing record when the log key is already taken, with the id from the error', async () => {
        const lds = fakeLds({
            createRecord: jest.fn().mockRejectedValue(logKeyTaken('a00000000000007AAA'))
        });
        const result = await writeInteractionLog(prepareLog(voice, config), config, lds);
        expect(result).toMatchObject({ ok: true, recordId: 'a00000000000007AAA', created: false });
        expect(lds.updateRecord).toHaveBeenCalledTimes(1);
        const fields = lds.updateRecord.mock.calls[0][0].fields;
        expect(fields.Id).toBe('a00000000000007AAA');
        // The evidence written at creation is never sent again: the key, the ids, the payload, the warnings.
        for (const evidence of [
            'Log_Key__c',
            'Interaction_Id__c',
            'Raw_Payload__c',
            'Mapping_Warnings__c',
            'Mapping_Warning_Count__c'
        ]) {
            expect(fields).not.toHaveProperty(evidence);
        }
        expect(fields.Subject__c).toBeDefined();
        expect(fields.Established_Time__c).toBeDefined();
        expect(lds.findRecordIdByLogKey).not.toHaveBeenCalled();
    });

    it('asks Apex for the record when the duplicate error does not name it', async () => {
        const lds = fakeLds({
            createRecord: jest.fn().mockRejectedValue(
                recordError(400, [], {
                    Log_Key__c: [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found' }]
                })
            ),
            findRecordIdByLogKey: jest.fn().mockResolvedValue('a00000000000008AAA')
        });
        const result = await writeInteractionLog(prepareLog(voice, config), config, lds);
        expect(result).toMatchObject({ ok: true, recordId: 'a00000000000008AAA', created: false });
        expect(lds.findRecordIdByLogKey).toHaveBeenCalledWith(expect.stringContaining(String(voice.interactionId)));
    });

    it('updates directly when the record of this message is already known, and creates again if it was deleted', async () => {
        const lds = fakeLds();
        expect(
            await writeInteractionLog(prepareLog(voice, config), config, lds, { recordId: 'a00000000000005AAA' })
        ).toMatchObject({
            ok: true,
            recordId: 'a00000000000005AAA',
            created: false
        });
        expect(lds.createRecord).not.toHaveBeenCalled();

        const deleted = fakeLds({
            updateRecord: jest
                .fn()
                .mockRejectedValue(recordError(404, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]))
        });
        expect(
            await writeInteractionLog(prepareLog(voice, config), config, deleted, { recordId: 'a00000000000005AAA' })
        ).toMatchObject({
            ok: true,
            created: true
        });
        expect(deleted.createRecord).toHaveBeenCalledTimes(1);
    });

    it('saves again without the refused fields, keeping the raw payload and the reasons', async () => {
        const createRecord = jest
            .fn()
            .mockRejectedValueOnce(
                recordError(
                    400,
                    [
                        {
                            errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                            message: 'Direction: bad value for restricted picklist field: Inbound'
                        }
                    ].map((e) => ({ ...e, field: 'Direction__c' })),
                    { Subject__c: [{ errorCode: 'STRING_TOO_LONG', message: 'Subject: data value too large' }] }
                )
            )
            .mockResolvedValueOnce({ id: 'a00000000000002AAA' });
        const lds = fakeLds({ createRecord });
        const result = await writeInteractionLog(prepareLog(voice, config), config, lds);
        expect(result).toMatchObject({ ok: true, recordId: 'a00000000000002AAA', created: true });
        expect(createRecord).toHaveBeenCalledTimes(2);
        const second = createRecord.mock.calls[1][0].fields;
        expect(second.Direction__c).toBeUndefined();
        expect(second.Subject__c).toBeUndefined();
        expect(second.Raw_Payload__c).toBe(JSON.stringify(voice));
        expect(second.Mapping_Warning_Count__c).toBe(2);
        expect(second.Mapping_Warnings__c).toContain('Subject__c: Salesforce refused the value (STRING_TOO_LONG');
        expect(second.Mapping_Warnings__c).toContain(
            'Direction__c: Salesforce refused the value (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        );
        expect(second.Caller_Name__c).toBe(createRecord.mock.calls[0][0].fields.Caller_Name__c);
    });

    it('reports a transient failure without a second attempt', async () => {
        const lds = fakeLds({ createRecord: jest.fn().mockRejectedValue(new TypeError('Failed to fetch')) });
        const result = await writeInteractionLog(prepareLog(voice, config), config, lds);
        expect(result).toMatchObject({ ok: false, transient: true });
        expect(lds.createRecord).toHaveBeenCalledTimes(1);
    });

    it('reports a refusal not tied to a field as needing a person, with the detail for the admin', async () => {
        const lds = fakeLds({
            createRecord: jest
                .fn()
                .mockRejectedValue(
                    recordError(400, [
                        { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Logs need a disposition' }
                    ])
                )
        });
        const result = await writeInteractionLog(prepareLog(voice, config), config, lds);
        expect(result).toEqual({
            ok: false,
            transient: false,
            message:
                'The log could not be saved: Logs need a disposition. Retry it from the pending logs panel, or ask your admin.',
            detail: 'HTTP 400\nFIELD_CUSTOM_VALIDATION_EXCEPTION - Logs need a disposition'
        });
    });

    it('refuses a body without an interaction id instead of saving a log nobody can find', async () => {
        const lds = fakeLds();
        const result = await writeInteractionLog(
            prepareLog({ interactionData: {} } as unknown as InteractionLogBody, config),
            config,
            lds
        );
        expect(result).toMatchObject({ ok: false, transient: false });
        expect(lds.createRecord).not.toHaveBeenCalled();
    });
});

describe('the activity mirror (setting Create Task on)', () => {
    const withTask: WriterConfig = { ...config, task: { schema: TASK_SCHEMA } };
    const logId = 'a00000000000001AAA';

    it('creates one completed Task linked to the Who and What, and names it on the log', async () => {
        const createRecord = jest
            .fn()
            .mockResolvedValueOnce({ id: logId })
            .mockResolvedValueOnce({ id: '00T000000000001AAA' });
        const lds = fakeLds({ createRecord });
        const result = await writeInteractionLog(prepareLog(voice, withTask), withTask, lds);
        expect(result).toMatchObject({ ok: true, recordId: logId, taskId: '00T000000000001AAA' });
        const [logInput, taskInput] = createRecord.mock.calls.map((c) => c[0]);
        expect(taskInput.apiName).toBe('Task');
        const d = voice.interactionData as {
            ucid: string;
            logDetails: { subject: string; comments: string; dispositionCode: string };
        };
        expect(taskInput.fields).toMatchObject({
            Subject: d.logDetails.subject,
            Description: d.logDetails.comments,
            CallType: 'Inbound',
            CallObject: d.ucid,
            CallDisposition: d.logDetails.dispositionCode,
            Status: 'Completed',
            TaskSubtype: 'Call',
            WhoId: logInput.fields.Contact__c,
            WhatId: logInput.fields.Case__c
        });
        const seconds =
            (Date.parse(logInput.fields.End_Time__c) - Date.parse(logInput.fields.Established_Time__c)) / 1000;
        expect(taskInput.fields.CallDurationInSeconds).toBe(seconds);
        expect(lds.updateRecord).toHaveBeenCalledWith({ fields: { Id: logId, Task_Id__c: '00T000000000001AAA' } });
        expect(lds.findTaskIdForLog).not.toHaveBeenCalled();
    });

    it('updates the Task the log names when the same log is delivered again, without creating another', async () => {
        const lds = fakeLds({
            createRecord: jest.fn().mockRejectedValue(logKeyTaken(logId)),
            findTaskIdForLog: jest.fn().mockResolvedValue('00T000000000001AAA')
        });
        const result = await writeInteractionLog(prepareLog(voice, withTask), withTask, lds);
        expect(result).toMatchObject({ ok: true, taskId: '00T000000000001AAA' });
        const updates = lds.updateRecord.mock.calls.map((c) => c[0].fields);
        expect(updates.map((f) => f.Id)).toEqual([logId, '00T000000000001AAA']);
        expect(updates[1].TaskSubtype).toBeUndefined();
        expect(lds.createRecord).toHaveBeenCalledTimes(1);
    });

    it('leaves the Task to the save that created the log (a second tab creates none)', async () => {
        const lds = fakeLds({
            createRecord: jest.fn().mockRejectedValue(logKeyTaken(logId))
        });
        expect(await writeInteractionLog(prepareLog(voice, withTask), withTask, lds)).toMatchObject({
            ok: true,
            taskId: undefined
        });
        expect(lds.createRecord).toHaveBeenCalledTimes(1);
    });

    it('never loses the log when the Task fails, and finishes the Task on the next attempt', async () => {
        const createRecord = jest
            .fn()
            .mockResolvedValueOnce({ id: logId })
            .mockRejectedValueOnce(new TypeError('Failed to fetch'));
        const lds = fakeLds({ createRecord });
        const first = await writeInteractionLog(prepareLog(voice, withTask), withTask, lds);
        expect(first).toMatchObject({ ok: false, transient: true, resume: { recordId: logId, taskPending: true } });
        expect((first as { message: string }).message).toMatch(/The log is saved/);

        const retry = fakeLds({ createRecord: jest.fn().mockResolvedValue({ id: '00T000000000002AAA' }) });
        const second = await writeInteractionLog(prepareLog(voice, withTask), withTask, retry, {
            recordId: logId,
            taskPending: true
        });
        expect(second).toMatchObject({ ok: true, recordId: logId, taskId: '00T000000000002AAA' });
        expect(retry.createRecord).toHaveBeenCalledTimes(1);
        expect(retry.createRecord.mock.calls[0][0].apiName).toBe('Task');
        expect(retry.updateRecord.mock.calls.map((c) => c[0].fields.Task_Id__c)).toContain('00T000000000002AAA');
    });

    it('links a Task created last time instead of creating a second one', async () => {
        const lds = fakeLds();
        const result = await writeInteractionLog(prepareLog(voice, withTask), withTask, lds, {
            recordId: logId,
            taskPending: true,
            taskId: '00T000000000003AAA'
        });
        expect(result).toMatchObject({ ok: true, taskId: '00T000000000003AAA' });
        expect(lds.createRecord).not.toHaveBeenCalled();
        expect(lds.updateRecord.mock.calls.map((c) => c[0].fields)).toEqual([
            expect.objectContaining({ Id: logId }),
            expect.objectContaining({ Id: '00T000000000003AAA' }),
            { Id: logId, Task_Id__c: '00T000000000003AAA' }
        ]);
    });

    it('drops a Who or What that Task cannot take, and Task fields Salesforce refuses', async () => {
        const chat = extractBody(loadFixture('messages', 'axp-chat').message) as InteractionLogBody;
        const createRecord = jest
            .fn()
            .mockResolvedValueOnce({ id: logId })
            .mockRejectedValueOnce(
                recordError(400, [], {
                    CallType: [{ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'bad value' }]
                })
            )
            .mockResolvedValueOnce({ id: '00T000000000004AAA' });
        const lds = fakeLds({ createRecord });
        const result = await writeInteractionLog(prepareLog(chat, withTask), withTask, lds);
        expect(result).toMatchObject({ ok: true, taskId: '00T000000000004AAA' });
        const task = createRecord.mock.calls[2][0].fields;
        expect(task.CallType).toBeUndefined();
        expect(task.TaskSubtype).toBe('Task');
        expect(task.WhoId).toBe(createRecord.mock.calls[0][0].fields.Lead__c);
        expect(task.WhatId).toBe(createRecord.mock.calls[0][0].fields.Opportunity__c);
    });
});
