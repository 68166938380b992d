/** The read side: every route under "Browse" of the contract, plus Attic's `types` route. */
import type { ProjectRef } from '../../domain/api-paths';
import { ApiError, errors } from '../../domain/errors';
import type { ArtifactTypeSummary, Collection, FileEntry, Page, ProjectSummary, Version, VersionStateFilter } from '../../domain/schemas';
import { decodeCursor, parseCollectionStateFilter, parsePageParams, parseVersionStateFilter, requireName } from '../../domain/validate';
import { parseVersionListQuery, type RawVersionListQuery, type VersionListPage } from '../../domain/version-list';
import { compareKeys, takePage, upperBound } from './paging';
import type { CollectionRecord, ProjectRecord, VersionRecord } from './records';
import { toCollection, toVersion } from './serialize';
import { blobStoreOf, requireCollection, requireProject, resolveVersion, type MockStore } from './store';

/** Raw query parameters, validated here exactly as the server validates them. */
export interface ListQuery {
  limit?: string | null;
  cursor?: string | null;
}

/** A downloaded file: its path in the version, its digest and its bytes. */
export interface FileDownload {
  path: string;
  digest: string;
  bytes: Uint8Array;
}

/** `GET /projects`: by entity then project. */
export function listProjects(store: MockStore, query: ListQuery, visible: (entity: string) => boolean = () => true): Page<ProjectSummary> {
  const page = parsePageParams(query);
  const after = page.cursor === null ? null : decodeCursor<[string, string]>(page.cursor, ['string', 'string']);
  const keyOf = (p: ProjectRecord) => [p.entity, p.project];
  const start = after === null ? 0 : upperBound(store.projectList, after, keyOf);
  return takePage(
    store.projectList.slice(start).filter((p) => visible(p.entity)),
    page.limit,
    keyOf,
    (p) => ({
      entity: p.entity,
      project: p.project,
      collectionCount: [...p.collections.values()].filter((c) => c.state === 'READY').length,
    }),
  );
}

/** `GET .../types`: the types with at least one READY collection, by name, never paginated. */
export function listTypes(store: MockStore, ref: ProjectRef): Page<ArtifactTypeSummary> {
  const project = requireProjectByNames(store, ref);
  const counts = new Map<string, number>();
  for (const c of project.collections.values()) if (c.state === 'READY') counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  const items = [...counts].map(([name, collectionCount]) => ({ name, collectionCount }));
  items.sort((a, b) => compareKeys([a.name], [b.name]));
  return { items, nextCursor: null };
}

/** `GET .../collections?type=&state=`: by name; `state` defaults to READY. */
export function listCollections(store: MockStore, ref: ProjectRef, query: ListQuery & { type?: string | null; state?: string | null }): Page<Collection> {
  // The server's order of checks: the path's names and lookups, then the query.
  const project = requireProjectByNames(store, ref);
  const state = parseCollectionStateFilter(query.state);
  const page = parsePageParams(query);
  const type = query.type ? requireName('type', query.type) : null;
  const after = page.cursor === null ? null : decodeCursor<[string]>(page.cursor, ['string']);
  const start = after === null ? 0 : upperBound(project.collectionNames, after, (n) => [n]);
  function* walk(): Generator<CollectionRecord> {
    for (let i = start; i < project.collectionNames.length; i++) {
      const collection = project.collections.get(project.collectionNames[i]!)!;
      if (collection.state === state && (type === null || collection.type === type)) yield collection;
    }
  }
  return takePage(walk(), page.limit, (c) => [c.name], toCollection);
}

/** `GET .../collections/:collection`, DELETED ones included. */
export function getCollection(store: MockStore, ref: ProjectRef, name: string): Collection {
  return toCollection(findCollection(store, ref, name));
}

/**
 * The order key of a version, as the server's: its index once it has one, else above every index,
 * newest logged highest. Lists run by it descending; cursors hold the last key shown. An index
 * is never reused and a log sequence only grows, so a walk never meets a newer insert.
 */
