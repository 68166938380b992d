import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { deletionPaths, GcRunSchema, type GcRun } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { collectionKeys } from '../../collections/api/collection-keys';
import { deletionKeys, gcKeys } from '../../deletion/api/deletion-keys';
import { versionKeys } from '../../versions/api/version-keys';

/**
 * `POST /gc/runs`: a dry run answers `200` with the plan; a real one `202` while it runs (or `200`
 * finished, as the mock does). `409 GC_DISABLED` / `GC_RUNNING` come back as `ApiError`s.
 */
export function startGcRun(dryRun: boolean): Promise<GcRun> {
  return apiRequest(deletionPaths.gcRuns(), GcRunSchema, { method: 'POST', body: { dryRun } });
}

/**
 * Starts a run. Pessimistic on purpose: nothing is changed in the cache before the server has
 * answered, and the figures only move once the run has finished (`invalidateAfterGcRun`).
 */
export function useStartGcRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => startGcRun(dryRun),
    onSuccess: (run) => {
      // The server's own answer, so the progress view starts from it instead of a second request.
      queryClient.setQueryData(gcKeys.run(run.id), run);
      // Dry runs are recorded too; a real one also shows in the status as running.
      void queryClient.invalidateQueries({ queryKey: gcKeys.runList() });
      if (!run.dryRun) void queryClient.invalidateQueries({ queryKey: gcKeys.status() });
    },
  });
}

/**
 * After a run has finished (or failed part-way): a collector serves the whole server, so every
 * project's storage, pending review, collection sizes and version lists may have changed.
 */
export function invalidateAfterGcRun(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: gcKeys.all }),
    queryClient.invalidateQueries({ queryKey: deletionKeys.all }),
    queryClient.invalidateQueries({ queryKey: collectionKeys.all }),
    queryClient.invalidateQueries({ queryKey: versionKeys.all }),
  ]);
}
