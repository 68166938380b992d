import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, VersionSchema, type ProjectRef, type Version } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { versionKeys } from './version-keys';

/** One version, addressed by `vN` or by an alias such as `latest`. */
export function getVersion(p: ProjectRef, collection: string, version: string, signal?: AbortSignal): Promise<Version> {
  return apiRequest(apiPaths.version(p, collection, version), VersionSchema, { signal });
}

export function versionQueryOptions(p: ProjectRef, collection: string, version: string) {
  return queryOptions({ queryKey: versionKeys.detail(p, collection, version), queryFn: ({ signal }) => getVersion(p, collection, version, signal) });
}

export function useVersion(p: ProjectRef, collection: string, version: string) {
  return useQuery(versionQueryOptions(p, collection, version));
}
