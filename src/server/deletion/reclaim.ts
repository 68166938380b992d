/**
 * The one function that says which blobs purging a set of versions frees. Deletion previews,
 * `reclaimableBytes`, dry runs and real runs all call it, so what is announced and what is freed
 * cannot drift apart. A blob is freed only when no version in PENDING, COMMITTED or
 * PENDING_DELETION outside the purged set references it (content is per entity).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { COUNTING_STATES, MAX_PAGE_LIMIT } from '../../domain';
import type { Db } from '../store/database';

/**
 * A set of versions, as a predicate over a versions row: never a list of every member, so a set
 * of 100,000 versions costs one parameter, not 100,000 (SQLite refuses more than 32,766).
 */
export type VersionSet =
  /** A few versions by seq: one version, or one page of a list (at most a page's limit). */
  | { kind: 'seqs'; seqs: number[] }
  | { kind: 'collection'; collectionId: number }
  /** Versions pending deletion, of one project or of all, deleted at or before a time or at any time. */
  | { kind: 'pendingDeletion'; deletedBefore?: string; projectId?: number }
  | { kind: 'union'; sets: VersionSet[] }
  /** Any other predicate over a versions row (a deletion job's filter), given the row's alias. */
  | { kind: 'where'; where: (alias: string) => RawBuilder<SqlBool> };

/** `('PENDING', 'COMMITTED', 'PENDING_DELETION')` as SQL literals. */
export const COUNTING_STATES_SQL = sql`(${sql.join(COUNTING_STATES.map((state) => sql.lit(state)))})`;

export function inSet(alias: string, set: VersionSet): RawBuilder<SqlBool> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  switch (set.kind) {
    case 'seqs':
      if (set.seqs.length > MAX_PAGE_LIMIT + 1) throw new Error(`A seqs set is for a page at most, not ${set.seqs.length} versions: describe the set instead.`);
      return set.seqs.length === 0 ? sql<SqlBool>`FALSE` : sql<SqlBool>`${col('seq')} IN (${sql.join(set.seqs)})`;
    case 'collection':
      return sql<SqlBool>`(${col('collection_id')} = ${set.collectionId} AND ${col('state')} IN ${COUNTING_STATES_SQL})`;
    case 'pendingDeletion': {
      const deleted = set.deletedBefore === undefined ? sql`TRUE` : sql`${col('deleted_at')} <= ${set.deletedBefore}`;
      const project = set.projectId === undefined ? sql`TRUE` : sql`${col('project_id')} = ${set.projectId}`;
      return sql<SqlBool>`(${col('state')} = 'PENDING_DELETION' AND ${deleted} AND ${project})`;
    }
    case 'where':
      return sql<SqlBool>`(${set.where(alias)})`;
    case 'union':
      return set.sets.length === 0
        ? sql<SqlBool>`FALSE`
        : sql<SqlBool>`(${sql.join(
            set.sets.map((s) => inSet(alias, s)),
            sql` OR `,
          )})`;
  }
}

export interface CandidateBlob {
  entity: string;
  digest: string;
  sizeBytes: number;
  /** True when a version outside the purged set still needs it. */
  kept: boolean;
}

/** The empty set: what a run's decide step purges, its versions being already purged (DELETED). */
export const NO_VERSIONS: VersionSet = { kind: 'union', sets: [] };

/**
 * Rows (entity, digest, from_purge = 1) of the distinct blobs the versions of `set` reference. With
 * `distinct: false`, one row per file, for a caller that groups them itself.
 *
 * Distinct by `GROUP BY`, not `DISTINCT`: on SQLite a GROUP BY sorts within the page cache's size
 * and spills the rest to a temporary file, where DISTINCT holds an in-memory b-tree of up to 16 MB
 * (decision 126), and it yields the rows in (entity, digest) order, so that the candidate query's
 * probes of `blobs` and `version_files_by_digest` walk those indexes in order instead of jumping
 * about them. `GET .../storage` over 100,000 pending versions of five files took 9 s with
 * DISTINCT, the server answering nothing else meanwhile (decision 194).
 */
export function blobsOfVersions(set: VersionSet, { distinct }: { distinct: boolean } = { distinct: true }) {
  return sql`SELECT v.entity AS entity, f.digest AS digest, 1 AS from_purge
    FROM versions v JOIN version_files f ON f.version_seq = v.seq WHERE ${inSet('v', set)}${distinct ? sql` GROUP BY v.entity, f.digest` : sql``}`;
}

/**
 * The candidate query of garbage collection and of every reclaim figure: the stored blobs among
 * `candidates` (rows of distinct entity, digest and from_purge), each marked `kept` when a version
 * in a counting state outside `purge` references it. A run's decide step moves the rows it finds
 * not kept, in the transaction that runs this query (decision 003); plans and previews count them.
 */
