/**
 * How deletes and restores touch the query cache: pure updates of cached lists, the optimistic
 * cancel -> snapshot -> set -> (roll back) sequence, and the one invalidation every delete and
 * restore ends with. Kept in one place so the four mutation hooks cannot drift apart.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import { LATEST_ALIAS, type Page, type PendingDeletionPage, type ProjectRef, type Version, type VersionStateFilter } from '../../../../domain';
import { collectionKeys } from '../../collections/api/collection-keys';
import { versionKeys } from '../../versions/api/version-keys';
import { deletionKeys, gcKeys } from './deletion-keys';

type VersionList = InfiniteData<Page<Version>, string | null>;
type PendingList = InfiniteData<PendingDeletionPage, string | null>;

const LIST_STATES: VersionStateFilter[] = ['COMMITTED', 'PENDING_DELETION', 'DELETED', 'ALL'];

function mapItems(data: VersionList, f: (items: Version[]) => Version[]): VersionList {
  return { ...data, pages: data.pages.map((page) => ({ ...page, items: f(page.items) })) };
}

function withoutVersion(data: VersionList, id: string): VersionList {
  return mapItems(data, (items) => items.filter((v) => v.id !== id));
}

function withVersionReplaced(data: VersionList, version: Version): VersionList {
  return mapItems(data, (items) => items.map((v) => (v.id === version.id ? version : v)));
}

/**
 * Puts a restored version back where the server will list it (newest index first). A version
 * older than everything loaded waits for the refetch, unless the last page is already loaded.
 */
function withVersionInserted(data: VersionList, version: Version): VersionList {
  if (data.pages.some((page) => page.items.some((v) => v.id === version.id))) return withVersionReplaced(data, version);
  const index = version.index;
  if (index === null) return data;
  const pages = [...data.pages];
  for (let p = 0; p < pages.length; p++) {
    const items = pages[p]!.items;
    // Uploading versions (no index) sort above every index: skip them.
    const at = items.findIndex((v) => v.index !== null && v.index < index);
    if (at >= 0) {
      pages[p] = { ...pages[p]!, items: [...items.slice(0, at), version, ...items.slice(at)] };
      return { ...data, pages };
    }
  }
  const last = pages.at(-1);
  if (!last || last.nextCursor !== null) return data;
  pages[pages.length - 1] = { ...last, items: [...last.items, version] };
  return { ...data, pages };
}

/** A version as it will look once deleted: pending deletion, and without aliases if they went with it. */
export function asDeleted(version: Version, deleteAliases: boolean): Version {
  const deletedAliases = deleteAliases ? version.aliases.filter((alias) => alias !== LATEST_ALIAS) : [];
  return { ...version, state: 'PENDING_DELETION', aliases: deleteAliases ? [] : version.aliases, deletedAliases, deletedAt: new Date().toISOString() };
}

/**
 * A version as it will look once restored. Its deleted aliases are not guessed back: another
 * version may hold them now (decision 100); the refetch after the answer shows where they are.
 */
export function asRestored(version: Version): Version {
  return { ...version, state: version.index === null ? 'PENDING' : 'COMMITTED', deletedAt: null, deletedBy: null, deletedAliases: [] };
}

/** Which of a collection's cached lists should hold `version` in its new state. */
function belongsIn(state: VersionStateFilter, version: Version): boolean {
  return state === 'ALL' || state === version.state;
}

/** Moves `version` (already in its new state) in or out of each cached list of its collection. */
export function placeVersionInLists(queryClient: QueryClient, p: ProjectRef, version: Version): void {
  for (const state of LIST_STATES) {
    const key = versionKeys.list(p, version.collection, { state });
    queryClient.setQueryData<VersionList>(key, (data) => {
      if (!data) return data;
      return belongsIn(state, version) ? withVersionInserted(data, version) : withoutVersion(data, version.id);
    });
  }
}

/** Drops restored versions from the pending review and lowers its counts. */
export function removeFromPending(queryClient: QueryClient, p: ProjectRef, ids: string[]): void {
  const gone = new Set(ids);
  queryClient.setQueryData<PendingList>(deletionKeys.pendingList(p), (data) => {
    if (!data) return data;
    const removed = data.pages.reduce((n, page) => n + page.items.filter((item) => gone.has(item.version.id)).length, 0);
    return {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => !gone.has(item.version.id)), totalCount: page.totalCount - removed })),
    };
  });
  adjustPendingCount(queryClient, p, -ids.length);
}

/** Moves the sidebar's pending badge before the server confirms. */
export function adjustPendingCount(queryClient: QueryClient, p: ProjectRef, delta: number): void {
  queryClient.setQueryData<PendingDeletionPage>(deletionKeys.pendingCount(p), (page) =>
    page ? { ...page, totalCount: Math.max(0, page.totalCount + delta) } : page,
  );
}

/**
 * The optimistic sequence: cancel the fetches that could overwrite the update, snapshot what is
 * cached under `keys`, apply `update`, and return the function that puts the snapshot back.
 */
export async function optimisticUpdate(queryClient: QueryClient, keys: QueryKey[], update: () => void): Promise<() => void> {
  await Promise.all(keys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
  const snapshot = keys.flatMap((queryKey) => queryClient.getQueriesData({ queryKey }));
  update();
  return () => {
    for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
  };
}

/** The caches a version delete or restore touches optimistically. */
export function versionCacheKeys(p: ProjectRef, collection: string): QueryKey[] {
  return [versionKeys.lists(p, collection), deletionKeys.pending(p)];
}

/**
 * After any delete or restore: the collection's versions (or every collection's, for bulk), its
 * counts and size, the sidebar, the previews and pending review, and the collector's figures.
 *
 * The promise settles once the lists have been fetched again (versions, the sidebar, the pending
 * review and its badge): that is what a dialog waits for before it closes, and an outcome toast
 * before it reports. The figures computed over everything pending are not waited for: the storage
 * figures and the collector's status refetch in the background, and previews and dry runs are
 * only marked stale, since the dialog showing one is closing and the next one opened asks afresh.
 * Each of those takes seconds around a 100,000-version collection; waiting for them held the
 * delete dialog open 10 s for a 1.6 s delete (its own preview refetched, for a collection gone).
 */
export function invalidateAfterDeletion(queryClient: QueryClient, p: ProjectRef, collection?: string): Promise<unknown> {
  void queryClient.invalidateQueries({ queryKey: gcKeys.all });
  void queryClient.invalidateQueries({ queryKey: deletionKeys.project(p), refetchType: 'none' });
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: collection === undefined ? versionKeys.project(p) : versionKeys.collection(p, collection) }),
    queryClient.invalidateQueries({ queryKey: collectionKeys.project(p) }),
    queryClient.invalidateQueries({ queryKey: deletionKeys.pending(p) }),
  ]);
}
