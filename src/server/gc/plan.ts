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
  // The GROUP BY makes the candidates distinct (its sort spills to a temporary file past the page
  // cache's size) and the figures are sums, with no other temporary b-tree: a plan over 100,000
  // candidates held about 15 MB of them for a moment (decision 126).
  const candidates = sql`SELECT entity, digest, MAX(from_purge) AS from_purge
    FROM (${blobsOfVersions(purge, { distinct: false })} UNION ALL ${dueCandidates(now)}) AS candidate GROUP BY entity, digest`;
  const totals = await sql<{ blobs: number | null; bytes: number | null; shared: number | null }>`
    SELECT SUM(CASE WHEN kept THEN 0 ELSE 1 END) AS blobs, SUM(CASE WHEN kept THEN 0 ELSE size_bytes END) AS bytes,
      SUM(CASE WHEN kept AND from_purge = 1 THEN 1 ELSE 0 END) AS shared FROM (
      -- Blobs a killed run had already decided to remove are freed by the next run, whatever happens.
      SELECT 0 AS from_purge, size_bytes, FALSE AS kept FROM gc_deleting
      UNION ALL
      SELECT from_purge, size_bytes, kept FROM (${candidateBlobsAmong(candidates, purge)}) AS blob
    ) AS freed`.execute(db);
  const row = totals.rows[0];
  const plan: RunPlan = {
    versionsPurged: Number(versions.rows[0]?.n ?? 0),
    blobsDeleted: Number(row?.blobs ?? 0),
    bytesReclaimed: Number(row?.bytes ?? 0),
    blobsRetainedShared: Number(row?.shared ?? 0),
  };
  return plan;
}

/** Candidates of past runs and uploads whose window has passed (rows of entity, digest, from_purge = 0): a run decides them. */
export function dueCandidates(now: string) {
  return sql`SELECT entity, digest, 0 AS from_purge FROM gc_candidates WHERE not_before <= ${now}`;
}
