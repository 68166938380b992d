/**
 * Diagnosis helper (not part of `npm run bench`): where a garbage-collection run spends its time,
 * statement by statement.
 *
 *   node --import tsx bench/profile-gc.ts [pendingVersions=1000] [liveVersions=100000]
 *
 * Seeds a store (pending versions with 5 blobs each, live versions with 5 blob rows each, no
 * files: a missing file is not an error for the run), wraps better-sqlite3's prepare() in this
 * process to time every statement and every COMMIT (keyed by the statement before it), runs the
 * engine once and prints the top entries, and the longest the event loop went without a turn.
 * Experiments, in this process only (no server code changes):
 *   SYNC_OFF=1     the run's connection uses synchronous=OFF (no fsync at checkpoints)
 *   TEMPLATE=<DATA_DIR>  copy that store's attic.db (checkpointed) instead of seeding one, to profile
 *                  the same store again after a change
 *   CKPT=<pages>   the run's connection uses wal_autocheckpoint=<pages>; the WAL frames each
 *                  COMMIT appended are then reported too (pages dirtied per transaction)
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { runGcOnce } from './gc-run';
import { statementLines, timeStatements } from './statement-timer';
import { closeSeeded, createSchema, openForSeeding, removeDir, seedCollection, smallFiles, tempDir } from './seed';
import { fmtMs } from './stats';

const pending = Number(process.argv[2] ?? 1_000);
const live = Number(process.argv[3] ?? 100_000);
const dir = tempDir('profile');
try {
  if (process.env.TEMPLATE) {
    copyFileSync(path.join(process.env.TEMPLATE, 'attic.db'), path.join(dir, 'attic.db'));
  } else {
    await createSchema(dir);
    const seeding = openForSeeding(dir);
    seedCollection(seeding, {
      entity: 'bench',
      project: 'gc',
      type: 'dataset',
      name: 'shards',
      pendingDeletion: pending,
      committed: live,
      files: smallFiles(5, 256),
    });
    closeSeeded(seeding);
  }

  const stats = timeStatements(path.join(dir, 'attic.db-wal'));
  const proto = BetterSqlite3.prototype as unknown as { pragma: (text: string, options?: unknown) => unknown };
  const pragma = proto.pragma;
  proto.pragma = function (this: unknown, text: string, options?: unknown) {
    if (process.env.SYNC_OFF && text.startsWith('synchronous')) text = 'synchronous = OFF';
    const result = pragma.call(this, text, options);
    if (process.env.CKPT && text.startsWith('cache_size')) pragma.call(this, `wal_autocheckpoint = ${Number(process.env.CKPT)}`);
    return result;
  };

  // How long the event loop went without a turn during the run (a 5 ms timer's longest gaps):
  // what a request arriving then would have waited, at least.
  const gaps: number[] = [];
  let lastTurn = performance.now();
  const turns = setInterval(() => {
    const now = performance.now();
    gaps.push(now - lastTurn);
    lastTurn = now;
  }, 5);
  const figures = await runGcOnce(dir);
  clearInterval(turns);
  console.log(`${pending} pending / ${live} live: run ${fmtMs(figures.runMs)}, ${figures.run.status}, ${figures.run.blobsDeleted} blobs deleted`);
  console.log(JSON.stringify(figures.phases, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v)));
  const longest = gaps.sort((a, b) => b - a).slice(0, 5);
  console.log(`event loop: longest waits for a turn during the run ${longest.map((g) => fmtMs(g)).join(', ')}`);
  for (const line of statementLines(stats, 15, Boolean(process.env.CKPT))) console.log(line);
} finally {
  removeDir(dir);
}
