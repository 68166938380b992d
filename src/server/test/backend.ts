/**
 * The store the server tests run on. By default SQLite and files in each test's DATA_DIR; with
 * ATTIC_TEST_BACKEND=postgres (the second tier of `npm test`), a PostgreSQL schema of its own per
 * DATA_DIR on TEST_DATABASE_URL (else the local server), so a server restarted on a DATA_DIR finds
 * its database again, and tests running side by side never see each other's rows.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { postgresDialect } from '../store/postgres';

export type TestBackend = 'sqlite' | 'postgres';

export const testBackend: TestBackend = process.env.ATTIC_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** The database the schemas live in (made by the global setup when missing). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/attic_test';

/** Schemas of one `vitest run` share a prefix, so its teardown drops exactly its own. */
export const SCHEMA_PREFIX = `t_${process.env.ATTIC_TEST_RUN ?? 'local'}_`;

function schemaOf(dataDir: string): string {
  return `${SCHEMA_PREFIX}${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
}

export async function withTestDatabase<T>(work: (client: pg.Client) => Promise<T>, url = TEST_DATABASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The variables that put a server on the test backend for this DATA_DIR (none for SQLite). */
export async function backendEnv(dataDir: string): Promise<Record<string, string>> {
  if (testBackend === 'sqlite') return {};
  const schema = schemaOf(dataDir);
  await withTestDatabase((client) => client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
  return { DATABASE_URL: urlOf(schema) };
}

function urlOf(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  // Commits without waiting for the disk: a test's rows need not survive the machine, and every
  // test server's migrations and writes then cost far less.
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return url.toString();
}

/** The store's database for this DATA_DIR, opened beside its server as an operator would (no migrations run). */
export async function connectStoreDatabase(dataDir: string): Promise<Kysely<any>> {
  if (testBackend === 'sqlite') return new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(path.join(dataDir, 'attic.db')) }) });
  const { DATABASE_URL } = await backendEnv(dataDir);
  return new Kysely({ dialect: postgresDialect(DATABASE_URL!).dialect });
}

/** Reads the store of a DATA_DIR, then closes the connection. */
export async function readStore<T>(dataDir: string, read: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = await connectStoreDatabase(dataDir);
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

/** A copy of a stopped server's store (its DATA_DIR and, on PostgreSQL, its schema) under another DATA_DIR. */
export async function copyStore(from: string, to: string): Promise<void> {
  cpSync(from, to, { recursive: true });
  if (testBackend === 'sqlite') return;
  const source = schemaOf(from);
  const target = schemaOf(to);
  await dropBackend(to);
  const url = new URL(TEST_DATABASE_URL);
  url.search = '';
  // Schema names are random hex under a run's prefix: replacing them in the dump touches nothing else.
  const dump = execFileSync('pg_dump', ['--no-owner', '--schema', source, url.toString()], { maxBuffer: 1 << 30 }).toString();
  execFileSync('psql', ['--quiet', '--set', 'ON_ERROR_STOP=1', url.toString()], {
    input: dump.replaceAll(source, target),
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

/** Removes what `backendEnv` made for this DATA_DIR. */
export async function dropBackend(dataDir: string): Promise<void> {
  if (testBackend === 'sqlite') return;
  await withTestDatabase((client) => client.query(`DROP SCHEMA IF EXISTS ${schemaOf(dataDir)} CASCADE`));
}

/** Makes every INSERT into `table` fail with `message` (a full disk, say); returns the undo. */
export async function failInserts(db: Kysely<any>, table: string, message: string): Promise<() => Promise<void>> {
  if (testBackend === 'sqlite') {
    await sql.raw(`CREATE TRIGGER ${table}_fails BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`).execute(db);
    return async () => {
      await sql.raw(`DROP TRIGGER ${table}_fails`).execute(db);
    };
  }
  await sql.raw(`CREATE FUNCTION ${table}_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_fails BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_fails()`).execute(db);
  return async () => {
    await sql.raw(`DROP TRIGGER ${table}_fails ON ${table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${table}_fails()`).execute(db);
  };
}
