import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { Collection, ProjectRef } from '../../../../domain';
import { collectionsQueryOptions } from './get-collections';
import { useTypes } from './get-types';

/** The project's ready collections of every type, as one list with one loading and one error state. */
export interface ProjectCollections {
  /** Sorted by type, then name; undefined until every type's list has loaded. */
  collections: Collection[] | undefined;
  isPending: boolean;
  /** The first failure: of the types, or of one type's collections. */
  error: Error | null;
  isFetching: boolean;
  /** Refetches only what failed. */
  retry: () => void;
}

// Byte-wise, as the server orders names, so this list and the sidebar agree on `Zeta` vs `alpha`.
const compareNames = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function byTypeThenName(a: Collection, b: Collection): number {
  return compareNames(a.type, b.type) || compareNames(a.name, b.name);
}

// Module-level so its identity is stable: `useQueries` then recombines only when a result changes.
function combine(results: UseQueryResult<Collection[]>[]) {
  const loaded = results.every((r) => r.data !== undefined);
  return {
    collections: loaded ? results.flatMap((r) => r.data ?? []).sort(byTypeThenName) : undefined,
    isPending: results.some((r) => r.isPending),
    failed: results.filter((r) => r.isLoadingError),
    isFetching: results.some((r) => r.isFetching),
  };
}

/**
 * One query per type with the sidebar's own options (`collectionsQueryOptions`), so the two share
 * their cache: the overview warms the sidebar's types, and one invalidation after a delete
 * refreshes both.
 */
export function useProjectCollections(p: ProjectRef): ProjectCollections {
  const types = useTypes(p);
  const lists = useQueries({ queries: (types.data ?? []).map((type) => collectionsQueryOptions(p, type.name)), combine });
  const firstFailure = lists.failed[0];
  return {
    collections: types.isSuccess ? lists.collections : undefined,
    isPending: types.isPending || (!types.isError && lists.isPending),
    error: (types.isLoadingError ? types.error : null) ?? firstFailure?.error ?? null,
    isFetching: types.isFetching || lists.isFetching,
    retry: () => {
      if (types.isLoadingError) void types.refetch();
      lists.failed.forEach((r) => void r.refetch());
    },
  };
}
