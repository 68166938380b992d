import { useEffect, useId, useRef, useState } from 'react';
import { formatCount, type GcStatus, type PendingDeletionItem } from '../../../../domain';
import { useToast } from '../../../ui/toast';
import { useCan } from '../../auth/api/use-can';
import type { useBulkRestore } from '../api/bulk-restore';
import { useDeletionActions } from './deletion-actions';
import { PendingVersionRow } from './pending-version-row';
import { ColumnHeader } from '../../../ui/column-header';

/** Props of `PendingVersionTable`: the loaded rows of the review and how to load more. */
export interface PendingVersionTableProps {
  /** Owned by the page, so its outcome stays on screen when the restored rows (or the whole table) go. */
  bulk: ReturnType<typeof useBulkRestore>;
  items: PendingDeletionItem[];
  totalCount: number;
  gc: GcStatus | undefined;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

/** The versions pending deletion, each restorable, and several at once with `Restore selected`. */
export function PendingVersionTable({ bulk, items, totalCount, gc, hasNextPage, isFetchingNextPage, onLoadMore }: PendingVersionTableProps) {
  const { restoreVersion } = useDeletionActions();
  const { toast } = useToast();
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const selectAllRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  // Restoring several at once is a bulk request: an admin's, where a member may restore one by one.
  const bulkRefused = useCan('bulkJob', items[0]?.version.entity ?? '').reason;
  // Derived from the loaded rows, so a row restored elsewhere drops out of the selection by itself.
  const selected = items.filter((item) => selectedIds.has(item.version.id));
  const allSelected = items.length > 0 && selected.length === items.length;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selected.length > 0 && !allSelected;
  }, [selected.length, allSelected]);

  const setSelected = (id: string, on: boolean) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const restoreSelected = () => {
    const targets = selected.flatMap((item) => (item.version.version ? [{ collection: item.version.collection, version: item.version.version }] : []));
    bulk.mutate(targets, {
      onSuccess: (result) => {
        // Keep the failures selected, so "Restore selected" retries exactly them.
        const failed = new Set(result.results.filter((r) => !r.ok).map((r) => `${r.collection}:${r.version}`));
        setSelectedIds(new Set(selected.filter((item) => failed.has(`${item.version.collection}:${item.version.version}`)).map((item) => item.version.id)));
        if (result.failed === 0) toast({ title: `Restored ${formatCount(result.succeeded, 'version')}` });
      },
    });
  };

  return (
    <>
      <div className="list-toolbar">
        <button
          type="button"
          className="button"
          disabled={bulkRefused === null && (selected.length === 0 || bulk.isPending)}
          aria-disabled={bulkRefused !== null || undefined}
          aria-describedby={hintId}
          onClick={() => bulkRefused === null && restoreSelected()}
        >
          {bulk.isPending ? 'Restoring…' : 'Restore selected'}
        </button>
        <span id={hintId} className="muted">
          {bulkRefused
            ? `Restoring several at once: ${bulkRefused} Restore them one by one instead.`
            : selected.length === 0
              ? 'Select versions to restore several at once.'
              : `${formatCount(selected.length, 'version')} selected`}
        </span>
      </div>
      <table className="data-table" aria-label="Versions pending deletion">
        <thead>
          <tr>
            <th scope="col" className="cell-select">
              <input
                ref={selectAllRef}
                type="checkbox"
                aria-label="Select all loaded versions"
                checked={allSelected}
                onChange={(event) => setSelectedIds(event.target.checked ? new Set(items.map((item) => item.version.id)) : new Set())}
              />
            </th>
            <ColumnHeader>Name</ColumnHeader>
            <ColumnHeader>Aliases it had</ColumnHeader>
            <ColumnHeader>Deleted by</ColumnHeader>
            <ColumnHeader>Deleted</ColumnHeader>
            <ColumnHeader numeric>Size</ColumnHeader>
            <ColumnHeader numeric>Frees</ColumnHeader>
            <ColumnHeader>Purged after</ColumnHeader>
            <ColumnHeader>
              <span className="visually-hidden">Restore</span>
            </ColumnHeader>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <PendingVersionRow
              key={item.version.id}
              item={item}
              gc={gc}
              selected={selectedIds.has(item.version.id)}
              onSelectedChange={(on) => setSelected(item.version.id, on)}
              onRestore={() => item.version.version && restoreVersion({ ...item.version, version: item.version.version })}
              busy={bulk.isPending}
            />
          ))}
        </tbody>
      </table>
      {hasNextPage && (
        <button type="button" className="button load-more" onClick={onLoadMore} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading more…' : `Load more (${items.length.toLocaleString('en-US')} of ${totalCount.toLocaleString('en-US')})`}
        </button>
      )}
    </>
  );
}
