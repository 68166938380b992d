import { queryOptions, useQuery } from '@tanstack/react-query';
import { deletionPaths, DeletionPreviewSchema, type DeletionPreview, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { deletionKeys } from './deletion-keys';

/** What deleting a whole collection would do: how many versions and aliases go, and the bytes it frees. */
export function getCollectionDeletionPreview(p: ProjectRef, collection: string, signal?: AbortSignal): Promise<DeletionPreview> {
  return apiRequest(deletionPaths.collectionPreview(p, collection), DeletionPreviewSchema, { signal });
}

export function collectionDeletionPreviewQueryOptions(p: ProjectRef, collection: string) {
  return queryOptions({
    queryKey: deletionKeys.collectionPreview(p, collection),
    queryFn: ({ signal }) => getCollectionDeletionPreview(p, collection, signal),
    // As for a version: the figures move with everything else pending deletion.
    staleTime: 0,
  });
}

export function useCollectionDeletionPreview(p: ProjectRef, collection: string, enabled: boolean) {
  return useQuery({ ...collectionDeletionPreviewQueryOptions(p, collection), enabled });
}
