import { useQueries } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { pagePaths } from '../../../lib/paths';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { collectionsQueryOptions } from '../api/get-collections';
import { useTypes } from '../api/get-types';
import { TypeGroup } from './type-group';

/** Props of `CollectionSidebar`: `currentType` (from the URL) starts expanded so deep links show where you are. */
export interface CollectionSidebarProps {
  project: ProjectRef;
  currentType?: string;
  /** Below the collections: the project's other pages (passed in, so this feature does not depend on them). */
  footer?: ReactNode;
}

/** The project's types and collections, with a search box that filters collections by name. */
export function CollectionSidebar({ project, currentType, footer }: CollectionSidebarProps) {
  const [search, setSearch] = useState('');
  // Only the types the user toggled are stored; the others follow the URL, or open while searching.
  // Toggles made during a search are kept apart so a search does not undo the user's layout.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [searchToggled, setSearchToggled] = useState<Record<string, boolean>>({});
  const types = useTypes(project);
  const filter = search.trim().toLowerCase();

  const isExpanded = (type: string) => (filter ? (searchToggled[type] ?? true) : (toggled[type] ?? type === currentType));
  const toggle = (type: string) => (filter ? setSearchToggled : setToggled)((current) => ({ ...current, [type]: !isExpanded(type) }));
  const typeList = types.data ?? [];
  const collections = useQueries({
    queries: typeList.map((type) => ({ ...collectionsQueryOptions(project, type.name), enabled: isExpanded(type.name) })),
  });
  const noMatch = filter !== '' && collections.length > 0 && collections.every((q) => q.data && !q.data.some((c) => c.name.toLowerCase().includes(filter)));

  return (
    <nav className="sidebar" aria-label="Collections">
      <h2 className="sidebar-title">
        <Link to={pagePaths.artifacts(project)}>
          {project.entity} / {project.project}
        </Link>
      </h2>
      <input
        type="search"
        className="search-input"
        aria-label="Search collections"
        placeholder="Search collections…"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setSearchToggled({});
        }}
      />
      {types.isPending && <LoadingState label="Loading types…" />}
      {types.isLoadingError && (
        <ErrorState title="Could not load this project" message={errorMessage(types.error)} onRetry={() => void types.refetch()} retrying={types.isFetching} />
      )}
      {types.isSuccess && typeList.length === 0 && <EmptyState title="No collections in this project yet" />}
      {noMatch && <EmptyState title={`No collection matches “${search.trim()}”`} />}
      {typeList.length > 0 && (
        <ul className="type-list">
          {typeList.map((type, index) => (
            <TypeGroup
              key={type.name}
              type={type}
              expanded={isExpanded(type.name)}
              onToggle={() => toggle(type.name)}
              // useQueries answers in the order of `queries`, one per type.
              collections={collections[index]!}
              filter={filter}
            />
          ))}
        </ul>
      )}
      {footer}
    </nav>
  );
}
