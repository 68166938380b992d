/**
 * Restore of PENDING_DELETION versions of one collection, inside an open transaction, in a fixed
 * number of set-based statements whatever their number: state back (COMMITTED, or PENDING for one
 * that never committed), deletion stamps cleared, a TTL the scanner acted on turned off, the
 * collection's blob references and counters adjusted, and the aliases each deletion removed given
 * back unless another version holds them now. One version's restore, a collection's and a restore
 * job's batches all run it: seven statements per version made undoing a 100,000-version collection
 * delete take 20 s, during which a SQLite server answered nothing (decision 193).
 * The caller revives the collection and recomputes `latest`.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { sortAliases, TTL_ACTOR } from '../../domain';
import { updateCollectionCounters } from '../artifacts/collection-usage';
import { refuseProtectedAliases } from '../auth/protected';
import type { Db } from '../store/database';

/** A remembered alias not given back: another version of the collection holds it now. */
export interface AliasNotRestored {
  seq: number;
  idx: number | null;
  alias: string;
}

export interface RestoredVersions {
  restored: number;
  /** Of those, how many the TTL scanner had deleted (their TTL is now `disabled`). */
  ttlDisabled: number;
  /** In version order, each version's aliases sorted. */
  aliasesNotRestored: AliasNotRestored[];
}

/** Alias rows per INSERT: three parameters each, well within SQLite's and PostgreSQL's limits. */
const ALIASES_PER_STATEMENT = 1000;

/**
 * Restores the versions of `collectionId` in PENDING_DELETION that `which` (a predicate over a
 * versions row `v`) selects. Where two of them remember the same alias, the older version (lower
 * seq) gets it back, as restoring them one by one in order did.
 */
export async function restoreManyInTransaction(
  db: Db,
  collectionId: number,
  which: (alias: string) => RawBuilder<SqlBool>,
  now: string,
): Promise<RestoredVersions> {
  // Every statement reads the set before the UPDATE takes it out of PENDING_DELETION.
  const taken = sql<SqlBool>`v.collection_id = ${collectionId} AND v.state = 'PENDING_DELETION' AND (${which('v')})`;
  const counts = await sql<{ total: number | string; committed: number | string | null; ttl: number | string | null }>`
    SELECT COUNT(*) AS total, COUNT(v.idx) AS committed, SUM(CASE WHEN v.deleted_by = ${TTL_ACTOR} THEN 1 ELSE 0 END) AS ttl
    FROM versions v WHERE ${taken}`.execute(db);
  const total = Number(counts.rows[0]?.total ?? 0);
  if (total === 0) return { restored: 0, ttlDisabled: 0, aliasesNotRestored: [] };
  const remembered = await sql<{ seq: number; idx: number | null; deleted_aliases: string }>`
    SELECT v.seq, v.idx, v.deleted_aliases FROM versions v WHERE ${taken} AND v.deleted_aliases <> '[]' ORDER BY v.seq`.execute(db);
  const bytes = await acquireCommittedBlobs(db, collectionId, taken);

  await sql`
    UPDATE versions AS v SET
      state = CASE WHEN v.idx IS NULL THEN 'PENDING' ELSE 'COMMITTED' END,
      ttl_mode = CASE WHEN v.deleted_by = ${TTL_ACTOR} THEN 'disabled' ELSE v.ttl_mode END,
      ttl_days = CASE WHEN v.deleted_by = ${TTL_ACTOR} THEN NULL ELSE v.ttl_days END,
      deleted_at = NULL, deleted_by = NULL, deletion_id = NULL, deleted_aliases = '[]'
    WHERE ${taken}`.execute(db);

  const aliasesNotRestored = await reinstateAliases(db, collectionId, remembered.rows);
  const committed = Number(counts.rows[0]?.committed ?? 0);
  await updateCollectionCounters(db, collectionId, { committed, pendingDeletion: -total, bytes }, now);
  return { restored: total, ttlDisabled: Number(counts.rows[0]?.ttl ?? 0), aliasesNotRestored };
}

/**
 * The distinct files of the versions coming back COMMITTED gain as many committed references in
 * the collection as those versions holding them; returns the bytes entering its stored total (files
 * it held no committed reference to). The same arithmetic as `adjustCommittedBlobs`, for a set. The
 * files are grouped once into a temporary table that both statements read (grouping 500,000 files
 * twice was a third of a 100,000-version restore), as the GC engine's batches do.
 */
