/**
 * What the GC and deletion-job sections need on PostgreSQL + S3 that copy-to-postgres.ts does not
 * give: a fresh copy of a seeded schema per measured run (made inside PostgreSQL, so a 100k-version
 * store is copied in seconds, not the half minute its rows take from SQLite), and the seeded
 * blobs as objects in the store's bucket, under the keys the server's S3 blob store uses.
 */
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import pg from 'pg';
import { openDatabase } from '../src/server/store/database';
import type { BenchStore } from './backend';
import { inParallel } from './harness';
import type { BlobFile } from './seed';

/** PUTs to s3rver at once while seeding: more only queues in its single process. */
const SEED_PARALLEL = 16;

/**
 * Fills `target` (an empty store of the same backend) with every row of `template`'s schema:
 * migrations first (as a server would make it), then each table emptied and copied with one
 * `INSERT … SELECT` in replica mode (no foreign-key checks or audit triggers while tables fill in
 * any order), each identity sequence set past its largest key, and the tables analyzed.
 */
export async function clonePostgresStore(template: BenchStore, target: BenchStore): Promise<void> {
  const url = target.env.DATABASE_URL;
  if (!url || !template.postgres) throw new Error('clonePostgresStore: both stores must be on PostgreSQL');
  await (await openDatabase({ databaseUrl: url, sqliteFile: '' })).close();
  const from = pg.escapeIdentifier(template.postgres.schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%'`,
      )
    ).rows.map((t) => t.name);
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`TRUNCATE ${tables.map((t) => pg.escapeIdentifier(t)).join(', ')}`);
    for (const table of tables) {
      const name = pg.escapeIdentifier(table);
      await client.query(`INSERT INTO ${name} OVERRIDING SYSTEM VALUE SELECT * FROM ${from}.${name}`);
    }
    const identities = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
    );
    for (const { table_name, column_name } of identities.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(COALESCE((SELECT MAX(${pg.escapeIdentifier(column_name)}) FROM ${pg.escapeIdentifier(table_name)}), 0), 1))`,
        [table_name, column_name],
      );
    }
    await client.query('COMMIT');
    // Statistics, as a store that has been in use has: without them the planner guesses a fresh
    // table's size and the server's queries may scan where they would use an index.
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

function bucketOf(store: BenchStore): NonNullable<BenchStore['s3']> {
  if (!store.s3) throw new Error('this store has no bucket');
  return store.s3;
}

/** The key of a live blob, as src/server/store/s3-blob-store.ts lays it out. */
export function blobKey(store: BenchStore, b: BlobFile): string {
  return `${bucketOf(store).prefix}blobs/${b.entity}/${b.digest.slice(0, 2)}/${b.digest}.${b.generation}`;
}

const contents = new Map<number, Buffer>();

/** Writes each blob as an object of its size (the bytes are never read back), SEED_PARALLEL at a time. */
export async function putBlobObjects(store: BenchStore, blobs: BlobFile[]): Promise<void> {
  const { client, bucket } = bucketOf(store);
  await inParallel(blobs, SEED_PARALLEL, (b) => {
    const body = contents.get(b.sizeBytes) ?? Buffer.alloc(b.sizeBytes, 0x61);
    contents.set(b.sizeBytes, body);
    return client.send(new PutObjectCommand({ Bucket: bucket, Key: blobKey(store, b), Body: body }));
  });
}

/** The baseline of a purge on S3: one DeleteObject per blob, `parallel` at a time (the engine's 8). */
export async function deleteBlobObjects(store: BenchStore, blobs: BlobFile[], parallel: number): Promise<void> {
  const { client, bucket } = bucketOf(store);
  await inParallel(blobs, parallel, (b) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: blobKey(store, b) })));
}

/** Objects under `<prefix><under>` (`blobs/`, `trash/`). */
export async function countObjects(store: BenchStore, under: string): Promise<number> {
  const { client, bucket, prefix } = bucketOf(store);
  let n = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${under}`, ContinuationToken }));
    n += page.KeyCount ?? page.Contents?.length ?? 0;
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return n;
}
