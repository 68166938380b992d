/**
 * Vitest's global setup: makes the PostgreSQL test database when it is missing (the fleet tests use
 * it on every tier); on the PostgreSQL + S3 tier also the run's migrated schema template
 * (backend.ts) and, at the end, drops the schemas this run made (a run's schemas share a prefix,
 * ATTIC_TEST_RUN). Buckets need no cleaning: each worker's S3 server removes its files when the
 * worker exits.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  // Set before the workers start, so they inherit it.
  process.env.ATTIC_TEST_RUN ??= randomBytes(4).toString('hex');
  const { SCHEMA_PREFIX, TEST_DATABASE_URL, withTestDatabase, makeSchemaTemplate } = await import('./backend');
  const target = new URL(TEST_DATABASE_URL);
  const name = target.pathname.slice(1);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  await withTestDatabase(async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  }, admin.toString());
  // The SQLite tier's own PostgreSQL tests (several servers on one database) drop what they make.
  if (process.env.ATTIC_TEST_BACKEND !== 'postgres-s3') return undefined;
  const template = await makeSchemaTemplate();
  process.env.ATTIC_TEST_SCHEMA_TEMPLATE = template;
  return async () => {
    rmSync(template, { force: true });
    await withTestDatabase(async (client) => {
      const schemas = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [SCHEMA_PREFIX]);
      for (const { nspname } of schemas.rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    });
  };
}
