import { queryOptions } from '@tanstack/react-query';
import { apiPaths, CollectionSchema, type Collection, type ProjectRef } from '../../../../domain';
import { fetchAllPages } from '../../../lib/api-client';
import { collectionKeys } from './collection-keys';

/** Every ready collection of one type, all pages: the sidebar lists them whole and filters locally. */
export function getCollections(p: ProjectRef, type: string | undefined, signal?: AbortSignal): Promise<Collection[]> {
  return fetchAllPages(apiPaths.collections(p), CollectionSchema, { type }, signal);
}

// No hook here on purpose: the sidebar loads the expanded types together with `useQueries`
// (so it knows when a search matched nothing), using these same options and keys.
export function collectionsQueryOptions(p: ProjectRef, type?: string) {
  return queryOptions({ queryKey: collectionKeys.list(p, { type }), queryFn: ({ signal }) => getCollections(p, type, signal) });
}
