/**
 * Child process of wal-checkpointer.test.ts: opens a SQLite store whose log checkpoints start at
 * 64 KB, writes until the checkpoint worker runs, then closes the store as the last thing it
 * awaits and says so. A close that waits on something that keeps no process alive ends the
 * process early instead (exit code 13: a top-level await never settled).
 */
import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase } from '../store/database';

const file = process.argv[2];
if (!file) throw new Error('usage: wal-close-child.ts <database file>');
const database = await openDatabase({
  databaseUrl: null,
  sqliteFile: file,
  walCheckpoints: { startBytes: 64 * 1024, boundBytes: 1 << 30, intervalMs: 5, idleMs: 60_000 },
});
await sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(database.db);
let id = 0;
while (!database.checkpointer?.workerRunning) {
  id++;
  await sql`INSERT INTO scratch (id, body) VALUES (${id}, ${''.padEnd(4000, 'x')})`.execute(database.db);
  await setImmediate();
}
await database.close();
console.log(`closed after ${id} rows`);
