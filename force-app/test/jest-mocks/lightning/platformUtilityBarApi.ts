/** lightning/platformUtilityBarApi for jest: EnclosingUtilityId is a test wire adapter, `open` a mock. */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const EnclosingUtilityId = createTestWireAdapter(jest.fn());
export const open = jest.fn();
