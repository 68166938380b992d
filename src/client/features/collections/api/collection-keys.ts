import type { Collection, ProjectRef } from '../../../../domain';

/** Query keys of types and collections, written once; `project(p)` is the prefix to invalidate after a delete. */
export const collectionKeys = {
  all: ['collections'] as const,
  project: (p: ProjectRef) => [...collectionKeys.all, p.entity, p.project] as const,
  types: (p: ProjectRef) => [...collectionKeys.project(p), 'types'] as const,
  list: (p: ProjectRef, filters: { type?: string; state?: Collection['state'] }) => [...collectionKeys.project(p), 'list', filters] as const,
  detail: (p: ProjectRef, collection: string) => [...collectionKeys.project(p), 'detail', collection] as const,
};
