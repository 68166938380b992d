import { infiniteQueryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  apiPaths,
  NO_VERSION_FILTER,
  versionFilterParams,
  VersionListPageSchema,
  withQuery,
  type ProjectRef,
  type VersionListFilter,
  type VersionListPage,
  type VersionSort,
  type VersionStateFilter,
} from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys, type VersionListKeyFilters } from './version-keys';

/** Versions per page: a screenful or three, small enough to come back fast. */
export const VERSIONS_PAGE_SIZE = 100;

/** What a version list shows: its state, its filter and its order. */
export interface VersionListView {
  state: VersionStateFilter;
  filter?: VersionListFilter;
  sort?: VersionSort;
}

/** The list's cache key: the plain newest-first list keeps the key optimistic deletes update (`{state}`). */
function keyFilters({ state, filter = NO_VERSION_FILTER, sort = 'newest' }: VersionListView): VersionListKeyFilters {
  const params = versionFilterParams(filter);
  const narrowed = Object.values(params).some((v) => v !== undefined);
  return narrowed || sort !== 'newest' ? { state, sort, ...params } : { state };
}

/** One page of a collection's versions in the view's order. */
export function getVersions(
  p: ProjectRef,
  collection: string,
  query: VersionListView & { cursor?: string | null; limit?: number; count?: boolean },
  signal?: AbortSignal,
): Promise<VersionListPage> {
  const path = withQuery(apiPaths.versions(p, collection), {
    state: query.state,
    ...versionFilterParams(query.filter ?? NO_VERSION_FILTER),
    sort: query.sort === 'newest' ? undefined : query.sort,
    count: query.count ? 'true' : undefined,
    cursor: query.cursor,
    limit: query.limit ?? VERSIONS_PAGE_SIZE,
  });
  return apiRequest(path, VersionListPageSchema, { signal });
}

export function versionsInfiniteQueryOptions(p: ProjectRef, collection: string, view: VersionListView = { state: 'COMMITTED' }) {
  return infiniteQueryOptions({
    queryKey: versionKeys.list(p, collection, keyFilters(view)),
    queryFn: ({ pageParam, signal }) => getVersions(p, collection, { ...view, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useVersions(p: ProjectRef, collection: string, view: VersionListView = { state: 'COMMITTED' }) {
  return useInfiniteQuery(versionsInfiniteQueryOptions(p, collection, view));
}

/**
 * How many COMMITTED versions match `filter`, across every page: what "select all that match"
 * offers to delete. Under the collection's key, so every delete and restore recounts.
 */
export function useMatchingVersionCount(p: ProjectRef, collection: string, filter: VersionListFilter, enabled: boolean) {
  return useQuery({
    queryKey: versionKeys.count(p, collection, keyFilters({ state: 'COMMITTED', filter })),
    queryFn: async ({ signal }) => (await getVersions(p, collection, { state: 'COMMITTED', filter, count: true, limit: 1 }, signal)).totalCount ?? 0,
    enabled,
  });
}
