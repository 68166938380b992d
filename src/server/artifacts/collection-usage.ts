/**
 * Keeps a collection's counters (versions, pending deletion, stored bytes) in step with its
 * versions' states, so the sidebar never scans 100,000 versions. Stored bytes count each distinct
 * blob of the COMMITTED versions once, through per-blob reference counts in collection_blobs.
 */
import { sql } from 'kysely';
import type { Db } from '../store/database';

/** Adds (+1) or removes (-1) a version's blobs from its collection's committed set; returns the change in stored bytes. */
export async function adjustCommittedBlobs(db: Db, collectionId: number, versionSeq: number, delta: 1 | -1): Promise<number> {
  const distinct = db
    .selectFrom('version_files')
    .select(['digest', (eb) => eb.fn.max('size_bytes').as('size_bytes')])
    .where('version_seq', '=', versionSeq)
    .groupBy('digest');
  // Bytes that enter (refs 0 -> 1) or leave (refs 1 -> 0) the collection's stored total.
  const boundary = delta === 1 ? 0 : 1;
  const changed = await sql<{ bytes: number | null }>`
    SELECT SUM(f.size_bytes) AS bytes FROM (${distinct}) f
    LEFT JOIN collection_blobs cb ON cb.collection_id = ${collectionId} AND cb.digest = f.digest
    WHERE COALESCE(cb.committed_refs, 0) = ${boundary}`.execute(db);
  await sql`
    INSERT INTO collection_blobs (collection_id, digest, size_bytes, committed_refs)
    SELECT CAST(${collectionId} AS BIGINT), f.digest, f.size_bytes, CAST(${delta} AS BIGINT) FROM (${distinct}) f WHERE true
    ON CONFLICT (collection_id, digest) DO UPDATE SET committed_refs = collection_blobs.committed_refs + ${delta}`.execute(db);
  if (delta === -1) {
    // Only this version's blobs can have reached 0: looking at those alone keeps a delete O(its files), not O(the collection's blobs).
    await db
      .deleteFrom('collection_blobs')
      .where('collection_id', '=', collectionId)
      .where('digest', 'in', db.selectFrom('version_files').select('digest').where('version_seq', '=', versionSeq))
      .where('committed_refs', '<=', 0)
      .execute();
  }
  const bytes = Number(changed.rows[0]?.bytes ?? 0);
  return delta * bytes;
}

/** Applies counter changes to a collection row and stamps its updatedAt. */
export async function updateCollectionCounters(
  db: Db,
  collectionId: number,
  change: { committed?: number; pendingDeletion?: number; bytes?: number },
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('collections')
    .set((eb) => ({
      version_count: eb('version_count', '+', change.committed ?? 0),
      pending_deletion_count: eb('pending_deletion_count', '+', change.pendingDeletion ?? 0),
      size_bytes: eb('size_bytes', '+', change.bytes ?? 0),
      updated_at: updatedAt,
    }))
    .where('id', '=', collectionId)
    .execute();
}
