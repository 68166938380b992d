import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths, CollectionSchema, type Collection, type ProjectRef } from '../../../../domain';
import { apiRequest } from '../../../lib/api-client';
import { collectionKeys } from './collection-keys';

/** One collection with its counts and stored size (also when it is `DELETED`). */
export function getCollection(p: ProjectRef, collection: string, signal?: AbortSignal): Promise<Collection> {
  return apiRequest(apiPaths.collection(p, collection), CollectionSchema, { signal });
}

export function collectionQueryOptions(p: ProjectRef, collection: string) {
  return queryOptions({ queryKey: collectionKeys.detail(p, collection), queryFn: ({ signal }) => getCollection(p, collection, signal) });
}

export function useCollection(p: ProjectRef, collection: string) {
  return useQuery(collectionQueryOptions(p, collection));
}