export function candidateBlobsAmong(candidates: RawBuilder<unknown>, purge: VersionSet) {
  return sql<{ entity: string; digest: string; generation: string; size_bytes: number; from_purge: number; kept: boolean }>`
    WITH cand AS (${candidates})
    SELECT c.entity, c.digest, b.generation, b.size_bytes, c.from_purge,
      EXISTS (
        SELECT 1 FROM version_files f2 JOIN versions v2 ON v2.seq = f2.version_seq
        WHERE f2.digest = c.digest AND v2.entity = c.entity
          AND v2.state IN ${COUNTING_STATES_SQL} AND NOT ${inSet('v2', purge)}
      ) AS kept
    FROM cand c JOIN blobs b ON b.entity = c.entity AND b.digest = c.digest`;
}

/** The stored blobs referenced by `source`, each marked kept or freed when `purge` is purged. */
export function candidateBlobsQuery(source: VersionSet, purge: VersionSet) {
  return candidateBlobsAmong(blobsOfVersions(source), purge);
}

export interface ReclaimSummary {
  freedBytes: number;
  freedBlobs: number;
  keptBytes: number;
  keptBlobs: number;
  totalBytes: number;
}

export async function summarizeReclaim(db: Db, source: VersionSet, purge: VersionSet): Promise<ReclaimSummary> {
  const rows = await sql<{ kept: boolean; blobs: number; bytes: number | null }>`
    SELECT kept, COUNT(*) AS blobs, SUM(size_bytes) AS bytes FROM (${candidateBlobsQuery(source, purge)}) AS blob GROUP BY kept`.execute(db);
  const summary: ReclaimSummary = { freedBytes: 0, freedBlobs: 0, keptBytes: 0, keptBlobs: 0, totalBytes: 0 };
  for (const row of rows.rows) {
    const bytes = Number(row.bytes ?? 0);
    if (row.kept) {
      summary.keptBytes += bytes;
      summary.keptBlobs += Number(row.blobs);
    } else {
      summary.freedBytes += bytes;
      summary.freedBlobs += Number(row.blobs);
    }
    summary.totalBytes += bytes;
  }
  return summary;
}

/**
 * The bytes purging `purge` frees of each version of `source`, in one query: a version's figure is
 * its own distinct blobs that nothing outside `purge` keeps (a blob two versions share counts for both).
 */
export async function freedBytesByVersion(db: Db, source: VersionSet, purge: VersionSet): Promise<Map<number, number>> {
  const rows = await sql<{ seq: number; freed: number | null }>`
    WITH pairs AS (
      SELECT DISTINCT v.seq, v.entity, f.digest FROM versions v JOIN version_files f ON f.version_seq = v.seq WHERE ${inSet('v', source)}
    ),
    -- Materialized: each blob is checked once, not once per version that holds it.
    blob AS MATERIALIZED (${candidateBlobsQuery(source, purge)})
    SELECT p.seq, SUM(CASE WHEN c.kept THEN 0 ELSE c.size_bytes END) AS freed
    FROM pairs p JOIN blob c ON c.entity = p.entity AND c.digest = p.digest
    GROUP BY p.seq`.execute(db);
  return new Map(rows.rows.map((r) => [r.seq, Number(r.freed ?? 0)]));
}

/** Versions outside the purged set that keep some of `source`'s blobs alive, with the bytes they share. */
export async function sharingVersions(db: Db, source: VersionSet, purge: VersionSet, limit: number) {
  const rows = await sql<{ collection: string; idx: number | null; shared: number; total: number }>`
    WITH kept AS (SELECT entity, digest, size_bytes FROM (${candidateBlobsQuery(source, purge)}) AS blob WHERE kept),
    -- Distinct (version, blob) pairs: a blob stored under two paths of one version counts once.
    pairs AS (
      SELECT DISTINCT v2.seq, v2.collection_id, v2.idx, k.digest, k.size_bytes
      FROM kept k JOIN version_files f2 ON f2.digest = k.digest JOIN versions v2 ON v2.seq = f2.version_seq
      WHERE v2.entity = k.entity AND v2.state IN ('PENDING', 'COMMITTED') AND NOT ${inSet('v2', purge)}
    ),
    sharing AS (SELECT seq, collection_id, idx, SUM(size_bytes) AS shared FROM pairs GROUP BY seq, collection_id, idx)
    SELECT c.name AS collection, s.idx, s.shared, (SELECT COUNT(*) FROM sharing) AS total
    FROM sharing s JOIN collections c ON c.id = s.collection_id
    ORDER BY s.shared DESC, s.idx DESC LIMIT ${limit}`.execute(db);
  return {
    versions: rows.rows.map((r) => ({ collection: r.collection, version: r.idx === null ? null : `v${r.idx}`, sharedBytes: Number(r.shared) })),
    count: Number(rows.rows[0]?.total ?? 0),
  };
}