const PENDING_ORDER_BASE = 1e15;
const orderKeyOf = (version: VersionRecord) => (version.index === null ? PENDING_ORDER_BASE + version.seq : version.index);

/**
 * `GET .../versions?state=&alias=&noAliases=&createdAfter=&createdBefore=&runId=&sort=&count=`:
 * newest first by default (PENDING, only with `state=ALL`, before committed), as the server's.
 */
export function listVersions(store: MockStore, ref: ProjectRef, collectionName: string, query: ListQuery & RawVersionListQuery): VersionListPage {
  const collection = findCollection(store, ref, collectionName);
  const q = parseVersionListQuery(query);
  const page = parsePageParams(query);
  const after = q.createdAfter === null ? null : Date.parse(q.createdAfter);
  const before = q.createdBefore === null ? null : Date.parse(q.createdBefore);
  const matches = (v: VersionRecord) =>
    stateMatches(v, q.state) &&
    (q.alias === null || v.aliases.has(q.alias)) &&
    (!q.noAliases || v.aliases.size === 0) &&
    (after === null || v.createdAt > after) &&
    (before === null || v.createdAt < before) &&
    (q.runId === null || v.runId === q.runId);
  const totalCount = q.count ? count(walkVersions(collection, null), matches) : undefined;
  let result: Page<Version>;
  if (q.sort === 'newest' || q.sort === 'oldest') {
    const cursor = page.cursor === null ? null : decodeCursor<[number]>(page.cursor, ['number'])[0];
    let walk: Iterable<VersionRecord>;
    if (q.alias !== null) {
      // An alias names at most one version: no need to walk the collection.
      const carrier = collection.aliases.get(q.alias);
      walk =
        carrier && matches(carrier) && (cursor === null || (q.sort === 'newest' ? orderKeyOf(carrier) < cursor : orderKeyOf(carrier) > cursor))
          ? [carrier]
          : [];
    } else if (q.sort === 'newest') {
      walk = filterWalk(walkVersions(collection, cursor), matches);
    } else {
      walk = filterWalk([...walkVersions(collection, null)].reverse(), (v) => matches(v) && (cursor === null || orderKeyOf(v) > cursor));
    }
    result = takePage(walk, page.limit, (v) => [orderKeyOf(v)], toVersion);
  } else {
    // By size, ties newest first whichever way sizes run (the server's order); the demo is small enough to sort.
    const sign = q.sort === 'largest' ? -1 : 1;
    const key = (v: VersionRecord): [number, number] => [v.sizeBytes, orderKeyOf(v)];
    const cursor = page.cursor === null ? null : decodeCursor<[number, number]>(page.cursor, ['number', 'number']);
    const beyond = (v: VersionRecord) => cursor === null || sign * (v.sizeBytes - cursor[0]) > 0 || (v.sizeBytes === cursor[0] && orderKeyOf(v) < cursor[1]);
    const sorted = [...filterWalk(walkVersions(collection, null), (v) => matches(v) && beyond(v))];
    sorted.sort((a, b) => sign * (a.sizeBytes - b.sizeBytes) || orderKeyOf(b) - orderKeyOf(a));
    result = takePage(sorted, page.limit, key, toVersion);
  }
  return totalCount === undefined ? result : { ...result, totalCount };
}

function count<T>(walk: Iterable<T>, keep: (item: T) => boolean): number {
  let n = 0;
  for (const item of walk) if (keep(item)) n++;
  return n;
}

/** `GET .../versions/:version` by `vN` or alias. */
export function getVersion(store: MockStore, ref: ProjectRef, collectionName: string, versionRef: string): Version {
  return toVersion(findVersion(store, ref, collectionName, versionRef));
}

/** `GET .../versions/:version/files`: by path. */
export function listFiles(store: MockStore, ref: ProjectRef, collectionName: string, versionRef: string, query: ListQuery): Page<FileEntry> {
  const version = findVersion(store, ref, collectionName, versionRef);
  const page = parsePageParams(query);
  const after = page.cursor === null ? null : decodeCursor<[string]>(page.cursor, ['string']);
  const keyOf = (f: FileEntry) => [f.path];
  const start = after === null ? 0 : upperBound(version.files, after, keyOf);
  return takePage(version.files.slice(start), page.limit, keyOf, (f) => ({ ...f }));
}

