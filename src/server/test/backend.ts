/**
 * The store the server tests run on. By default SQLite and files in each test's DATA_DIR; with
 * ATTIC_TEST_BACKEND=postgres-s3 (the second tier of `npm test`), a PostgreSQL schema of its own per
 * DATA_DIR on TEST_DATABASE_URL (else the local server) and a bucket of its own per DATA_DIR on this
 * worker's S3 server (s3rver, started on first use). Both names are derived from the DATA_DIR, so a
 * server restarted on a DATA_DIR finds its rows and blobs again, and tests running side by side
 * never see each other's.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { CopyObjectCommand, CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { openDatabase } from '../store/database';
import { postgresDialect } from '../store/postgres';
import type { Database } from '../store/schema';
import { startS3Server, type S3TestServer } from './s3-server';

export type TestBackend = 'sqlite' | 'postgres-s3';

export const testBackend: TestBackend = backendNamed(process.env.ATTIC_TEST_BACKEND);

/** A misspelt tier must not quietly run the SQLite one again. */
function backendNamed(name: string | undefined): TestBackend {
  if (name === undefined || name === '' || name === 'sqlite') return 'sqlite';
  if (name === 'postgres-s3') return name;
  throw new Error(`ATTIC_TEST_BACKEND=${JSON.stringify(name)} is not a test backend: use sqlite (the default) or postgres-s3.`);
}

/** The database the schemas live in (made by the global setup when missing). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/attic_test';

/** Schemas of one `vitest run` share a prefix, so its teardown drops exactly its own. */
export const SCHEMA_PREFIX = `t_${process.env.ATTIC_TEST_RUN ?? 'local'}_`;

const nameOf = (dataDir: string) => createHash('sha256').update(dataDir).digest('hex').slice(0, 16);

function schemaOf(dataDir: string): string {
  return `${SCHEMA_PREFIX}${nameOf(dataDir)}`;
}

/** The bucket of a DATA_DIR's blobs; the S3 server is this worker's own, so no run prefix is needed. */
export function bucketOf(dataDir: string): string {
  return `attic-${nameOf(dataDir)}`;
}

/** Where the server keeps its keys in the bucket (BLOB_STORE_URL's path): blobs/, trash/, tmp/ below it. */
export const BUCKET_PREFIX = 'attic/';

let s3Server: Promise<S3TestServer> | null = null;

/**
 * This worker's S3 server, started on first use. It stops when the worker exits (its standard input
 * closes with the worker), and removes its files then.
 */
export function testS3Server(): Promise<S3TestServer> {
  s3Server ??= startS3Server();
  return s3Server;
}

async function createBucket(bucket: string): Promise<void> {
  const { client } = await testS3Server();
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    // A restart on the same DATA_DIR: the bucket is already there, with its blobs.
    if (!(error instanceof Error && (error.name === 'BucketAlreadyOwnedByYou' || error.name === 'BucketAlreadyExists'))) throw error;
  }
}

/** Every object of a bucket (under `prefix`), in the bucket's order. */
export async function bucketObjects(bucket: string, prefix = ''): Promise<{ key: string; sizeBytes: number }[]> {
  const { client } = await testS3Server();
  const objects: { key: string; sizeBytes: number }[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    for (const object of page.Contents ?? []) objects.push({ key: object.Key!, sizeBytes: object.Size ?? 0 });
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return objects;
}

async function dropBucket(bucket: string): Promise<void> {
  const { client } = await testS3Server();
  try {
    for (const { key: Key } of await bucketObjects(bucket)) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'NoSuchBucket')) throw error;
  }
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

/** The schema the global setup migrates once; the SQL that copies it is in the file ATTIC_TEST_SCHEMA_TEMPLATE names. */
const TEMPLATE_SCHEMA = `${SCHEMA_PREFIX}template`;

/**
 * Global setup: a schema brought up to date once per run, dumped as the SQL that makes it (tables,
 * indexes, the migrations' own rows) into a file whose path it returns. A server's schema is made from
 * it in one statement batch instead of every migration in turn, which cost about half a second a
 * server: most of the PostgreSQL tier's time, with a server or more per test.
 */
export async function makeSchemaTemplate(): Promise<string> {
  await withTestDatabase((client) => client.query(`CREATE SCHEMA ${TEMPLATE_SCHEMA}`));
  await (await openDatabase({ databaseUrl: urlOf(TEMPLATE_SCHEMA), sqliteFile: '' })).close();
  const dump = execFileSync('pg_dump', ['--no-owner', '--no-privileges', '--inserts', '--schema', TEMPLATE_SCHEMA, plainDatabaseUrl()], {
    maxBuffer: 1 << 30,
  }).toString();
  // psql's own commands (\restrict …) are not SQL; everything else runs as one batch.
  const batch = dump
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n');
  const file = path.join(os.tmpdir(), `attic-test-schema-${SCHEMA_PREFIX.slice(0, -1)}.sql`);
  writeFileSync(file, batch);
  return file;
}

let templateBatch: string | null | undefined;

function schemaTemplate(): string | null {
  const file = process.env.ATTIC_TEST_SCHEMA_TEMPLATE;
  templateBatch ??= file ? readFileSync(file, 'utf8') : null;
  return templateBatch;
}

