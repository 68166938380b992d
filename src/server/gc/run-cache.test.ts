// While a garbage-collection run or plan works, the server's SQLite connection keeps SQLite's
// default page cache instead of its own 16 MB (decision 125: a run reads pages all over a big store
// once each, and a sort may hold as much memory as the cache), and gets its own back when the last
// of them ends, failed or not. PostgreSQL's buffers are the database server's: nothing is changed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { sharedPostgres } from '../test/shared-postgres';
import { RunCache } from './run-cache';

const opened: { database: OpenedDatabase; remove: () => Promise<void> | void }[] = [];
afterEach(async () => {
  for (const { database, remove } of opened.splice(0)) {
    await database.close();
    await remove();
  }
});

async function openSqlite() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attic-run-cache-'));
  const database = await openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'attic.db') });
  opened.push({ database, remove: () => rmSync(dir, { recursive: true, force: true }) });
  return database.db;
}

async function cacheSize(db: OpenedDatabase['db']): Promise<number> {
  return Number((await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db)).rows[0]?.cache_size);
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

it("keeps SQLite's default page cache while a run works and gives the server's own back after", async () => {
  const db = await openSqlite();
  const cache = new RunCache(db);
  expect(await cacheSize(db)).toBe(-16000);
  const during = await cache.around(async () => cacheSize(db));
  expect(during).toBe(-2000);
  expect(await cacheSize(db)).toBe(-16000);
  // Again, the same: nothing is left over from the first.
  expect(await cache.around(async () => cacheSize(db))).toBe(-2000);
  expect(await cacheSize(db)).toBe(-16000);
});

it('gives the server its cache back only when the last of two overlapping runs or plans ends', async () => {
  const db = await openSqlite();
  const cache = new RunCache(db);
  const firstMayEnd = gate();
  const secondMayEnd = gate();
  const firstStarted = gate();
  const first = cache.around(async () => {
    firstStarted.open();
    await firstMayEnd.opened;
  });
  await firstStarted.opened;
  const second = cache.around(async () => {
    await secondMayEnd.opened;
  });
  firstMayEnd.open();
  await first;
  expect(await cacheSize(db)).toBe(-2000);
  secondMayEnd.open();
  await second;
  expect(await cacheSize(db)).toBe(-16000);
});

it('gives the cache back after a run that fails, and passes its error on', async () => {
  const db = await openSqlite();
  const cache = new RunCache(db);
  await expect(
    cache.around(async () => {
      throw new Error('disk full');
    }),
  ).rejects.toThrow('disk full');
  expect(await cacheSize(db)).toBe(-16000);
  expect(await cache.around(async () => cacheSize(db))).toBe(-2000);
});

it('on PostgreSQL runs the work as it is: SQLite pragmas mean nothing there', async () => {
  const postgres = await sharedPostgres();
  const database = await openDatabase({ databaseUrl: postgres.url, sqliteFile: '' });
  opened.push({ database, remove: () => postgres.drop() });
  const cache = new RunCache(database.db);
  expect(await cache.around(async () => (await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows[0]?.one)).toBe(1);
});
