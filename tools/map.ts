/**
 * Mapping dry run: prints, as JSON, exactly what would be written to Interaction_Log__c
 * for one CRM Connector message, using the same mapper module the component runs.
 *
 *   npm run map -- <message.json> [--mappings DIR]... [--fields DIR]... [--user ID] [--no-raw-payload]
 *                   [--mapping-wins]
 *
 * Exit codes: 0 mapped (warnings may be present), 2 the input or the options are unusable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    checkBody,
    extractBody,
    mapInteractionLog,
    type FieldMapping,
    type MapResult
} from '../force-app/main/default/lwc/interactionLog/interactionLog';
import { DEFAULT_SOURCE, loadFieldMappings, loadObjectSchema, MetadataError } from './lib/forceApp';

export const USAGE =
    'Usage: npm run map -- <message.json> [--mappings DIR]... [--fields DIR]... [--user USER_ID] [--no-raw-payload]\n' +
    '                      [--mapping-wins]\n' +
    '  <message.json>    a whole window message ({ type, action, data: { message: { body } } }) or a bare body\n' +
    '  --mappings DIR    folder of Interaction_Log_Field_Mapping.*.md-meta.xml records (repeatable; later folders\n' +
    '                    replace records with the same name). Default: force-app/main/default/customMetadata\n' +
    '  --fields DIR      folder of Interaction_Log__c *.field-meta.xml files an admin added in the org, as\n' +
    '                    sf project retrieve start writes objects/Interaction_Log__c/fields/ (repeatable)\n' +
    '  --user USER_ID    the Salesforce user id that goes into the log key\n' +
    '  --no-raw-payload  leave Raw_Payload__c out, as when the setting Store Raw Payload is off\n' +
    "  --mapping-wins    a mapped value wins over the agent's custom field entry (setting Custom Field Precedence)";

/** The command line itself is wrong: the message is followed by the usage text. */
export class UsageError extends Error {}

/** The message file cannot be mapped: one line says why. */
export class InputError extends Error {}

export interface MapCliOptions {
    file: string;
    mappingDirs: string[];
    fieldDirs: string[];
    userId?: string;
    storeRawPayload: boolean;
    mappingWins: boolean;
}

export function parseArgs(argv: readonly string[]): MapCliOptions {
    const options: MapCliOptions = {
        file: '',
        mappingDirs: [],
        fieldDirs: [],
        storeRawPayload: true,
        mappingWins: false
    };
    for (let i = 0; i < argv.length; i += 1) {
        const arg = argv[i];
        const next = (): string => {
            const value = argv[i + 1];
            if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
            i += 1;
            return value;
        };
        if (arg === '--mappings') options.mappingDirs.push(next());
        else if (arg === '--fields') options.fieldDirs.push(next());
        else if (arg === '--mapping-wins') options.mappingWins = true;
        else if (arg === '--user') options.userId = next();
        else if (arg === '--no-raw-payload') options.storeRawPayload = false;
        else if (arg === '--help' || arg === '-h') throw new UsageError('');
        else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
        else if (options.file) throw new UsageError(`Only one message file, please (got ${options.file} and ${arg}).`);
        else options.file = arg;
    }
    if (!options.file) throw new UsageError('Name the message file to map.');
    return options;
}

/** Maps one message file; throws InputError with a one-line reason when it cannot. */
export function runMap(options: MapCliOptions): MapResult {
    let text: string;
    try {
        text = readFileSync(options.file, 'utf8');
    } catch (error) {
        throw new InputError(`Cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
    }
    let message: unknown;
    try {
        message = JSON.parse(text);
    } catch (error) {
        throw new InputError(`${options.file} is not JSON: ${(error as Error).message}.`);
    }
    const body = extractBody(message);
    if (body === undefined) {
        throw new InputError(`${options.file} has no message body (expected data.message.body or a bare body).`);
    }
    const check = checkBody(body);
    if (!check.ok) {
        throw new InputError(`${options.file}: ${check.reason}`);
    }
    const dirs = options.mappingDirs.length > 0 ? options.mappingDirs : [join(DEFAULT_SOURCE, 'customMetadata')];
    const byName = new Map<string, FieldMapping>();
    for (const dir of dirs) {
        for (const mapping of loadFieldMappings(dir)) byName.set(mapping.name, mapping);
    }
    const schema = loadObjectSchema(DEFAULT_SOURCE, 'Interaction_Log__c', options.fieldDirs);
    return mapInteractionLog(check.body, [...byName.values()], schema, {
        userId: options.userId,
        storeRawPayload: options.storeRawPayload,
        customFieldsWin: !options.mappingWins
    });
}

export function main(argv: readonly string[]): number {
    try {
        const result = runMap(parseArgs(argv));
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return 0;
    } catch (error) {
        if (error instanceof UsageError) {
            if (!error.message) {
                process.stdout.write(USAGE + '\n');
                return 0;
            }
            process.stderr.write(`map: ${error.message}\n${USAGE}\n`);
            return 2;
        }
        if (error instanceof InputError || error instanceof MetadataError) {
            process.stderr.write(`map: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
