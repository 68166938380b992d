/**
 * Puts a store the bench seeded in SQLite (bench/seed.ts) into a PostgreSQL schema, so the sections
 * that seed can measure the same rows on PostgreSQL: the schema comes from the server's own
 * migrations, every table is emptied and filled with the SQLite file's rows, and each identity
 * column continues after its largest key. Only rows move: blob bytes stay wherever the section
 * wrote them, so this serves the sections that never read a blob's bytes.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../src/server/store/database';

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;

export async function copySqliteToPostgres(dataDir: string, databaseUrl: string): Promise<number> {
  // The server's migrations make the schema, exactly as a server starting on it would.
  await (await openDatabase({ databaseUrl, sqliteFile: '' })).close();
  const sqlite = new BetterSqlite3(path.join(dataDir, 'attic.db'), { readonly: true });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let copied = 0;
  try {
    const tables = (
      sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'`).all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    await client.query('BEGIN');
    // Replica mode: no foreign-key checks or triggers (the audit log's append-only ones) while the
    // tables are refilled in any order; the rows are the SQLite store's, already consistent.
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`TRUNCATE ${tables.map((t) => pg.escapeIdentifier(t)).join(', ')}`);
    for (const table of tables) copied += await copyTable(sqlite, client, table);
    await client.query('COMMIT');
    // Statistics, as a store that has been in use has (the planner's guesses for a fresh table may scan).
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    sqlite.close();
    await client.end();
  }
  return copied;
}

async function copyTable(sqlite: BetterSqlite3.Database, client: pg.Client, table: string): Promise<number> {
  const types = new Map(
    (
      await client.query<{ column_name: string; data_type: string; is_identity: string }>(
        'SELECT column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      )
    ).rows.map((c) => [c.column_name, c]),
  );
  const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name).filter((c) => types.has(c));
  const booleans = columns.map((c) => types.get(c)!.data_type === 'boolean');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const names = columns.map((c) => pg.escapeIdentifier(c)).join(', ');
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${pg.escapeIdentifier(table)} (${names}) VALUES ${values}`, batch.flat());
    copied += batch.length;
    batch = [];
  };
  for (const row of sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) {
    batch.push(row.map((v, i) => (booleans[i] && v !== null ? v === 1 : v)));
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  for (const column of columns.filter((c) => types.get(c)!.is_identity === 'YES')) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(COALESCE((SELECT MAX(${pg.escapeIdentifier(column)}) FROM ${pg.escapeIdentifier(table)}), 0), 1))`,
      [table, column],
    );
  }
  return copied;
}
