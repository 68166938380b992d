/**
 * What a garbage-collection run would do if it started now: the versions it purges and the blobs
 * it frees. Dry runs, `reclaimableBytes` and the real run's accounting all come from here and from
 * `candidateBlobsAmong`, one rule for all: the engine's decide step runs that same query on a batch
 * of `dueCandidates`, so what a plan announces and what a run frees cannot drift apart.
 */
import { sql } from 'kysely';
import type { RunPlanFigures } from '../../domain';
import { blobsOfVersions, candidateBlobsAmong, inSet, type VersionSet } from '../deletion/reclaim';
import type { Db } from '../store/database';

export type RunPlan = RunPlanFigures;

/**
 * Blobs a run frees: those referenced by purged versions, and fresh uploads past their window,
 * that no version still counting (PENDING, COMMITTED, or PENDING_DELETION and not purged)
 * references; plus those a killed run had already decided to remove. `cutoff` null purges every
 * version pending deletion, grace period or not.
 */
export async function planRun(db: Db, cutoff: string | null, now: string): Promise<RunPlan> {
  const purge: VersionSet = { kind: 'pendingDeletion', deletedBefore: cutoff ?? undefined };
  const versions = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM versions v WHERE ${inSet('v', purge)}`.execute(db);
  // A blob both a purged version and a past upload name is one candidate, counted as the purge's.
  const candidates = sql`SELECT entity, digest, MAX(from_purge) AS from_purge
    FROM (${blobsOfVersions(purge)} UNION ALL ${dueCandidates(now)}) GROUP BY entity, digest`;
  const rows = await sql<{ kept: number; from_purge: number; blobs: number; bytes: number | null }>`
    SELECT kept, from_purge, COUNT(*) AS blobs, SUM(size_bytes) AS bytes FROM (
      -- Blobs a killed run had already decided to remove are freed by the next run, whatever happens.
      SELECT 0 AS from_purge, size_bytes, 0 AS kept FROM gc_deleting
      UNION ALL
      SELECT from_purge, size_bytes, kept FROM (${candidateBlobsAmong(candidates, purge)})
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

/** Candidates of past runs and uploads whose window has passed (rows of entity, digest, from_purge = 0): a run decides them. */
export function dueCandidates(now: string) {
  return sql`SELECT entity, digest, 0 AS from_purge FROM gc_candidates WHERE not_before <= ${now}`;
}
