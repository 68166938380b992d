import { queryOptions, useQuery } from '@tanstack/react-query';
import { deletionPaths, ProjectStorageSchema, type ProjectRef, type ProjectStorage } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { gcKeys } from '../../deletion/api/deletion-keys';

/** What the project stores: live, pending deletion (reclaimable and shared) and in the trash. */
export function getProjectStorage(p: ProjectRef, signal?: AbortSignal): Promise<ProjectStorage> {
  return apiRequest(deletionPaths.storage(p), ProjectStorageSchema, { signal });
}

export function projectStorageQueryOptions(p: ProjectRef) {
  return queryOptions({ queryKey: gcKeys.storage(p), queryFn: ({ signal }) => getProjectStorage(p, signal) });
}

export function useProjectStorage(p: ProjectRef) {
  return useQuery(projectStorageQueryOptions(p));
}

/**
 * What the project occupies on disk, each shared file once: live blobs, the blobs only versions
 * pending deletion hold, and the trash. A soft delete moves bytes between the first two, so this
 * figure does not drop until garbage collection really frees something.
 */
export function bytesOnDisk(storage: ProjectStorage): number {
  return storage.liveBytes + storage.pendingDeletion.reclaimableBytes + storage.trashBytes;
}
