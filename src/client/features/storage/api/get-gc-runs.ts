import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { deletionPaths, GcRunSchema, pageSchema, withQuery, type GcRun, type Page } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { gcKeys } from '../../deletion/api/deletion-keys';

/** Runs per page of the history: a run a day fills it in three weeks. */
export const GC_RUNS_PAGE_SIZE = 20;

const GcRunPageSchema = pageSchema(GcRunSchema);

/** One page of garbage-collection runs, newest first, dry runs included. */
export function getGcRuns(cursor: string | null, signal?: AbortSignal): Promise<Page<GcRun>> {
  return apiRequest(withQuery(deletionPaths.gcRuns(), { limit: GC_RUNS_PAGE_SIZE, cursor }), GcRunPageSchema, { signal });
}

export function gcRunsInfiniteQueryOptions() {
  return infiniteQueryOptions({
    queryKey: gcKeys.runList(),
    queryFn: ({ pageParam, signal }) => getGcRuns(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useGcRuns() {
  return useInfiniteQuery(gcRunsInfiniteQueryOptions());
}
