import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BulkResultSchema, deletionPaths, type BulkRequest, type BulkResult, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { invalidateAfterDeletion } from './cache-updates';

/** Restores many versions in one request; the answer says, item by item, which ones failed and why. */
export function bulkRestore(p: ProjectRef, items: BulkRequest['items']): Promise<BulkResult> {
  return apiRequest(deletionPaths.bulkRestore(p), BulkResultSchema, { method: 'POST', body: { items } });
}

/**
 * Not optimistic: some items may fail while others succeed, and the review shows which. Settling
 * waits for the refetch so the restored rows are gone when the button comes back.
 */
export function useBulkRestore(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: BulkRequest['items']) => bulkRestore(p, items),
    onSettled: () => invalidateAfterDeletion(queryClient, p),
  });
}
