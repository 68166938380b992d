import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { deletionPaths, PendingDeletionPageSchema, withQuery, type PendingDeletionPage, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { deletionKeys } from './deletion-keys';

/** Rows per page of the review: the server computes what each one frees, so keep pages modest. */
export const PENDING_PAGE_SIZE = 50;

/** One page of the project's versions pending deletion, most recently deleted first, with the total. */
export function getPendingDeletion(p: ProjectRef, query: { cursor?: string | null; limit?: number }, signal?: AbortSignal): Promise<PendingDeletionPage> {
  const path = withQuery(deletionPaths.pending(p), { cursor: query.cursor, limit: query.limit ?? PENDING_PAGE_SIZE });
  return apiRequest(path, PendingDeletionPageSchema, { signal });
}

export function pendingDeletionInfiniteQueryOptions(p: ProjectRef) {
  return infiniteQueryOptions({
    queryKey: deletionKeys.pendingList(p),
    queryFn: ({ pageParam, signal }) => getPendingDeletion(p, { cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePendingDeletion(p: ProjectRef) {
  return useInfiniteQuery(pendingDeletionInfiniteQueryOptions(p));
}

export function pendingDeletionCountQueryOptions(p: ProjectRef) {
  return queryOptions({
    queryKey: deletionKeys.pendingCount(p),
    // One row is the least the endpoint answers; only `totalCount` is read.
    queryFn: ({ signal }) => getPendingDeletion(p, { limit: 1 }, signal),
    select: (page) => page.totalCount,
  });
}

/** How many versions of the project are pending deletion (the sidebar's badge). */
export function usePendingDeletionCount(p: ProjectRef) {
  return useQuery(pendingDeletionCountQueryOptions(p));
}
