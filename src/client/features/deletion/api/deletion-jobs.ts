/** Deletion jobs from the web app: the dry run a dialog shows first, starting, polling, cancelling and undoing a job. */
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  DeletionDryRunSchema,
  DeletionJobResponseSchema,
  DeletionJobSchema,
  deletionPaths,
  isFinishedJob,
  type DeletionDryRun,
  type DeletionJob,
  type DeletionJobFilter,
  type ProjectRef,
} from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { deletionJobKeys, deletionKeys } from './deletion-keys';

/** How often a job in progress is asked for its figures. */
export const JOB_POLL_MS = 400;

export function dryRunDeletion(p: ProjectRef, filter: DeletionJobFilter, deleteAliases: boolean, signal?: AbortSignal): Promise<DeletionDryRun> {
  return apiRequest(deletionPaths.deletionJobs(p), DeletionDryRunSchema, {
    method: 'POST',
    body: { action: 'delete', filter, deleteAliases, dryRun: true },
    signal,
  });
}

/** What a delete job over `filter` would do, asked again when `deleteAliases` changes (its bytes depend on it). */
export function useDeletionDryRun(p: ProjectRef, filter: DeletionJobFilter, deleteAliases: boolean, enabled: boolean) {
  return useQuery({
    queryKey: deletionKeys.jobDryRun(p, filter, deleteAliases),
    queryFn: ({ signal }) => dryRunDeletion(p, filter, deleteAliases, signal),
    enabled,
    // The figures a person confirms must be the current ones, not a cached answer from minutes ago.
    staleTime: 0,
  });
}

async function postJob(path: string, body: unknown): Promise<DeletionJob> {
  return (await apiRequest(path, DeletionJobResponseSchema, { method: 'POST', body })).job;
}

export function useStartDeletionJob(p: ProjectRef) {
  return useMutation({
    mutationFn: ({ filter, deleteAliases }: { filter: DeletionJobFilter; deleteAliases: boolean }) =>
      postJob(deletionPaths.deletionJobs(p), { action: 'delete', filter, deleteAliases }),
  });
}

export function useCancelDeletionJob(p: ProjectRef) {
  return useMutation({ mutationFn: (id: string) => postJob(deletionPaths.cancelDeletionJob(p, id), {}) });
}

/** `POST .../undo`: the restore job over exactly what the job deleted. */
export function useUndoDeletionJob(p: ProjectRef) {
  return useMutation({ mutationFn: (id: string) => postJob(deletionPaths.undoDeletionJob(p, id), {}) });
}

/** A job, polled until it has finished; `initial` is the answer that started it, shown until the first poll. */
export function useDeletionJob(p: ProjectRef, initial: DeletionJob | null) {
  return useQuery({
    queryKey: deletionJobKeys.job(p, initial?.id ?? ''),
    queryFn: ({ signal }) => apiRequest(deletionPaths.deletionJob(p, initial!.id), DeletionJobSchema, { signal }),
    enabled: initial !== null,
    initialData: initial ?? undefined,
    // The start answer is real data but already old: poll at once.
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => (query.state.data && isFinishedJob(query.state.data.state) ? false : JOB_POLL_MS),
  });
}
