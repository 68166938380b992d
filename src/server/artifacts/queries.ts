/** Read-only listings behind the Browse routes; every list is keyset-paginated so cursors survive inserts. */
import {
  decodeCursor,
  errors,
  requireName,
  type ArtifactTypeSummary,
  type Collection,
  type FileEntry,
  type Page,
  type PageParams,
  type ProjectSummary,
  type Version,
  type VersionStateFilter,
} from '../../domain';
import type { Db } from '../store/database';
import { keysetPage } from '../store/keyset-page';
import { requireCollection, requireProject, type CollectionRow, type ProjectRow } from './lookup';
import { toCollection, toVersions } from './to-api';

function page<T>(items: T[], limit: number, cursorOf: (last: T) => (string | number)[]): Page<T> {
  const { shown, nextCursor } = keysetPage(items, limit, cursorOf);
  return { items: shown, nextCursor };
}

/** `visibleTo`: a user name whose entities' projects are listed; null lists every project (site admins). */
export async function listProjects(db: Db, params: PageParams, visibleTo: string | null = null): Promise<Page<ProjectSummary>> {
  let query = db
    .selectFrom('projects')
    .select((eb) => [
      'projects.entity',
      'projects.name',
      eb
        .selectFrom('collections')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('collections.project_id', '=', 'projects.id')
        .where('collections.state', '=', 'READY')
        .as('collectionCount'),
    ])
    .orderBy('projects.entity')
    .orderBy('projects.name')
    .limit(params.limit + 1);
  if (visibleTo !== null)
    query = query.where(
      'projects.entity',
      'in',
      db.selectFrom('entity_members').select('entity_members.entity').where('entity_members.username', '=', visibleTo),
    );
  if (params.cursor) {
    const [entity, name] = decodeCursor<[string, string]>(params.cursor, ['string', 'string']);
    query = query.where((eb) => eb.or([eb('projects.entity', '>', entity), eb.and([eb('projects.entity', '=', entity), eb('projects.name', '>', name)])]));
  }
  const rows = await query.execute();
  const items = rows.map((r) => ({ entity: r.entity, project: r.name, collectionCount: Number(r.collectionCount ?? 0) }));
  return page(items, params.limit, (last) => [last.entity, last.project]);
}

export async function listTypes(db: Db, entity: string, project: string): Promise<Page<ArtifactTypeSummary>> {
  const p = await requireProject(db, entity, project);
  const rows = await db
    .selectFrom('collections')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', p.id)
    .where('state', '=', 'READY')
    .groupBy('type')
    .orderBy('type')
    .execute();
  return { items: rows.map((r) => ({ name: r.type, collectionCount: Number(r.n) })), nextCursor: null };
}

export async function listCollections(
  db: Db,
  p: ProjectRow,
  filter: { type: string | null; state: 'READY' | 'DELETED' },
  params: PageParams,
): Promise<Page<Collection>> {
  let query = db
    .selectFrom('collections')
    .selectAll()
    .where('project_id', '=', p.id)
    .where('state', '=', filter.state)
    .orderBy('name')
    .limit(params.limit + 1);
  if (filter.type) query = query.where('type', '=', requireName('type', filter.type));
  if (params.cursor) {
    const [name] = decodeCursor<[string]>(params.cursor, ['string']);
    query = query.where('name', '>', name);
  }
  const rows = await query.execute();
  return page(
    rows.map((row) => toCollection(p, row)),
    params.limit,
    (last) => [last.name],
  );
}

export async function listVersions(
  db: Db,
  p: ProjectRow,
  collection: CollectionRow,
  filter: { state: VersionStateFilter; alias: string | null },
  params: PageParams,
): Promise<Page<Version>> {
  let query = db
    .selectFrom('versions')
    .selectAll('versions')
    .where('versions.collection_id', '=', collection.id)
    .orderBy('versions.order_key', 'desc')
    .limit(params.limit + 1);
  if (filter.state !== 'ALL') query = query.where('versions.state', '=', filter.state);
  if (filter.alias) {
    requireName('alias', filter.alias);
    query = query
      .innerJoin('aliases', 'aliases.version_seq', 'versions.seq')
      .where('aliases.collection_id', '=', collection.id)
      .where('aliases.alias', '=', filter.alias);
  }
  if (params.cursor) {
    const [orderKey] = decodeCursor<[number]>(params.cursor, ['number']);
    query = query.where('versions.order_key', '<', orderKey);
  }
  const { shown, nextCursor } = keysetPage(await query.execute(), params.limit, (last) => [last.order_key]);
  return { items: await toVersions(db, p, collection, shown), nextCursor };
}

export async function listFiles(db: Db, versionSeq: number, params: PageParams): Promise<Page<FileEntry>> {
  let query = db
    .selectFrom('version_files')
    .select(['path', 'digest', 'size_bytes'])
    .where('version_seq', '=', versionSeq)
    .orderBy('path')
    .limit(params.limit + 1);
  if (params.cursor) {
    const [path] = decodeCursor<[string]>(params.cursor, ['string']);
    query = query.where('path', '>', path);
  }
  const rows = await query.execute();
  return page(
    rows.map((r) => ({ path: r.path, digest: r.digest, sizeBytes: r.size_bytes })),
    params.limit,
    (last) => [last.path],
  );
}

/** Versions a run created in this project, newest first, across collections. */
export async function listLoggedArtifacts(db: Db, p: ProjectRow, runId: string, state: VersionStateFilter, params: PageParams): Promise<Page<Version>> {
  requireName('run', runId);
  const any = await db.selectFrom('versions').select('seq').where('project_id', '=', p.id).where('run_id', '=', runId).limit(1).executeTakeFirst();
  if (!any) throw errors.runNotFound(runId);
  let query = db
    .selectFrom('versions')
    .selectAll()
    .where('project_id', '=', p.id)
    .where('run_id', '=', runId)
    .orderBy('seq', 'desc')
    .limit(params.limit + 1);
  if (state !== 'ALL') query = query.where('state', '=', state);
  if (params.cursor) {
    const [seq] = decodeCursor<[number]>(params.cursor, ['number']);
    query = query.where('seq', '<', seq);
  }
  const { shown, nextCursor } = keysetPage(await query.execute(), params.limit, (last) => [last.seq]);
  const collections = new Map<number, CollectionRow>();
  for (const row of shown) {
    if (!collections.has(row.collection_id)) {
      collections.set(row.collection_id, await db.selectFrom('collections').selectAll().where('id', '=', row.collection_id).executeTakeFirstOrThrow());
    }
  }
  const items: Version[] = [];
  for (const row of shown) items.push(...(await toVersions(db, p, collections.get(row.collection_id)!, [row])));
  return { items, nextCursor };
}

export { requireCollection, requireProject };
