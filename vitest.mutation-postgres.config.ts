/**
 * The tests stryker.postgres.config.mjs runs against each mutant: the GC tests of the PostgreSQL +
 * S3 tier (scripts/test-postgres-s3.sh) that run in process. The SQLite-only GC tests (reader
 * thread, yields, page cache) would fail on that tier, and the dry run must pass.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.mutation.config';

const files = [
  'gc',
  'gc-interleaving',
  'gc-orphan-sweep',
  'gc-schedule',
  'gc-start-race',
  'gc-run-record',
  'gc-takeover',
  'gc-hooks',
  'safety-net',
  's3-safety-net',
  'gc-model',
  'gc-retention-zero',
];

export default defineConfig({ ...base, test: { ...base.test, include: files.map((f) => `src/server/gc/${f}.test.ts`) } });
