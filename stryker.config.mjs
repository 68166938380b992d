// Mutation testing: `npm run test:mutation` (scripts/mutation-test.sh). What it covers, why the
// process-spawning tests are left out, and which survivors are equivalent:
// docs/decisions/080-mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the Node-environment server, contract, mocks, SDK and domain tests (not the jsdom components).
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // Each mutant runs only the tests that reach it; two runners for the two cores.
  coverageAnalysis: 'perTest',
  concurrency: 2,
  mutate: [
    'src/server/gc/**/*.ts',
    '!src/server/gc/**/*.test.ts',
    'src/server/deletion/**/*.ts',
    '!src/server/deletion/**/*.test.ts',
    // The domain's deletion and GC rules (schemas, request checks) that server and mocks share.
    'src/domain/deletion.ts',
    'src/domain/gc.ts',
    'src/domain/validate.ts',
  ],
  // Stryker rewrites the tsconfig it is pointed at with the TypeScript JS API, which TypeScript 7
  // (the native compiler) no longer has; the sandbox's tsconfig.json needs no rewriting (no
  // `extends` or `references` outside the project), so point Stryker at a file that is not there.
  tsconfigFile: 'tsconfig.stryker-skips-this.json',
  // The sandbox is a copy of the project: leave out what the tests never read.
  ignorePatterns: ['dist', 'data', '.tmp', 'e2e', 'bench', 'docs', 'public', 'reports', 'test-results', 'playwright-report', 'coverage'],
  reporters: ['progress', 'clear-text', 'html', 'json'],
  clearTextReporter: { reportMutants: false, reportTests: false, reportScoreTable: true, allowEmojis: false },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The machine is shared: a mutant only times out well past the test's normal time.
  timeoutMS: 15000,
  thresholds: { high: 90, low: 80, break: null },
};
