/**
 * Writes many versions straight into a test server's database, in the shape logging and deleting
 * leave them (versions, version_files, blobs, aliases, collection counters), so scale tests need
 * not make 100,000 HTTP calls. The same plain description also feeds `expectedFigures`, the
 * test's own computation of the storage figures, written without SQL.
 */
import { sql } from 'kysely';
import type { Db } from '../store/database';
import { refreshStatistics } from '../store/dialect';

export interface SeedFile {
  digest: string;
  sizeBytes: number;
}

export interface SeedVersion {
  collection: string;
  state: 'PENDING' | 'COMMITTED' | 'PENDING_DELETION';
  files: SeedFile[];
  /** ISO time; only for PENDING_DELETION. */
  deletedAt?: string;
}

/**
 * `count` versions of one collection with one file each, all distinct (digests 1, 2, … as 64 hex
 * digits, 10 bytes): the shape of every "a backlog of N versions" test.
 */
export function oneFileVersions(collection: string, count: number, state: SeedVersion['state'] = 'COMMITTED', deletedAt?: string): SeedVersion[] {
  return Array.from({ length: count }, (_, i) => ({
    collection,
    state,
    ...(deletedAt ? { deletedAt } : {}),
    files: [{ digest: (i + 1).toString(16).padStart(64, '0'), sizeBytes: 10 }],
  }));
}

export interface SeededVersion extends SeedVersion {
  seq: number;
  id: string;
  idx: number | null;
}

const CREATED_AT = '2024-01-01T00:00:00.000Z';

