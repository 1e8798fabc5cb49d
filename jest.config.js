const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    moduleFileExtensions: ['ts', 'js', 'html', 'json'],
    testMatch: ['**/__tests__/**/*.test.ts'],
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/e2e/'],
    moduleNameMapper: {
        ...(jestConfig.moduleNameMapper || {})
    }
};
