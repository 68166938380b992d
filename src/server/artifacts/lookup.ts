/** Finding projects, collections and versions by the names used in URLs, with the contract's 404s. */
import { errors, parseVersionLabel, requireName } from '../../domain';
import type { Db } from '../store/database';

export interface ProjectRow {
  id: number;
  entity: string;
  name: string;
  default_ttl_days: number | null;
}

export async function requireProject(db: Db, entity: string, project: string): Promise<ProjectRow> {
  requireName('entity', entity);
  requireName('project', project);
  const row = await db
    .selectFrom('projects')
    .select(['id', 'entity', 'name', 'default_ttl_days'])
    .where('entity', '=', entity)
    .where('name', '=', project)
    .executeTakeFirst();
  if (!row) throw errors.projectNotFound(entity, project);
  return row;
}

export async function requireCollection(db: Db, project: ProjectRow, name: string) {
  requireName('collection', name);
  const row = await db.selectFrom('collections').selectAll().where('project_id', '=', project.id).where('name', '=', name).executeTakeFirst();
  if (!row) throw errors.collectionNotFound(name);
  return row;
}

export type CollectionRow = Awaited<ReturnType<typeof requireCollection>>;

/** `vN` finds a version in any state; an alias finds the version that carries it. */
export async function resolveVersion(db: Db, collection: CollectionRow, ref: string) {
  const index = parseVersionLabel(ref);
  let query = db.selectFrom('versions').selectAll('versions').where('versions.collection_id', '=', collection.id);
  if (index !== null) {
    query = query.where('versions.idx', '=', index);
  } else {
    requireName('version', ref);
    query = query
      .innerJoin('aliases', 'aliases.version_seq', 'versions.seq')
      .where('aliases.collection_id', '=', collection.id)
      .where('aliases.alias', '=', ref);
  }
  const row = await query.executeTakeFirst();
  if (!row) throw errors.versionNotFound(collection.name, ref);
  return row;
}

export type VersionRow = Awaited<ReturnType<typeof resolveVersion>>;