/**
 * The variables that put a server on the test backend for this DATA_DIR (none for SQLite). A new
 * schema starts migrated (from the run's template) unless `migrated` is false: for a test that
 * builds a store as an older version left it, then runs the migrations itself.
 */
export async function backendEnv(dataDir: string, { migrated = true } = {}): Promise<Record<string, string>> {
  if (testBackend === 'sqlite') return {};
  const schema = schemaOf(dataDir);
  await withTestDatabase(async (client) => {
    const template = migrated ? schemaTemplate() : null;
    if (template === null) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return;
    }
    try {
      // One implicit transaction: the schema is made whole, or not at all. Not waiting for the disk
      // at its commit, as the servers' own connections do not (urlOf).
      await client.query(`SET synchronous_commit = off;\n${template.replaceAll(TEMPLATE_SCHEMA, schema)}`);
    } catch (error) {
      // duplicate_schema: a server restarted on this DATA_DIR; its schema is as it left it.
      if ((error as { code?: string }).code !== '42P06') throw error;
    }
  });
  const bucket = bucketOf(dataDir);
  await createBucket(bucket);
  const s3 = await testS3Server();
  return { DATABASE_URL: urlOf(schema), ...s3.env, BLOB_STORE_URL: `s3://${bucket}/${BUCKET_PREFIX.slice(0, -1)}` };
}

/** TEST_DATABASE_URL without its query (pg_dump and psql take no `options` there). */
function plainDatabaseUrl(): string {
  const url = new URL(TEST_DATABASE_URL);
  url.search = '';
  return url.toString();
}

function urlOf(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  // Commits without waiting for the disk: a test's rows need not survive the machine, and every
  // test server's migrations and writes then cost far less.
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return url.toString();
}

/** The store's database for this DATA_DIR, opened beside its server as an operator would (no migrations run). */
export async function connectStoreDatabase(dataDir: string): Promise<Kysely<Database>> {
  if (testBackend === 'sqlite') return new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(path.join(dataDir, 'attic.db')) }) });
  const { DATABASE_URL } = await backendEnv(dataDir, { migrated: false });
  return new Kysely({ dialect: postgresDialect(DATABASE_URL!).dialect });
}

/** Reads the store of a DATA_DIR, then closes the connection. */
export async function readStore<T>(dataDir: string, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await connectStoreDatabase(dataDir);
  try {
    return await read(db);
  } finally {
    await db.destroy();
  }
}

/** A copy of a stopped server's store (its DATA_DIR and, on PostgreSQL + S3, its schema and bucket) under another DATA_DIR. */
export async function copyStore(from: string, to: string): Promise<void> {
  cpSync(from, to, { recursive: true });
  if (testBackend === 'sqlite') return;
  const source = schemaOf(from);
  const target = schemaOf(to);
  await dropBackend(to);
  // Schema names are random hex under a run's prefix: replacing them in the dump touches nothing else.
  const dump = execFileSync('pg_dump', ['--no-owner', '--schema', source, plainDatabaseUrl()], { maxBuffer: 1 << 30 }).toString();
  execFileSync('psql', ['--quiet', '--set', 'ON_ERROR_STOP=1', plainDatabaseUrl()], {
    input: dump.replaceAll(source, target),
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const { client } = await testS3Server();
  const [sourceBucket, targetBucket] = [bucketOf(from), bucketOf(to)];
  await createBucket(targetBucket);
  for (const { key: Key } of await bucketObjects(sourceBucket)) {
    await client.send(new CopyObjectCommand({ Bucket: targetBucket, Key, CopySource: `${sourceBucket}/${Key.split('/').map(encodeURIComponent).join('/')}` }));
  }
}

/** Removes what `backendEnv` made for this DATA_DIR. */
export async function dropBackend(dataDir: string): Promise<void> {
  if (testBackend === 'sqlite') return;
  await withTestDatabase((client) => client.query(`DROP SCHEMA IF EXISTS ${schemaOf(dataDir)} CASCADE`));
  await dropBucket(bucketOf(dataDir));
}

/** Makes every INSERT into `table` fail with `message` (a full disk, say); returns the undo. */
export async function failInserts(db: Kysely<Database>, table: string, message: string): Promise<() => Promise<void>> {
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

/**
 * What a server killed on this DATA_DIR's store leaves behind for the next start to find: on
 * SQLite the lock's owner file; on PostgreSQL its row in `servers`, silent for longer than any lease.
 */
export async function leaveDeadServer(dataDir: string): Promise<void> {
  if (testBackend === 'sqlite') {
    writeFileSync(path.join(dataDir, 'attic.lock.owner'), '999999');
    return;
  }
  await readStore(dataDir, (db) =>
    db
      .insertInto('servers')
      .values({ id: 'srv_killed', host: 'gone', pid: 999999, started_at: '2000-01-01T00:00:00.000Z', heartbeat_at: '2000-01-01T00:00:00.000Z' })
      .execute(),
  );
}

/** Waits until the store has an orphan sweep due (a dead server was found: at once on SQLite, after a lease on PostgreSQL). */
export async function untilSweepDue(dataDir: string): Promise<void> {
  for (;;) {
    const due = await readStore(dataDir, (db) => db.selectFrom('server_state').select('value').where('key', '=', 'orphan_sweep_since').executeTakeFirst());
    if (due) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
