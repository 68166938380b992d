import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths, CollectionDeleteResponseSchema, type CollectionDeleteResponse, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { invalidateAfterDeletion } from './cache-updates';

/** Soft-deletes every live version of a collection (aliases included) and hides the collection. */
export function deleteCollection(p: ProjectRef, collection: string): Promise<CollectionDeleteResponse> {
  return apiRequest(apiPaths.collection(p, collection), CollectionDeleteResponseSchema, { method: 'DELETE' });
}

/**
 * Not optimistic: a collection delete touches every list of the project and is rare, so the
 * dialog waits for the server and for the sidebar to refetch before it closes.
 */
export function useDeleteCollection(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (collection: string) => deleteCollection(p, collection),
    onSuccess: (_data, collection) => invalidateAfterDeletion(queryClient, p, collection),
  });
}
