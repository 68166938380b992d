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
  type VersionListPage,
  type VersionListQuery,
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

/**
 * `GET .../versions`: keyset pages in the chosen order (newest first by default), narrowed by the
 * same conditions a deletion job's filter takes, so "select all that match" means the same set.
 */
export async function listVersions(db: Db, p: ProjectRow, collection: CollectionRow, q: VersionListQuery, params: PageParams): Promise<VersionListPage> {
  const bySize = q.sort === 'largest' || q.sort === 'smallest';
  const direction = q.sort === 'newest' || q.sort === 'largest' ? 'desc' : 'asc';
  let query = db.selectFrom('versions').selectAll('versions').where('versions.collection_id', '=', collection.id);
  if (q.state !== 'ALL') query = query.where('versions.state', '=', q.state);
  if (q.alias) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('aliases').select('aliases.alias').whereRef('aliases.version_seq', '=', 'versions.seq').where('aliases.alias', '=', q.alias!)),
    );
  }
  if (q.noAliases) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('aliases').select('aliases.alias').whereRef('aliases.version_seq', '=', 'versions.seq'))),
    );
  }
  if (q.createdAfter) query = query.where('versions.created_at', '>', q.createdAfter);
  if (q.createdBefore) query = query.where('versions.created_at', '<', q.createdBefore);
  if (q.runId) query = query.where('versions.run_id', '=', q.runId);
  const totalCount = q.count
    ? Number(
        (
          await query
            .clearSelect()
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      )
    : undefined;
  const after = direction === 'desc' ? '<' : '>';
  if (params.cursor) {
    if (bySize) {
      const [size, orderKey] = decodeCursor<[number, number]>(params.cursor, ['number', 'number']);
      query = query.where((eb) =>
        eb.or([eb('versions.size_bytes', after, size), eb.and([eb('versions.size_bytes', '=', size), eb('versions.order_key', '<', orderKey)])]),
      );
    } else {
      const [orderKey] = decodeCursor<[number]>(params.cursor, ['number']);
      query = query.where('versions.order_key', after, orderKey);
    }
  }
  // Ties in size go newest first whichever way sizes run, so a page boundary never splits them ambiguously.
  query = bySize ? query.orderBy('versions.size_bytes', direction).orderBy('versions.order_key', 'desc') : query.orderBy('versions.order_key', direction);
  const rows = await query.limit(params.limit + 1).execute();
  const { shown, nextCursor } = keysetPage(rows, params.limit, (last) => (bySize ? [last.size_bytes, last.order_key] : [last.order_key]));
  const items = await toVersions(db, p, collection, shown);
  return totalCount === undefined ? { items, nextCursor } : { items, nextCursor, totalCount };
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
