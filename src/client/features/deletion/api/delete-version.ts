import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths, VersionSchema, withQuery, type ProjectRef, type Version } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { adjustPendingCount, asDeleted, invalidateAfterDeletion, optimisticUpdate, placeVersionInLists, versionCacheKeys } from './cache-updates';

/**
 * Soft-deletes one version. Without `deleteAliases` a version that has aliases is refused with
 * `409 ALIASES_PRESENT`, so the flag is sent only when the user ticked "Also delete aliases".
 */
export function deleteVersion(p: ProjectRef, collection: string, version: string, options: { deleteAliases: boolean }): Promise<Version> {
  const path = withQuery(apiPaths.version(p, collection, version), { deleteAliases: options.deleteAliases ? 'true' : undefined });
  return apiRequest(path, VersionSchema, { method: 'DELETE' });
}

/** What `useDeleteVersion().mutate` takes: the version as listed (it must have a `vN`). */
export interface DeleteVersionVariables {
  version: Version & { version: string };
  deleteAliases: boolean;
}

/**
 * Deletes optimistically: the version leaves the default list (and shows as pending deletion in an
 * `ALL` list) at once, and comes back if the server refuses. Soft delete is the case where a
 * rollback is trivial; the caches are refetched either way.
 */
export function useDeleteVersion(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, deleteAliases }: DeleteVersionVariables) => deleteVersion(p, version.collection, version.version, { deleteAliases }),
    onMutate: ({ version, deleteAliases }) =>
      optimisticUpdate(queryClient, versionCacheKeys(p, version.collection), () => {
        placeVersionInLists(queryClient, p, asDeleted(version, deleteAliases));
        adjustPendingCount(queryClient, p, 1);
      }),
    onError: (_error, _variables, rollback) => rollback?.(),
    // Not awaited: the dialog closes on the server's answer, the lists catch up in the background.
    onSettled: (_data, _error, { version }) => void invalidateAfterDeletion(queryClient, p, version.collection),
  });
}
