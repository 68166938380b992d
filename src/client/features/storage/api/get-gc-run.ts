import { queryOptions, useQuery } from '@tanstack/react-query';
import { deletionPaths, GcRunSchema, type GcRun } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { gcKeys } from '../../deletion/api/deletion-keys';

/** How often a running run is polled: often enough for the bar to move, rarely enough to be cheap. */
export const GC_RUN_POLL_MS = 500;

/** One run with its plan, phase and log (`404 GC_RUN_NOT_FOUND` for an unknown id). */
export function getGcRun(id: string, signal?: AbortSignal): Promise<GcRun> {
  return apiRequest(deletionPaths.gcRun(id), GcRunSchema, { signal });
}

/** Polls while the run is `running` and stops by itself once it has finished or failed. */
export function gcRunQueryOptions(id: string) {
  return queryOptions({
    queryKey: gcKeys.run(id),
    queryFn: ({ signal }) => getGcRun(id, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? GC_RUN_POLL_MS : false),
    // A finished run never changes again; a running one is polled above.
    staleTime: (query) => (query.state.data && query.state.data.status !== 'running' ? Infinity : 0),
  });
}

/** `id` null: nothing to watch (the query stays idle). */
export function useGcRun(id: string | null) {
  return useQuery({ ...gcRunQueryOptions(id ?? ''), enabled: id !== null });
}
