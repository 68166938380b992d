import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiPaths, pageSchema, VersionSchema, withQuery, type Page, type ProjectRef, type Version, type VersionStateFilter } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys } from './version-keys';

/** Versions per page: a screenful or three, small enough to come back fast. */
export const VERSIONS_PAGE_SIZE = 100;

const VersionPageSchema = pageSchema(VersionSchema);

/** One page of a collection's versions, newest first. */
export function getVersions(
  p: ProjectRef,
  collection: string,
  query: { state: VersionStateFilter; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Version>> {
  const path = withQuery(apiPaths.versions(p, collection), { state: query.state, cursor: query.cursor, limit: query.limit ?? VERSIONS_PAGE_SIZE });
  return apiRequest(path, VersionPageSchema, { signal });
}

export function versionsInfiniteQueryOptions(p: ProjectRef, collection: string, state: VersionStateFilter = 'COMMITTED') {
  return infiniteQueryOptions({
    queryKey: versionKeys.list(p, collection, { state }),
    queryFn: ({ pageParam, signal }) => getVersions(p, collection, { state, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useVersions(p: ProjectRef, collection: string, state: VersionStateFilter = 'COMMITTED') {
  return useInfiniteQuery(versionsInfiniteQueryOptions(p, collection, state));
}
