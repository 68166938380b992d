/**
 * Migration 0005 on a database written before deletion ids: a collection deleted then still
 * restores the versions its delete took (same deletedAt, the old rule), and not a version deleted
 * on its own before it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { CollectionRestoreResponse, Page, Version } from '../../domain';
import { createTestServer } from '../testing';
import { connectStoreDatabase } from '../test/backend';
import { storeMigrator } from './database';

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const EARLIER = '2024-05-01T10:00:00.000Z';
const COLLECTION_DELETE = '2024-05-02T10:00:00.000Z';

/** A DATA_DIR whose database stops at 0004, holding a collection deleted the old way. */
async function databaseBefore0005(): Promise<void> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-0005-'));
  const db = await connectStoreDatabase(dataDir);
  const { error } = await (await storeMigrator(db)).migrateTo('0004_blobs_being_removed_apart');
  if (error) throw error;
  await sql`INSERT INTO projects (id, entity, name, created_at) VALUES (1, 'e', 'p', ${EARLIER})`.execute(db);
  await sql`INSERT INTO collections (id, project_id, type, name, state, next_index, version_count, pending_deletion_count, created_at, updated_at, deleted_at, deleted_by)
    VALUES (1, 1, 'dataset', 'ds', 'DELETED', 3, 0, 3, ${EARLIER}, ${COLLECTION_DELETE}, ${COLLECTION_DELETE}, 'local')`.execute(db);
  for (const [seq, deletedAt] of [
    [1, EARLIER],
    [2, COLLECTION_DELETE],
    [3, COLLECTION_DELETE],
  ] as const) {
    await sql`INSERT INTO versions (seq, id, collection_id, project_id, entity, idx, order_key, state, size_bytes, file_count, digest, created_at, committed_at, deleted_at, deleted_by)
      VALUES (${seq}, ${`ver_${seq}`}, 1, 1, 'e', ${seq - 1}, ${seq - 1}, 'PENDING_DELETION', 0, 0, 'd', ${EARLIER}, ${EARLIER}, ${deletedAt}, 'local')`.execute(
      db,
    );
  }
  await db.destroy();
}

it('a collection deleted before deletion ids restores the versions that share its deletedAt, not the one deleted before', async () => {
  await databaseBefore0005();
  const server = await createTestServer({ DATA_DIR: dataDir });
  try {
    const res = await server.fetch('/api/v1/projects/e/p/collections/ds/restore', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as CollectionRestoreResponse).versionsRestored).toBe(2);
    const all = (await (await server.fetch('/api/v1/projects/e/p/collections/ds/versions?state=ALL')).json()) as Page<Version>;
    expect(all.items.map((v) => [v.version, v.state])).toEqual([
      ['v2', 'COMMITTED'],
      ['v1', 'COMMITTED'],
      ['v0', 'PENDING_DELETION'],
    ]);
  } finally {
    await server.close();
  }
});
