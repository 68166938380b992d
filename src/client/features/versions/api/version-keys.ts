import type { ProjectRef, VersionSort, VersionStateFilter } from '../../../../domain';

/** A list's state, plus its filter parameters and sort when it is narrowed or reordered. */
export type VersionListKeyFilters = { state: VersionStateFilter; sort?: VersionSort } & Record<string, string | undefined>;

/** Query keys of versions and their files, written once; `collection(p, c)` is the prefix to invalidate after a delete. */
export const versionKeys = {
  all: ['versions'] as const,
  project: (p: ProjectRef) => [...versionKeys.all, p.entity, p.project] as const,
  collection: (p: ProjectRef, collection: string) => [...versionKeys.project(p), collection] as const,
  /** Every list of a collection, whatever its filter: what an optimistic delete or restore cancels. */
  lists: (p: ProjectRef, collection: string) => [...versionKeys.collection(p, collection), 'list'] as const,
  list: (p: ProjectRef, collection: string, filters: VersionListKeyFilters) => [...versionKeys.lists(p, collection), filters] as const,
  /** How many versions match a filter (the table's "select all that match"). */
  count: (p: ProjectRef, collection: string, filters: VersionListKeyFilters) => [...versionKeys.collection(p, collection), 'count', filters] as const,
  /** Every detail of a collection, whichever `vN` or alias addressed it. */
  details: (p: ProjectRef, collection: string) => [...versionKeys.collection(p, collection), 'detail'] as const,
  detail: (p: ProjectRef, collection: string, version: string) => [...versionKeys.details(p, collection), version] as const,
  files: (p: ProjectRef, collection: string, version: string) => [...versionKeys.collection(p, collection), 'files', version] as const,
};
