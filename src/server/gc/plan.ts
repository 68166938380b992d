/**
 * What a garbage-collection run would do if it started now: the versions it purges and the blobs
 * it frees. Dry runs, `reclaimableBytes` and the real run's accounting all come from here and from
 * `candidateBlobsQuery`, one rule for all.
 */
import { sql } from 'kysely';
import type { RunPlanFigures } from '../../domain';
import { COUNTING_STATES_SQL } from '../deletion/reclaim';
import type { Db } from '../store/database';

export type RunPlan = RunPlanFigures;

/**
 * Blobs a run frees: those referenced by purged versions, and fresh uploads past their window,
 * that no version still counting (PENDING, COMMITTED, or PENDING_DELETION and not purged)
 * references; plus those a killed run had already decided to remove. `cutoff` null purges every
 * version pending deletion, grace period or not.
 */
export async function planRun(db: Db, cutoff: string | null, now: string): Promise<RunPlan> {
  const purged = cutoff === null ? sql`v.state = 'PENDING_DELETION'` : sql`(v.state = 'PENDING_DELETION' AND v.deleted_at <= ${cutoff})`;
  const purgedV2 = cutoff === null ? sql`v2.state = 'PENDING_DELETION'` : sql`(v2.state = 'PENDING_DELETION' AND v2.deleted_at <= ${cutoff})`;
  const versions = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM versions v WHERE ${purged}`.execute(db);
  const rows = await sql<{ kept: number; from_purge: number; blobs: number; bytes: number | null }>`
    WITH from_purge AS (
      SELECT DISTINCT v.entity, f.digest FROM versions v JOIN version_files f ON f.version_seq = v.seq WHERE ${purged}
    ),
    cand AS (
      SELECT entity, digest, 1 AS from_purge FROM from_purge
      UNION SELECT entity, digest, 0 FROM gc_candidates WHERE not_before <= ${now}
    ),
    blob AS (
      SELECT c.entity, c.digest, MAX(c.from_purge) AS from_purge, b.size_bytes
      FROM cand c JOIN blobs b ON b.entity = c.entity AND b.digest = c.digest GROUP BY c.entity, c.digest
    )
    SELECT kept, from_purge, COUNT(*) AS blobs, SUM(size_bytes) AS bytes FROM (
      -- Blobs a killed run had already decided to remove are freed by the next run, whatever happens.
      SELECT 0 AS from_purge, size_bytes, 0 AS kept FROM gc_deleting
      UNION ALL
      SELECT from_purge, size_bytes, EXISTS (
        SELECT 1 FROM version_files f2 JOIN versions v2 ON v2.seq = f2.version_seq
        WHERE f2.digest = blob.digest AND v2.entity = blob.entity
          AND v2.state IN ${COUNTING_STATES_SQL} AND NOT ${purgedV2}
      ) AS kept FROM blob
    ) GROUP BY kept, from_purge`.execute(db);
  const plan: RunPlan = { versionsPurged: Number(versions.rows[0]?.n ?? 0), blobsDeleted: 0, bytesReclaimed: 0, blobsRetainedShared: 0 };
  for (const row of rows.rows) {
    if (!row.kept) {
      plan.blobsDeleted += Number(row.blobs);
      plan.bytesReclaimed += Number(row.bytes ?? 0);
    } else if (row.from_purge) {
      plan.blobsRetainedShared += Number(row.blobs);
    }
  }
  return plan;
}
