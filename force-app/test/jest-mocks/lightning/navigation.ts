/**
 * lightning/navigation for jest: the NavigationMixin records every page reference a
 * component navigates to in `navigateCalls`; CurrentPageReference is a test wire adapter.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const navigateCalls = jest.fn();

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's rule for mixin constructors
type Constructor = new (...args: any[]) => object;

export const NavigationMixin = Object.assign(
    <T extends Constructor>(Base: T) =>
        class extends Base {
            [Navigate](reference: unknown) {
                navigateCalls(reference);
            }
            [GenerateUrl]() {
                return Promise.resolve('');
            }
        },
    { Navigate, GenerateUrl }
);

export const CurrentPageReference = createTestWireAdapter(jest.fn());
