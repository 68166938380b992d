/**
 * Diagnosis helper (not part of `npm run bench`): where a garbage-collection run spends its time,
 * statement by statement.
 *
 *   node --import tsx bench/profile-gc.ts [pendingVersions=1000] [liveVersions=100000]
 *
 * Seeds a store (pending versions with 5 blobs each, live versions with 5 blob rows each, no
 * files: a missing file is not an error for the run), wraps better-sqlite3's prepare() in this
 * process to time every statement and every COMMIT (keyed by the statement before it), runs the
 * engine once and prints the top entries. Experiments, in this process only (no server code changes):
 *   SYNC_OFF=1     the run's connection uses synchronous=OFF (no fsync at checkpoints)
 *   TEMPLATE=<DATA_DIR>  copy that store's attic.db (checkpointed) instead of seeding one, to profile
 *                  the same store again after a change
 *   CKPT=<pages>   the run's connection uses wal_autocheckpoint=<pages>; the WAL frames each
 *                  COMMIT appended are then reported too (pages dirtied per transaction)
 */
import { copyFileSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { runGcOnce } from './gc-run';
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

  interface Entry {
    calls: number;
    runMs: number;
    prepareMs: number;
    walFrames: number;
  }
  const stats = new Map<string, Entry>();
  const walFile = path.join(dir, 'attic.db-wal');
  const walSize = () => {
    try {
      return statSync(walFile).size;
    } catch {
      return 0;
    }
  };
  type Method = (...args: unknown[]) => unknown;
  const proto = BetterSqlite3.prototype as unknown as {
    prepare: (sql: string) => Record<string, Method>;
    pragma: (text: string, options?: unknown) => unknown;
  };
  const prepare = proto.prepare;
  let previous = '';
  proto.prepare = function (this: unknown, sql: string) {
    const started = performance.now();
    const statement = prepare.call(this, sql);
    const text = sql
      .replace(/\s+/g, ' ')
      .replace(/\(\?(, \?)*\)/g, '(?…)')
      .trim()
      .slice(0, 100);
    const isCommit = text.toLowerCase() === 'commit';
    const isBegin = text.toLowerCase() === 'begin';
    // Statements are prepared once and reused (store/database.ts), so a COMMIT is keyed by the
    // statement executed before it, at execution time.
    const entryOf = (key: string) => {
      const entry = stats.get(key) ?? { calls: 0, runMs: 0, prepareMs: 0, walFrames: 0 };
      stats.set(key, entry);
      return entry;
    };
    if (!isCommit) entryOf(text).prepareMs += performance.now() - started;
    for (const name of ['run', 'all', 'get', 'iterate']) {
      const original = statement[name]!;
      statement[name] = (...args: unknown[]) => {
        const entry = entryOf(isCommit ? `COMMIT after: ${previous.slice(0, 70)}` : text);
        if (!isCommit && !isBegin) previous = text;
        const before = isCommit ? walSize() : 0;
        const t = performance.now();
        try {
          return original.apply(statement, args);
        } finally {
          entry.calls++;
          entry.runMs += performance.now() - t;
          if (isCommit) entry.walFrames += Math.max(0, walSize() - before) / 4120;
        }
      };
    }
    return statement;
  };
  const pragma = proto.pragma;
  proto.pragma = function (this: unknown, text: string, options?: unknown) {
    if (process.env.SYNC_OFF && text.startsWith('synchronous')) text = 'synchronous = OFF';
    const result = pragma.call(this, text, options);
    if (process.env.CKPT && text.startsWith('cache_size')) pragma.call(this, `wal_autocheckpoint = ${Number(process.env.CKPT)}`);
    return result;
  };

  const figures = await runGcOnce(dir);
  console.log(`${pending} pending / ${live} live: run ${fmtMs(figures.runMs)}, ${figures.run.status}, ${figures.run.blobsDeleted} blobs deleted`);
  console.log(JSON.stringify(figures.phases, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v)));
  console.log(`${'exec ms'.padStart(8)} ${'prep ms'.padStart(8)} ${'calls'.padStart(7)}${process.env.CKPT ? ` ${'frames/call'.padStart(11)}` : ''}  statement`);
  for (const [key, e] of [...stats].sort((a, b) => b[1].runMs + b[1].prepareMs - (a[1].runMs + a[1].prepareMs)).slice(0, 15)) {
    const frames = process.env.CKPT ? ` ${(e.walFrames / Math.max(1, e.calls)).toFixed(0).padStart(11)}` : '';
    console.log(`${e.runMs.toFixed(0).padStart(8)} ${e.prepareMs.toFixed(0).padStart(8)} ${String(e.calls).padStart(7)}${frames}  ${key}`);
  }
} finally {
  removeDir(dir);
}
