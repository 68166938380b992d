/**
 * The SQLite reader (decision 195), the connection on a worker thread where the reads that aggregate
 * a whole backlog run: it reads committed rows, one snapshot per transaction, refuses writes, and
 * its thread ends when idle and comes back. (gc/aggregate-reads.test.ts: the server answering
 * meanwhile.) Each test waits on state, never on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from './database';
import { openSqliteReader, type SqliteReader } from './sqlite-reader';

const dirs: string[] = [];
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openStoreFile(): Promise<{ database: OpenedDatabase; file: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attic-reader-'));
  dirs.push(dir);
  const file = path.join(dir, 'attic.db');
  const database = await openDatabase({ databaseUrl: null, sqliteFile: file });
  closing.push(database);
  await sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY)`.execute(database.db);
  return { database, file };
}

function reader(file: string, idleMs = 60_000): SqliteReader {
  const opened = openSqliteReader(file, { idleMs });
  closing.push(opened);
  return opened;
}

const count = async (db: SqliteReader['db']) => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM scratch`.execute(db)).rows[0]!.n);

describe('the SQLite reader thread', () => {
  it('reads what the server committed, and one snapshot throughout a transaction', async () => {
    const { database, file } = await openStoreFile();
    const reads = reader(file);
    await sql`INSERT INTO scratch (id) VALUES (1)`.execute(database.db);
    expect(await count(reads.db)).toBe(1);
    const seen = await reads.db.transaction().execute(async (trx) => {
      const first = await count(trx);
      await sql`INSERT INTO scratch (id) VALUES (2)`.execute(database.db);
      return [first, await count(trx)];
    });
    expect(seen).toEqual([1, 1]);
    expect(await count(reads.db)).toBe(2);
  });

  it('refuses writes with SQLite’s read-only error and goes on reading', async () => {
    const { file } = await openStoreFile();
    const reads = reader(file);
    await expect(sql`INSERT INTO scratch (id) VALUES (1)`.execute(reads.db)).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    expect(await count(reads.db)).toBe(0);
  });

  it('keeps its thread through a transaction’s pauses, however short its idle time', async () => {
    const { database, file } = await openStoreFile();
    const reads = reader(file, 1);
    const seen = await reads.db.transaction().execute(async (trx) => {
      const first = await count(trx);
      // Far past the idle time, between two queries of one snapshot.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      await sql`INSERT INTO scratch (id) VALUES (1)`.execute(database.db);
      return [first, await count(trx), reads.started];
    });
    expect(seen).toEqual([0, 0, 1]);
  });

  it('ends its thread when idle and starts another at the next query', async () => {
    const { database, file } = await openStoreFile();
    const reads = reader(file, 1);
    expect(reads.running).toBe(false);
    expect(await count(reads.db)).toBe(0);
    expect(reads.started).toBe(1);
    while (reads.running) await setImmediate();
    await sql`INSERT INTO scratch (id) VALUES (1)`.execute(database.db);
    expect(await count(reads.db)).toBe(1);
    expect(reads.started).toBe(2);
  });
});
