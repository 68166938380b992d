import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deletionPaths, VersionSchema, type ProjectRef, type Version } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys } from './version-keys';

/** A TTL mode: `inherit` (the project default), `custom` (own days) or `disabled` (never expires). */
export type TtlMode = Version['ttl']['mode'];

/** What `PUT .../ttl` takes; `days` only for `custom` (the server refuses `days: null` in any mode). */
export interface SetTtlBody {
  mode: TtlMode;
  days?: number;
}

/** Sets a version's TTL; `400 INVALID_TTL` when a custom TTL has no positive `days` up to `MAX_TTL_DAYS`. */
export function setVersionTtl(p: ProjectRef, collection: string, version: string, body: SetTtlBody): Promise<Version> {
  return apiRequest(deletionPaths.ttl(p, collection, version), VersionSchema, { method: 'PUT', body });
}

/** What `useSetVersionTtl().mutate` takes. */
export interface SetVersionTtlVariables {
  version: Version & { version: string };
  ttl: SetTtlBody;
}

/**
 * Not optimistic: the dialog waits for the server (which may refuse the days). On success the
 * version's own detail gets the answer at once, and every list and detail of its collection
 * (aliases such as `latest` included) is refetched; its files are left alone.
 */
export function useSetVersionTtl(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, ttl }: SetVersionTtlVariables) => setVersionTtl(p, version.collection, version.version, ttl),
    onSuccess: (updated, { version }) => {
      queryClient.setQueryData(versionKeys.detail(p, version.collection, version.version), updated);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: versionKeys.lists(p, version.collection) }),
        queryClient.invalidateQueries({ queryKey: versionKeys.details(p, version.collection) }),
      ]);
    },
  });
}
