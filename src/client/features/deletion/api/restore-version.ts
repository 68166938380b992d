import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deletionPaths, VersionSchema, type ProjectRef, type Version } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { asRestored, invalidateAfterDeletion, optimisticUpdate, placeVersionInLists, removeFromPending, versionCacheKeys } from './cache-updates';

/** Brings a version pending deletion back (`409 ALREADY_GARBAGE_COLLECTED` once it is purged). */
export function restoreVersion(p: ProjectRef, collection: string, version: string): Promise<Version> {
  return apiRequest(deletionPaths.restore(p, collection, version), VersionSchema, { method: 'POST' });
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
