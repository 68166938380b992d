/**
 * What the in-process diagnosis helpers (bench/profile-jobs.ts, bench/profile-collection.ts) share:
 * a seeded SQLite store copied into a PostgreSQL schema when asked, and the store opened with no
 * background work of its own (GC and TTL a day away), so the statements timed are the profiled ones.
 */
import pg from 'pg';
import { loadConfig } from '../src/server/config';
import { openStore, type OpenStore } from '../src/server/open-store';
import { copySqliteToPostgres } from './copy-to-postgres';

const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/attic_bench';

async function onAdmin(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** The rows of the SQLite store in `dir` copied into `schema` (made anew) of the bench's database; its URL. */
export async function copyToProfileSchema(dir: string, schema: string): Promise<string> {
  await onAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(BASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  await copySqliteToPostgres(dir, url.toString());
  return url.toString();
}

export async function dropProfileSchema(schema: string): Promise<void> {
  await onAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** The store in `dir` (its rows on PostgreSQL when `databaseUrl` is given), with GC and TTL a day away. */
export function openProfiledStore(dir: string, databaseUrl: string | undefined): Promise<OpenStore> {
  return openStore(
    loadConfig({
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DATA_DIR: dir,
      DEMO_DATA: '0',
      GC_INTERVAL_SECONDS: '86400',
      TTL_INTERVAL_SECONDS: '86400',
    }),
  );
}
