/**
 * Custom Labels for jest: every `@salesforce/label/c.Name` import resolves to the label's
 * value in force-app/main/default/labels, as on the platform (sfdx-lwc-jest would give
 * the label's name instead). Runs before each test file (jest `setupFiles`).
 */
import { join } from 'node:path';
import { LABEL_IMPORT_PREFIX, readLabels } from '../../../tools/lib/labels';

for (const [name, value] of readLabels(join(__dirname, '..', '..', 'main', 'default'))) {
    jest.doMock(LABEL_IMPORT_PREFIX + name, () => ({ __esModule: true, default: value }), { virtual: true });
}
