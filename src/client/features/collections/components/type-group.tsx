import type { UseQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import type { ArtifactTypeSummary, Collection } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { ErrorState } from '../../../ui/states';
import { CollectionNavItem } from './collection-nav-item';

/** Props of `TypeGroup`; the sidebar owns the collections query so it can tell when a search matched nothing. */
export interface TypeGroupProps {
  type: ArtifactTypeSummary;
  expanded: boolean;
  onToggle: () => void;
  collections: UseQueryResult<Collection[]>;
  /** Lowercased search text; empty shows every collection. */
  filter: string;
}

/** One artifact type in the sidebar: a disclosure button and, when open, its collections. */
export function TypeGroup({ type, expanded, onToggle, collections, filter }: TypeGroupProps) {
  const listId = useId();
  const matches = collections.data?.filter((c) => c.name.toLowerCase().includes(filter));
  // While searching, a type without a match would be noise.
  if (filter && matches && matches.length === 0) return null;

  return (
    <li className="type-group">
      <button type="button" className="type-toggle" aria-expanded={expanded} aria-controls={expanded ? listId : undefined} onClick={onToggle}>
        <span className="chevron" aria-hidden="true" />
        <span className="type-name">{type.name}</span>
        <span className="type-count">
          <span aria-hidden="true">({type.collectionCount})</span>
          <span className="visually-hidden">, {type.collectionCount === 1 ? '1 collection' : `${type.collectionCount} collections`}</span>
        </span>
      </button>
      {expanded && (
        <div id={listId}>
          {collections.isPending && (
            <p className="sidebar-note" role="status">
              Loading {type.name} collections…
            </p>
          )}
          {collections.isLoadingError && (
            <ErrorState
              title={`Could not load ${type.name} collections`}
              message={errorMessage(collections.error)}
              onRetry={() => void collections.refetch()}
              retrying={collections.isFetching}
            />
          )}
          {matches && (
            <ul className="collection-nav-list" aria-label={`${type.name} collections`}>
              {matches.map((collection) => (
                <CollectionNavItem key={collection.name} collection={collection} />
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}
