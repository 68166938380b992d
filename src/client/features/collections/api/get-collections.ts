import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, CollectionSchema, type Collection, type ProjectRef } from '../../../../domain';
import { fetchAllPages } from '../../../lib/api-client';
import { collectionKeys } from './collection-keys';

/** Every collection of one type (or all types) in one state, all pages: the sidebar lists them whole and filters locally. */
export function getCollections(p: ProjectRef, filters: { type?: string; state?: Collection['state'] }, signal?: AbortSignal): Promise<Collection[]> {
  return fetchAllPages(apiPaths.collections(p), CollectionSchema, { type: filters.type, state: filters.state }, signal);
}

// No hook for ready collections on purpose: the sidebar loads the expanded types together with
// `useQueries` (so it knows when a search matched nothing), using these same options and keys.
export function collectionsQueryOptions(p: ProjectRef, type?: string) {
  return queryOptions({ queryKey: collectionKeys.list(p, { type }), queryFn: ({ signal }) => getCollections(p, { type }, signal) });
}

/** The project's deleted collections, for the pending-deletion review. */
export function deletedCollectionsQueryOptions(p: ProjectRef) {
  const filters = { state: 'DELETED' } as const;
  return queryOptions({ queryKey: collectionKeys.list(p, filters), queryFn: ({ signal }) => getCollections(p, filters, signal) });
}

export function useDeletedCollections(p: ProjectRef) {
  return useQuery(deletedCollectionsQueryOptions(p));
}
