// Mutation testing on the PostgreSQL + S3 tier, for what only that tier reaches (key-batch.ts's
// PostgreSQL branch, decision 080): stryker.config.mjs with the tier's in-process GC tests.
//   ATTIC_TEST_BACKEND=postgres-s3 npx stryker run stryker.postgres.config.mjs --mutate src/server/gc/key-batch.ts
import base from './stryker.config.mjs';

export default {
  ...base,
  vitest: { configFile: 'vitest.mutation-postgres.config.ts' },
  // Every server of the tier makes its own PostgreSQL schema and S3 bucket: the first run takes longer.
  dryRunTimeoutMinutes: 15,
};
