import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CollectionRestoreResponseSchema, deletionPaths, type CollectionRestoreResponse, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { invalidateAfterDeletion } from './cache-updates';

/**
 * Undoes a collection delete: the versions that delete took come back (those garbage-collected
 * since are `versionsGone`), versions deleted on their own before it stay pending deletion.
 */
export function restoreCollection(p: ProjectRef, collection: string): Promise<CollectionRestoreResponse> {
  return apiRequest(deletionPaths.collectionRestore(p, collection), CollectionRestoreResponseSchema, { method: 'POST' });
}

/**
 * Not optimistic, as the delete: it touches every list of the project (sidebar, the collection's
 * versions, the pending review, storage). Settling waits for the refetch, so the collection is
 * back in the sidebar and out of the deleted collections when the outcome is reported.
 */
export function useRestoreCollection(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (collection: string) => restoreCollection(p, collection),
    onSettled: (_data, _error, collection) => invalidateAfterDeletion(queryClient, p, collection),
  });
}
