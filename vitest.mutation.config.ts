/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`, stryker.config.json): the
 * Node-environment tests of the server, the contract, the mocks and the domain. The jsdom
 * component tests never reach the mutated files, and the tests that spawn server processes
 * are left out (docs/decisions/080-mutation-testing.md): a child process does not see which
 * mutant is active, so they cannot kill one and would only cost minutes per mutant.
 */
import { defineConfig } from 'vitest/config';
import base from './vite.config';

// Spread, not mergeConfig: mergeConfig concatenates arrays, so the base's include would stay.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['src/server/**/*.test.ts', 'src/contract/**/*.test.ts', 'src/mocks/**/*.test.ts', 'src/domain/**/*.test.ts', 'src/sdk/**/*.test.ts'],
    // The tests that spawn a server process (see above); gc-orphan-sweep.test.ts and
    // gc-run-record.test.ts guard in process what gc-orphans and gc-crash guard with a real kill.
    exclude: [
      '**/node_modules/**',
      'src/server/gc/gc-crash.test.ts',
      'src/server/gc/gc-orphans.test.ts',
      'src/server/demo-seed.test.ts',
      'src/server/main.test.ts',
      'src/mocks/jsdom.test.ts',
    ],
  },
});
