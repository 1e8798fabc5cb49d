const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleFileExtensions: ['ts', 'js', 'html', 'json'],
    testMatch: ['**/__tests__/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e/'],
    // Platform modules whose tests need more than sfdx-lwc-jest's stubs, shared by every test (as lwc-recipes does).
    moduleNameMapper: {
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
        '^lightning/platformUtilityBarApi$': '<rootDir>/force-app/test/jest-mocks/lightning/platformUtilityBarApi',
        '^lightning/actions$': '<rootDir>/force-app/test/jest-mocks/lightning/actions',
        '^lightning/graphql$': '<rootDir>/force-app/test/jest-mocks/lightning/graphql',
        '^@jest-mocks/(.*)$': '<rootDir>/force-app/test/jest-mocks/$1',
        '^@tools/(.*)$': '<rootDir>/tools/$1',
        '^@workbench/(.*)$': '<rootDir>/workbench/$1',
        '^@fixtures$': '<rootDir>/test/fixtures'
    },
    setupFiles: ['<rootDir>/force-app/test/jest-mocks/labels.ts', '<rootDir>/force-app/test/jest-mocks/webPlatform.ts']
};
