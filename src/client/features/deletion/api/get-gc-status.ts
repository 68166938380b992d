import { queryOptions, useQuery } from '@tanstack/react-query';
import { deletionPaths, GcStatusSchema, type GcStatus } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { gcKeys } from './deletion-keys';

/** Whether garbage collection is on (and why not), its schedule and grace period. */
export function getGcStatus(signal?: AbortSignal): Promise<GcStatus> {
  return apiRequest(deletionPaths.gc(), GcStatusSchema, { signal });
}

export function gcStatusQueryOptions() {
  return queryOptions({ queryKey: gcKeys.status(), queryFn: ({ signal }) => getGcStatus(signal) });
}

export function useGcStatus() {
  return useQuery(gcStatusQueryOptions());
}
