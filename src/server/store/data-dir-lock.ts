/**
 * One server per DATA_DIR. The lock is an exclusive SQLite transaction on a side file: the
 * operating system releases it when the process dies, so a crash never leaves a stale lock.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {}

export interface DataDirLock {
  /** The previous server on this DATA_DIR did not release it: it was killed or crashed. */
  readonly uncleanStop: boolean;
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const lockDb = new BetterSqlite3(path.join(dataDir, 'attic.lock'), { timeout: 0 });
  const ownerFile = path.join(dataDir, 'attic.lock.owner');
  try {
    lockDb.pragma('locking_mode = EXCLUSIVE');
    lockDb.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); BEGIN EXCLUSIVE;');
  } catch {
    lockDb.close();
    let owner = 'another process';
    try {
      owner = `process ${readFileSync(ownerFile, 'utf8').trim()}`;
    } catch {
      // The owner file is informative only.
    }
    throw new DataDirLockedError(`DATA_DIR ${dataDir} is already in use by another Attic server (${owner}). Stop it, or start this one with another DATA_DIR.`);
  }
  // The owner file is removed on release, so finding it here means the last server died holding the lock.
  const uncleanStop = existsSync(ownerFile);
  writeFileSync(ownerFile, String(process.pid));
  return {
    uncleanStop,
    release() {
      rmSync(ownerFile, { force: true });
      lockDb.exec('ROLLBACK');
      lockDb.close();
    },
  };
}