async function acquireCommittedBlobs(db: Db, collectionId: number, taken: RawBuilder<SqlBool>): Promise<number> {
  await sql`DROP TABLE IF EXISTS restored_files`.execute(db);
  await sql`CREATE TEMP TABLE restored_files AS
    SELECT f.digest, MAX(f.size_bytes) AS size_bytes, COUNT(DISTINCT f.version_seq) AS refs
    FROM versions v JOIN version_files f ON f.version_seq = v.seq WHERE ${taken} AND v.idx IS NOT NULL GROUP BY f.digest`.execute(db);
  // A probe of the collection's references per file, not a join: inside the transaction
  // PostgreSQL's statistics still say the deleted collection holds no references, so it hashed all
  // of them for every chunk (2.3 of a 100,000-version restore's 11 s, growing with each chunk).
  const entering = await sql<{ bytes: number | string | null }>`
    SELECT SUM(f.size_bytes) AS bytes FROM restored_files f
    WHERE COALESCE((SELECT cb.committed_refs FROM collection_blobs cb WHERE cb.collection_id = ${collectionId} AND cb.digest = f.digest), 0) = 0`.execute(db);
  await sql`
    INSERT INTO collection_blobs (collection_id, digest, size_bytes, committed_refs)
    SELECT CAST(${collectionId} AS BIGINT), f.digest, f.size_bytes, CAST(f.refs AS BIGINT) FROM restored_files f WHERE true
    ON CONFLICT (collection_id, digest) DO UPDATE SET committed_refs = collection_blobs.committed_refs + excluded.committed_refs`.execute(db);
  await sql`DROP TABLE restored_files`.execute(db);
  return Number(entering.rows[0]?.bytes ?? 0);
}

/**
 * Gives each version back the aliases its deletion removed (in seq order), except those another
 * version holds now; on PostgreSQL one a concurrent transaction takes meanwhile is not given back either.
 */
async function reinstateAliases(
  db: Db,
  collectionId: number,
  remembered: readonly { seq: number; idx: number | null; deleted_aliases: string }[],
): Promise<AliasNotRestored[]> {
  if (remembered.length === 0) return [];
  const held = new Set((await db.selectFrom('aliases').select('alias').where('collection_id', '=', collectionId).execute()).map((r) => r.alias));
  const wanted: AliasNotRestored[] = [];
  const free: AliasNotRestored[] = [];
  for (const version of remembered)
    for (const alias of sortAliases(JSON.parse(version.deleted_aliases) as string[])) {
      const want = { seq: version.seq, idx: version.idx, alias };
      wanted.push(want);
      // The first version (in seq order) that remembers an alias nobody holds gets it.
      if (!held.has(alias)) {
        held.add(alias);
        free.push(want);
      }
    }
  // Giving an alias back is giving it: a protected one only by an admin (the transaction then undoes the restore).
  if (free.length > 0)
    await refuseProtectedAliases(db, await entityOf(db, collectionId), [...new Set(free.map((w) => w.alias))], 'give protected aliases back');
  const key = (seq: number, alias: string) => `${seq} ${alias}`;
  const inserted = new Set<string>();
  for (let i = 0; i < free.length; i += ALIASES_PER_STATEMENT) {
    const rows = await db
      .insertInto('aliases')
      .values(free.slice(i, i + ALIASES_PER_STATEMENT).map((w) => ({ collection_id: collectionId, alias: w.alias, version_seq: w.seq })))
      .onConflict((oc) => oc.columns(['collection_id', 'alias']).doNothing())
      .returning(['version_seq', 'alias'])
      .execute();
    for (const row of rows) inserted.add(key(row.version_seq, row.alias));
  }
  return wanted.filter((w) => !inserted.has(key(w.seq, w.alias)));
}

async function entityOf(db: Db, collectionId: number): Promise<string> {
  const row = await db
    .selectFrom('collections')
    .innerJoin('projects', 'projects.id', 'collections.project_id')
    .select('projects.entity')
    .where('collections.id', '=', collectionId)
    .executeTakeFirstOrThrow();
  return row.entity;
}
