/**
 * Diagnosis helper (not part of `npm run bench`): where a deletion job spends its time, statement
 * by statement, in this process (no HTTP, no other requests).
 *
 *   node --import tsx bench/profile-jobs.ts [versions=100000]
 *
 * Seeds one collection of `versions` + 1 committed versions (one 256-byte file each), opens the
 * store, creates a job deleting every version without aliases and runs its batches one after
 * another, sized as the runner sizes them while no request comes in, then prints the creation's
 * and the batches' time and the most expensive statements.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createDeletionJob } from '../src/server/deletion-jobs/jobs';
import { BATCH_SIZE } from '../src/server/deletion-jobs/batch';
import { nextBatchSize } from '../src/server/deletion-jobs/batch-size';
import { deletionJobRunner } from '../src/server/deletion-jobs/runner';
import { yieldToEventLoop } from '../src/server/event-loop';
import { copyToProfileSchema, openProfiledStore } from './profile-store';
import { closeSeeded, createSchema, openForSeeding, removeDir, seedCollection, smallFiles, tempDir } from './seed';
import { statementLines, timePgQueries, timeStatements } from './statement-timer';
import { fmtMs } from './stats';

const versions = Number(process.argv[2] ?? 100_000);
const dir = tempDir('profile-jobs');
try {
  await createSchema(dir);
  const seeding = openForSeeding(dir);
  seedCollection(seeding, {
    entity: 'bench',
    project: 'jobs',
    type: 'dataset',
    name: 'shards',
    pendingDeletion: 0,
    committed: versions + 1,
    files: smallFiles(1, 256),
  });
  closeSeeded(seeding);
  // PROFILE_PG_SCHEMA=<name>: the same rows in that (new) schema of the bench's PostgreSQL database,
  // the job run there, its statements timed through pg (blobs stay files: a job reads none).
  const pgSchema = process.env.PROFILE_PG_SCHEMA;
  const databaseUrl = pgSchema ? await copyToProfileSchema(dir, pgSchema) : undefined;
  const stats = pgSchema ? timePgQueries() : timeStatements(path.join(dir, 'attic.db-wal'));
  if (process.env.SYNC_OFF) {
    // Experiment: no fsync at checkpoints, in this process only.
    const proto = BetterSqlite3.prototype as unknown as { pragma: (text: string, options?: unknown) => unknown };
    const pragma = proto.pragma;
    proto.pragma = function (this: unknown, text: string, options?: unknown) {
      return pragma.call(this, text.startsWith('synchronous') ? 'synchronous = OFF' : text, options);
    };
  }
  if (process.env.NO_CHECKPOINT) {
    const proto = BetterSqlite3.prototype as unknown as { pragma: (text: string, options?: unknown) => unknown };
    const pragma = proto.pragma;
    proto.pragma = function (this: unknown, text: string, options?: unknown) {
      return pragma.call(this, text.startsWith('wal_autocheckpoint') ? 'wal_autocheckpoint = 0' : text, options);
    };
  }
  const store = await openProfiledStore(dir, databaseUrl);
  try {
    const runner = deletionJobRunner(store.ctx);
    await runner.stop();
    let started = performance.now();
    const created = await createDeletionJob(store.ctx, 'bench', 'jobs', { action: 'delete', filter: { noAliases: true } });
    const createMs = performance.now() - started;
    if (!('job' in created) || created.job.total !== versions) throw new Error(`the job took ${JSON.stringify(created)}`);
    started = performance.now();
    let batches = 0;
    const slowest: number[] = [];
    // Batches sized as the runner sizes them on a quiet server (no request comes in).
    let size = BATCH_SIZE;
    for (;;) {
      const t = performance.now();
      if (!(await runner.step(size))) break;
      // As the runner does between batches: timers (the WAL checkpointer's, decision 187) run here.
      await yieldToEventLoop();
      const batchMs = performance.now() - t;
      slowest.push(batchMs);
      size = nextBatchSize(size, batchMs, false);
      batches++;
    }
    const runMs = performance.now() - started;
    slowest.sort((a, b) => b - a);
    console.log(
      `${versions} versions: job created in ${fmtMs(createMs)}, ${batches} batches in ${fmtMs(runMs)} (${((runMs / versions) * 1000).toFixed(0)} µs/version, ` +
        `batch median ${fmtMs(slowest[Math.floor(slowest.length / 2)] ?? 0)}, slowest ${fmtMs(slowest[0] ?? 0)})`,
    );
    for (const line of statementLines(stats, 8, true)) console.log(line);
  } finally {
    await store.close();
  }
} finally {
  removeDir(dir);
}
