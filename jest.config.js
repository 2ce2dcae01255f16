// Jest runs our ESM TypeScript natively: @swc/jest strips types (no type-check; `npm run typecheck`
// does that) and Node's --experimental-vm-modules (set in the `test` script) loads ESM, which
// kysely 0.29 and @octokit/rest 22 require.
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  // Sources import './x.js' (NodeNext style); map that back to the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-setup.ts'],
    },
  ],
  // Integration tests each take their own database and queue prefix, so files may run in parallel;
  // two workers keep within the 2-core machine.
  maxWorkers: 2,
};
