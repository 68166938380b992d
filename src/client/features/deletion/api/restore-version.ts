import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deletionPaths, RestoredVersionSchema, type ProjectRef, type RestoredVersion, type Version } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { asRestored, invalidateAfterDeletion, optimisticUpdate, placeVersionInLists, removeFromPending, versionCacheKeys } from './cache-updates';

/**
 * Brings a version pending deletion back with the aliases its delete took, naming those another
 * version holds now (`aliasesNotRestored`) and whether its run-out TTL was turned off (`ttlDisabled`);
 * `409 ALREADY_GARBAGE_COLLECTED` once it is purged.
 */
export function restoreVersion(p: ProjectRef, collection: string, version: string): Promise<RestoredVersion> {
  return apiRequest(deletionPaths.restore(p, collection, version), RestoredVersionSchema, { method: 'POST' });
}

/** What `useRestoreVersion().mutate` takes: the version as last seen (pending deletion). */
export interface RestoreVersionVariables {
  version: Version & { version: string };
}

/**
 * Restores optimistically: the version is back in its collection's list and out of the pending
 * review at once (Undo should feel instant), and both roll back if the server refuses.
 */
export function useRestoreVersion(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version }: RestoreVersionVariables) => restoreVersion(p, version.collection, version.version),
    onMutate: ({ version }) =>
      optimisticUpdate(queryClient, versionCacheKeys(p, version.collection), () => {
        placeVersionInLists(queryClient, p, asRestored(version));
        removeFromPending(queryClient, p, [version.id]);
      }),
    onError: (_error, _variables, rollback) => rollback?.(),
    onSettled: (_data, _error, { version }) => void invalidateAfterDeletion(queryClient, p, version.collection),
  });
}
