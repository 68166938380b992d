import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, ArtifactTypeSummarySchema, type ArtifactTypeSummary, type ProjectRef } from '../../../../domain';
import { fetchAllPages } from '../../../lib/api-client';
import { collectionKeys } from './collection-keys';

/** The project's artifact types that have at least one ready collection (Attic's `GET .../types`). */
export function getTypes(p: ProjectRef, signal?: AbortSignal): Promise<ArtifactTypeSummary[]> {
  return fetchAllPages(apiPaths.types(p), ArtifactTypeSummarySchema, {}, signal);
}

export function typesQueryOptions(p: ProjectRef) {
  return queryOptions({ queryKey: collectionKeys.types(p), queryFn: ({ signal }) => getTypes(p, signal) });
}

export function useTypes(p: ProjectRef) {
  return useQuery(typesQueryOptions(p));
}