/** Inserts the versions (in order, in one transaction) of one project; returns them with their seq, id and index. */
export async function seedVersions(db: Db, entity: string, project: string, versions: SeedVersion[]): Promise<SeededVersion[]> {
  return db.transaction().execute(async (trx) => {
    const { id: projectId } = await trx
      .insertInto('projects')
      .values({ entity, name: project, default_ttl_days: null, created_at: CREATED_AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    const names = [...new Set(versions.map((v) => v.collection))];
    const collectionIds = new Map<string, number>();
    for (const name of names) {
      const { id } = await trx
        .insertInto('collections')
        .values({
          project_id: projectId,
          type: 'dataset',
          name,
          state: 'READY',
          next_index: 0,
          version_count: 0,
          pending_deletion_count: 0,
          size_bytes: 0,
          created_at: CREATED_AT,
          updated_at: CREATED_AT,
          deleted_at: null,
          deleted_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      collectionIds.set(name, id);
    }
    const nextIndex = new Map<string, number>();
    const seeded: SeededVersion[] = versions.map((v, i) => {
      const idx = v.state === 'PENDING' ? null : (nextIndex.get(v.collection) ?? 0);
      if (idx !== null) nextIndex.set(v.collection, idx + 1);
      return { ...v, seq: i + 1, id: `ver_seed${String(i).padStart(8, '0')}`, idx };
    });
    const rows = seeded.map((v) => ({
      seq: v.seq,
      id: v.id,
      collection_id: collectionIds.get(v.collection)!,
      project_id: projectId,
      entity,
      idx: v.idx,
      order_key: v.idx ?? 1e15 + v.seq,
      state: v.state,
      size_bytes: v.files.reduce((sum, f) => sum + f.sizeBytes, 0),
      file_count: v.files.length,
      digest: `manifest-${v.seq}`,
      run_id: null,
      requested_aliases: '[]',
      created_at: CREATED_AT,
      committed_at: v.idx === null ? null : CREATED_AT,
      deleted_at: v.deletedAt ?? null,
      deleted_by: v.deletedAt ? 'local' : null,
      ttl_mode: 'inherit' as const,
      ttl_days: null,
    }));
    // SQLite allows 32,766 parameters a statement: a few hundred rows at a time stay far below.
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('versions')
        .values(rows.slice(i, i + 1000))
        .execute();
    const files = seeded.flatMap((v) => v.files.map((f, n) => ({ version_seq: v.seq, path: `f${n}`, digest: f.digest, size_bytes: f.sizeBytes })));
    for (let i = 0; i < files.length; i += 2000)
      await trx
        .insertInto('version_files')
        .values(files.slice(i, i + 2000))
        .execute();
    const blobs = new Map(seeded.flatMap((v) => v.files.map((f) => [f.digest, f.sizeBytes] as const)));
    const blobRows = [...blobs].map(([digest, size_bytes]) => ({ entity, digest, size_bytes, generation: 'g1', created_at: CREATED_AT }));
    for (let i = 0; i < blobRows.length; i += 2000)
      await trx
        .insertInto('blobs')
        .values(blobRows.slice(i, i + 2000))
        .execute();
    // Counters and collection_blobs as logging and deleting keep them.
    await sql`INSERT INTO collection_blobs (collection_id, digest, size_bytes, committed_refs)
      SELECT v.collection_id, f.digest, MAX(f.size_bytes), COUNT(*) FROM versions v JOIN version_files f ON f.version_seq = v.seq
      WHERE v.project_id = ${projectId} AND v.state = 'COMMITTED' GROUP BY v.collection_id, f.digest`.execute(trx);
    await sql`UPDATE collections SET
      version_count = (SELECT COUNT(*) FROM versions v WHERE v.collection_id = collections.id AND v.state IN ('PENDING', 'COMMITTED')),
      pending_deletion_count = (SELECT COUNT(*) FROM versions v WHERE v.collection_id = collections.id AND v.state = 'PENDING_DELETION'),
      next_index = (SELECT COALESCE(MAX(idx) + 1, 0) FROM versions v WHERE v.collection_id = collections.id),
      size_bytes = (SELECT COALESCE(SUM(size_bytes), 0) FROM collection_blobs b WHERE b.collection_id = collections.id)
      WHERE project_id = ${projectId}`.execute(trx);
    // The newest COMMITTED index of each collection, found once: a per-row subquery made 100,000 COMMITTED versions quadratic.
    await sql`INSERT INTO aliases (collection_id, alias, version_seq)
      SELECT v.collection_id, 'latest', v.seq FROM versions v
      JOIN (SELECT collection_id, MAX(idx) AS top FROM versions WHERE project_id = ${projectId} AND state = 'COMMITTED' GROUP BY collection_id) n
        ON n.collection_id = v.collection_id AND n.top = v.idx`.execute(trx);
    // A store grown to this size through the API would have been analyzed by autovacuum on the way.
    await refreshStatistics(trx, ['projects', 'collections', 'versions', 'version_files', 'blobs', 'aliases', 'collection_blobs', 'gc_candidates']);
    return seeded;
  });
}

/** Digests that versions outside `purged` reference: what purging `purged` cannot free. */
export function keptOutside(all: readonly SeededVersion[], purged: (v: SeededVersion) => boolean): Set<string> {
  const kept = new Set<string>();
  for (const v of all) if (!purged(v)) for (const f of v.files) kept.add(f.digest);
  return kept;
}

/** The bytes of `source`'s distinct blobs that are freed, and those kept by `kept` (from `keptOutside`). */
export function expectedReclaim(source: readonly SeededVersion[], kept: ReadonlySet<string>) {
  const sizes = new Map(source.flatMap((v) => v.files.map((f) => [f.digest, f.sizeBytes] as const)));
  let freed = 0;
  let keptBytes = 0;
  for (const [digest, size] of sizes) {
    if (kept.has(digest)) keptBytes += size;
    else freed += size;
  }
  return { freed, kept: keptBytes, total: freed + keptBytes };
}

/** Live bytes of a project: the distinct blobs of its PENDING and COMMITTED versions. */
export function expectedLiveBytes(all: readonly SeededVersion[]): number {
  const sizes = new Map(all.filter((v) => v.state !== 'PENDING_DELETION').flatMap((v) => v.files.map((f) => [f.digest, f.sizeBytes] as const)));
  return [...sizes.values()].reduce((sum, size) => sum + size, 0);
}
