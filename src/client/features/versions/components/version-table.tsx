import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { NO_VERSION_FILTER, type ProjectRef, type Version, type VersionListFilter, type VersionSort } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useVersions } from '../api/get-versions';
import { SelectionBar } from './selection-bar';
import { isSelectable, useVersionSelection } from './use-version-selection';
import { VersionRow } from './version-row';
import { ColumnHeader } from '../../../ui/column-header';

/** Fixed row height: dense rows that never wrap, so 100,000 of them scroll without measuring. */
const ROW_HEIGHT = 36;
/** Start loading the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 40;
const COLUMN_COUNT = 8;
// Without layout (jsdom, or a hidden panel) the scroll box measures 0 px and no row would render;
// fall back to a typical viewport so the first rows are always in the DOM.
const FALLBACK_RECT: Rect = { width: 1024, height: 720 };

function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));
}

// `ALL` also answers uploads and garbage-collected tombstones; "Show pending deletion" adds only
// the versions that can still be restored.
const shownWithPending = (v: Version) => v.state === 'COMMITTED' || v.state === 'PENDING_DELETION';

/**
 * Props of `VersionTable`: the collection whose versions it lists (newest first unless `sort`
 * says otherwise, narrowed by `filter`); `showPending` adds those pending deletion in place.
 */
export interface VersionTableProps {
  project: ProjectRef;
  collection: string;
  showPending?: boolean;
  filter?: VersionListFilter;
  sort?: VersionSort;
}

export function VersionTable({ project, collection, showPending = false, filter = NO_VERSION_FILTER, sort = 'newest' }: VersionTableProps) {
  const versions = useVersions(project, collection, { state: showPending ? 'ALL' : 'COMMITTED', filter, sort });
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => {
    const all = versions.data?.pages.flatMap((page) => page.items) ?? [];
    return showPending ? all.filter(shownWithPending) : all;
  }, [versions.data, showPending]);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = versions;
  const selection = useVersionSelection(rows);
  const selectable = useMemo(() => rows.filter(isSelectable).length, [rows]);
  const headerCheckbox = useRef<HTMLInputElement>(null);
  const picked = selection.selection.kind === 'matching' ? selectable : selection.selection.ids.size;
  const allPicked = selectable > 0 && picked >= selectable;
  useEffect(() => {
    if (headerCheckbox.current) headerCheckbox.current.indeterminate = picked > 0 && !allPicked;
  });

  const virtualizer = useVirtualizer({
    // One extra row at the end shows "Loading more…" (or the error) while there is a next page.
    count: hasNextPage ? rows.length + 1 : rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectWithFallback,
  });
  const items = virtualizer.getVirtualItems();
  const lastRendered = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && lastRendered >= rows.length - PREFETCH_ROWS) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, lastRendered, rows.length, fetchNextPage]);

  if (versions.isPending) return <LoadingState label="Loading versions…" />;
  if (versions.isError && rows.length === 0) {
    return (
      <ErrorState
        title="Could not load versions"
        message={errorMessage(versions.error)}
        onRetry={() => void versions.refetch()}
        retrying={versions.isFetching}
      />
    );
  }
  // An empty list keeps its table (saying so in its body) rather than swapping it for a message:
  // after deleting the last row, focus moves to the table, which must still be there.
  const empty = rows.length === 0 && !hasNextPage;
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <>
      <SelectionBar project={project} collection={collection} filter={filter} selection={selection} loadedSelectable={selectable} morePages={hasNextPage} />
      {/* Focusable, so keyboard users can scroll with the arrow and Page keys: Tab alone only
          reaches the rows rendered around the viewport. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll from the keyboard (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/useSemanticElements: a <section> would add a landmark per table; role=region with its label is what the scroll area is. */}
      <div ref={scrollRef} className="table-scroll" tabIndex={0} role="region" aria-label={`${collection} versions, scrollable`}>
        <table
          className="data-table version-table"
          aria-label={`Versions of ${collection}`}
          // Only the rendered rows are in the DOM: tell assistive technology the real size (-1: unknown yet).
          aria-rowcount={empty ? undefined : hasNextPage ? -1 : rows.length + 1}
          // Focusable from script only: where focus lands when a delete empties the list.
          tabIndex={-1}
        >
          <colgroup>
            <col className="col-select" />
            <col className="col-version" />
            <col className="col-aliases" />
            <col className="col-size" />
            <col className="col-files" />
            <col className="col-created" />
            <col className="col-run" />
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <ColumnHeader>
                <input
                  ref={headerCheckbox}
                  type="checkbox"
                  aria-label="Select all loaded versions"
                  checked={allPicked}
                  disabled={selectable === 0}
                  onChange={(event) => selection.setAllLoaded(event.target.checked)}
                />
              </ColumnHeader>
              <ColumnHeader>Version</ColumnHeader>
              <ColumnHeader>Aliases</ColumnHeader>
              <ColumnHeader numeric>
                Size <span className="column-hint">(all its files)</span>
              </ColumnHeader>
              <ColumnHeader numeric>Files</ColumnHeader>
              <ColumnHeader>Created</ColumnHeader>
              <ColumnHeader>Created by run</ColumnHeader>
              <ColumnHeader>
                <span className="visually-hidden">Actions</span>
              </ColumnHeader>
            </tr>
          </thead>
          <tbody>
            {empty && (
              <tr>
                <td colSpan={COLUMN_COUNT} className="cell-empty">
                  <EmptyState title="No versions">
                    {showPending ? 'This collection has no versions to show.' : 'This collection has no committed versions.'}
                  </EmptyState>
                </td>
              </tr>
            )}
            {paddingTop > 0 && <SpacerRow height={paddingTop} />}
            {items.map((item) => {
              const version = rows[item.index];
              if (version) {
                return (
                  <VersionRow
                    key={version.id}
                    version={version}
                    rowIndex={item.index + 2}
                    selected={selection.isSelected(version)}
                    onToggle={selection.toggle}
                  />
                );
              }
              return (
                <tr key="next-page" aria-rowindex={item.index + 2}>
                  <td colSpan={COLUMN_COUNT}>
                    {isFetchNextPageError ? (
                      <ErrorState title="Could not load more versions" message={errorMessage(versions.error)} onRetry={() => void fetchNextPage()} />
                    ) : (
                      <span role="status" className="muted">
                        Loading more versions…
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
            {paddingBottom > 0 && <SpacerRow height={paddingBottom} />}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Stands in for the rows scrolled out of the DOM, so the scrollbar matches the whole list. */
function SpacerRow({ height }: { height: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds no control and is never focusable; hiding it keeps row counts true for screen readers.
    <tr aria-hidden="true" className="spacer-row">
      <td colSpan={COLUMN_COUNT} style={{ height }} />
    </tr>
  );
}