/** `GET .../versions/:version/files/*path`: the bytes, also while pending deletion; `410` once DELETED. */
export function readFile(store: MockStore, ref: ProjectRef, collectionName: string, versionRef: string, path: string): FileDownload {
  const version = findVersion(store, ref, collectionName, versionRef);
  const file = version.files[upperBound(version.files, [path], (f) => [f.path]) - 1];
  if (file?.path !== path) throw errors.fileNotFound(path);
  if (version.state === 'DELETED') {
    const deletedOn = version.deletedAt === null ? '' : ` after its deletion on ${new Date(version.deletedAt).toISOString()}`;
    throw new ApiError(410, 'FILES_GARBAGE_COLLECTED', `${version.collection}:v${version.index} was garbage-collected${deletedOn}; its files are gone.`, {
      path,
    });
  }
  // A PENDING version may list a file whose blob is not uploaded yet: there are no bytes to give.
  const bytes = blobStoreOf(store, ref.entity).get(file.digest);
  if (!bytes) throw new ApiError(404, 'FILE_NOT_FOUND', `"${path}" has not been uploaded yet.`, { path });
  return { path, digest: file.digest, bytes };
}

/** `GET .../runs/:runId/logged-artifacts?state=`: the run's versions, newest logged first. */
export function listLoggedArtifacts(store: MockStore, ref: ProjectRef, runId: string, query: ListQuery & { state?: string | null }): Page<Version> {
  const project = requireProjectByNames(store, ref);
  const filter = parseVersionStateFilter(query.state);
  const page = parsePageParams(query);
  requireName('run', runId);
  const runVersions = project.runs.get(runId);
  if (!runVersions) throw errors.runNotFound(runId);
  const before = page.cursor === null ? null : decodeCursor<[number]>(page.cursor, ['number'])[0];
  function* walk(): Generator<VersionRecord> {
    for (let i = runVersions!.length - 1; i >= 0; i--) {
      const version = runVersions![i]!;
      if ((before === null || version.seq < before) && stateMatches(version, filter)) yield version;
    }
  }
  return takePage(walk(), page.limit, (v) => [v.seq], toVersion);
}

/** The project, after checking the names in the path (`400 INVALID_NAME`), as the server does. */
export function requireProjectByNames(store: MockStore, ref: ProjectRef): ProjectRecord {
  requireName('entity', ref.entity);
  requireName('project', ref.project);
  return requireProject(store, ref);
}

/** The collection by the names in the path, DELETED ones included. */
export function findCollection(store: MockStore, ref: ProjectRef, name: string): CollectionRecord {
  const project = requireProjectByNames(store, ref);
  requireName('collection', name);
  return requireCollection(project, name);
}

/** The version by `vN` or alias, after its project and collection. */
export function findVersion(store: MockStore, ref: ProjectRef, collectionName: string, versionRef: string): VersionRecord {
  return resolveVersion(findCollection(store, ref, collectionName), versionRef);
}

function stateMatches(version: VersionRecord, filter: VersionStateFilter): boolean {
  return filter === 'ALL' || version.state === filter;
}

/** Every version of the collection with an order key below `before`, newest first, whatever its state. */
function* walkVersions(collection: CollectionRecord, before: number | null): Generator<VersionRecord> {
  for (let i = collection.pending.length - 1; i >= 0; i--) {
    const version = collection.pending[i]!;
    if (before === null || orderKeyOf(version) < before) yield version;
  }
  // indexed[i].index === i, so the walk starts right below the cursor without a search.
  const start = before === null ? collection.indexed.length : Math.min(collection.indexed.length, Math.max(0, Math.ceil(before)));
  for (let i = start - 1; i >= 0; i--) yield collection.indexed[i]!;
}

function* filterWalk<T>(walk: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of walk) if (keep(item)) yield item;
}
