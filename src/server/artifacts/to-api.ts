/** Maps database rows to the API's objects. */
import { sortAliases, versionLabel, type Collection, type Version } from '../../domain';
import type { Db } from '../store/database';
import type { CollectionRow, ProjectRow, VersionRow } from './lookup';

const DAY_MS = 86_400_000;

export function toCollection(project: ProjectRow, row: CollectionRow): Collection {
  return {
    entity: project.entity,
    project: project.name,
    type: row.type,
    name: row.name,
    state: row.state,
    versionCount: row.version_count,
    pendingDeletionCount: row.pending_deletion_count,
    sizeBytes: row.size_bytes,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
  };
}

export function toVersion(project: ProjectRow, collection: Pick<CollectionRow, 'type' | 'name'>, row: VersionRow, aliases: string[]): Version {
  const days = row.ttl_mode === 'custom' ? row.ttl_days : row.ttl_mode === 'inherit' ? project.default_ttl_days : null;
  return {
    id: row.id,
    entity: project.entity,
    project: project.name,
    type: collection.type,
    collection: collection.name,
    version: row.idx === null ? null : versionLabel(row.idx),
    index: row.idx,
    aliases: sortAliases(aliases),
    state: row.state,
    sizeBytes: row.size_bytes,
    fileCount: row.file_count,
    digest: row.digest,
    createdAt: row.created_at,
    createdBy: { runId: row.run_id },
    deletedAt: row.deleted_at,
    deletedBy: row.deleted_by,
    ttl: {
      mode: row.ttl_mode,
      days: days ?? null,
      expiresAt: days == null ? null : new Date(Date.parse(row.created_at) + days * DAY_MS).toISOString(),
    },
    deletedAliases: sortAliases(JSON.parse(row.deleted_aliases) as string[]),
  };
}

/** Aliases of many versions in one query, keyed by version seq. */
export async function aliasesOf(db: Db, seqs: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (seqs.length === 0) return map;
  const rows = await db.selectFrom('aliases').select(['version_seq', 'alias']).where('version_seq', 'in', seqs).execute();
  for (const row of rows) {
    const list = map.get(row.version_seq) ?? [];
    list.push(row.alias);
    map.set(row.version_seq, list);
  }
  return map;
}

/** A page of version rows of one collection, mapped with their aliases. */
export async function toVersions(db: Db, project: ProjectRow, collection: Pick<CollectionRow, 'type' | 'name'>, rows: VersionRow[]): Promise<Version[]> {
  const aliases = await aliasesOf(
    db,
    rows.map((r) => r.seq),
  );
  return rows.map((row) => toVersion(project, collection, row, aliases.get(row.seq) ?? []));
}
