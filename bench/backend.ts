/**
 * The store a bench server runs on. `sqlite` (the default): SQLite and blob files in the server's
 * DATA_DIR, as the bench always ran. `postgres-s3`: a PostgreSQL schema of its own on
 * BENCH_DATABASE_URL (else the local server's `attic_bench` database, made when missing) and a
 * bucket of its own on an S3-compatible server (s3rver, `src/server/test/s3-server.ts`) that the
 * bench starts on first use. Every schema and bucket is removed at the end of the bench
 * (`dropBackends`), or when the section that made it drops it.
 *
 * Several servers may share one store (`sharedStore`): the fleet section points two servers at one
 * schema and one bucket, as a deployment behind a proxy does.
 */
import { DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import pg from 'pg';
import { inParallel } from './harness';
import { withTestDatabase } from '../src/server/test/backend';
import { startS3Server, type S3TestServer } from '../src/server/test/s3-server';

export type BackendName = 'sqlite' | 'postgres-s3';

export const BACKEND_NAMES: BackendName[] = ['sqlite', 'postgres-s3'];

/** What a section needs from a backend: the variables that put a server on a fresh store. */
export interface StoreBackend {
  name: BackendName;
  /** For the report: "SQLite + files", "PostgreSQL + S3". */
  label: string;
  /** A new empty store; its variables for every server that should share it. */
  newStore(label: string): Promise<BenchStore>;
}

export interface BenchStore {
  /** Added to a server's environment (none for SQLite: DATA_DIR is the store). */
  env: Record<string, string>;
  /** On PostgreSQL + S3: the store's schema (its connection string is `env.DATABASE_URL`) and its bucket, for seeding and baselines. */
  postgres?: { schema: string };
  s3?: { client: S3Client; bucket: string; prefix: string };
  /** Removes the schema and the bucket (nothing for SQLite: the section removes DATA_DIR). */
  drop(): Promise<void>;
}

const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/attic_bench';

const live = new Set<BenchStore>();
let s3: Promise<S3TestServer> | null = null;
let stores = 0;

export const sqliteBackend: StoreBackend = {
  name: 'sqlite',
  label: 'SQLite + files',
  newStore: async () => ({ env: {}, drop: async () => {} }),
};

export const postgresS3Backend: StoreBackend = {
  name: 'postgres-s3',
  label: 'PostgreSQL + S3',
  async newStore(label) {
    const schema = `bench_${process.pid}_${++stores}_${label.replace(/[^a-z0-9]/g, '_')}`.slice(0, 63);
    await ensureDatabase();
    await withClient(BENCH_DATABASE_URL, (c) => c.query(`CREATE SCHEMA ${schema}`));
    const server = await s3Server();
    const { bucket, env } = await server.newBucket();
    const url = new URL(BENCH_DATABASE_URL);
    // Each server's connections see only this schema. Commits wait for the disk, as in production;
    // BENCH_SYNCHRONOUS_COMMIT=off (diagnosis) shows how much of a line is that wait.
    const noWait = process.env.BENCH_SYNCHRONOUS_COMMIT === 'off' ? ' -c synchronous_commit=off' : '';
    url.searchParams.set('options', `-c search_path=${schema}${noWait}`);
    const store: BenchStore = {
      env: { ...env, DATABASE_URL: url.toString() },
      postgres: { schema },
      // BLOB_STORE_URL is s3://<bucket>/attic (src/server/test/s3-server.ts).
      s3: { client: server.client, bucket, prefix: 'attic/' },
      async drop() {
        live.delete(store);
        await withClient(BENCH_DATABASE_URL, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
        await emptyAndDeleteBucket(server, bucket);
      },
    };
    live.add(store);
    return store;
  },
};

export function backendNamed(name: string): StoreBackend {
  if (name === 'sqlite') return sqliteBackend;
  if (name === 'postgres-s3') return postgresS3Backend;
  throw new Error(`unknown backend ${name}; choose from ${BACKEND_NAMES.join(', ')}`);
}

/** `--backends=sqlite,postgres-s3` (or `--backend=…`); default: sqlite alone. */
export function backendsFromArgs(args: string[]): StoreBackend[] {
  const flag = args.find((a) => a.startsWith('--backends=') || a.startsWith('--backend='));
  if (!flag) return [sqliteBackend];
  const names = flag
    .slice(flag.indexOf('=') + 1)
    .split(',')
    .filter(Boolean);
  if (names.length === 0) throw new Error(`${flag}: name at least one backend (${BACKEND_NAMES.join(', ')})`);
  return [...new Set(names)].map(backendNamed);
}

/** Removes every schema and bucket still there, then stops the S3 server (end of the bench, Ctrl-C). */
export async function dropBackends(): Promise<void> {
  const failures: string[] = [];
  for (const store of [...live]) {
    try {
      await store.drop();
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (s3) {
    const server = await s3.catch(() => null);
    s3 = null;
    await server?.stop();
  }
  if (failures.length > 0) console.error(`!! could not remove every bench schema or bucket: ${failures.join('; ')}`);
}

async function s3Server(): Promise<S3TestServer> {
  if (!s3) s3 = startS3Server({ versioning: 'emulated' });
  return s3;
}

/** One connection for the statement(s) of `work` (the tests' helper, on the bench's database). */
const withClient = <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => withTestDatabase(work, url);

let databaseReady: Promise<void> | null = null;

/** Creates BENCH_DATABASE_URL's database when it is missing (its schemas are the bench's own). */
function ensureDatabase(): Promise<void> {
  databaseReady ??= (async () => {
    const url = new URL(BENCH_DATABASE_URL);
    const name = decodeURIComponent(url.pathname.slice(1));
    const admin = new URL(url);
    admin.pathname = '/postgres';
    await withClient(admin.toString(), async (c) => {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    });
  })();
  return databaseReady;
}

async function emptyAndDeleteBucket(server: S3TestServer, bucket: string): Promise<void> {
  for (;;) {
    const page = await server.client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
    const keys = (page.Contents ?? []).map((o) => o.Key!);
    if (keys.length === 0) break;
    // One by one: s3rver wants a Content-MD5 on DeleteObjects that the SDK no longer sends.
    await inParallel(keys, 16, (key) => server.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
  }
  await server.client.send(new DeleteBucketCommand({ Bucket: bucket }));
}
