import { queryOptions, useQuery } from '@tanstack/react-query';
import { deletionPaths, DeletionPreviewSchema, type DeletionPreview, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { deletionKeys } from './deletion-keys';

/** What deleting one version would do: its aliases, where `latest` moves, the bytes it frees or leaves shared. */
export function getVersionDeletionPreview(p: ProjectRef, collection: string, version: string, signal?: AbortSignal): Promise<DeletionPreview> {
  return apiRequest(deletionPaths.versionPreview(p, collection, version), DeletionPreviewSchema, { signal });
}

export function versionDeletionPreviewQueryOptions(p: ProjectRef, collection: string, version: string) {
  return queryOptions({
    queryKey: deletionKeys.versionPreview(p, collection, version),
    queryFn: ({ signal }) => getVersionDeletionPreview(p, collection, version, signal),
    // The figures depend on everything else pending deletion: recompute each time the dialog opens.
    staleTime: 0,
  });
}

/** `enabled` follows the dialog: nothing is computed until someone asks to delete. */
export function useVersionDeletionPreview(p: ProjectRef, collection: string, version: string, enabled: boolean) {
  return useQuery({ ...versionDeletionPreviewQueryOptions(p, collection, version), enabled });
}
