import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deletionPaths, ProjectSettingsSchema, TtlPreviewSchema, type ProjectRef, type ProjectSettings, type TtlPreview } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys } from '../../versions/api/version-keys';
import { projectKeys } from './project-keys';

/** `GET .../settings`: the project's default TTL in days, null when there is none. */
export function getProjectSettings(p: ProjectRef, signal?: AbortSignal): Promise<ProjectSettings> {
  return apiRequest(deletionPaths.settings(p), ProjectSettingsSchema, { signal });
}

export function useProjectSettings(p: ProjectRef) {
  return useQuery(queryOptions({ queryKey: projectKeys.settings(p), queryFn: ({ signal }) => getProjectSettings(p, signal) }));
}

/** `GET .../settings/ttl-preview`: how many versions a default would touch, changing nothing. */
export function getTtlPreview(p: ProjectRef, days: number | null, signal?: AbortSignal): Promise<TtlPreview> {
  return apiRequest(deletionPaths.ttlPreview(p, days), TtlPreviewSchema, { signal });
}

/** The preview of `days`; `enabled` false while the days box holds nothing valid. Keeps the last answer while the next loads, so the figure does not flicker as one types. */
export function useTtlPreview(p: ProjectRef, days: number | null, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.ttlPreview(p, days),
    queryFn: ({ signal }) => getTtlPreview(p, days, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/**
 * `PUT .../settings`. Not optimistic: the dialog waits for the answer. Every version of the project
 * that inherits the default now has other `ttl.days`/`expiresAt`, so their queries are refetched.
 */
export function useSetProjectSettings(p: ProjectRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ProjectSettings) => apiRequest(deletionPaths.settings(p), ProjectSettingsSchema, { method: 'PUT', body: settings }),
    onSuccess: (saved) => {
      queryClient.setQueryData(projectKeys.settings(p), saved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: projectKeys.settings(p) }),
        queryClient.invalidateQueries({ queryKey: versionKeys.project(p) }),
      ]);
    },
  });
}
