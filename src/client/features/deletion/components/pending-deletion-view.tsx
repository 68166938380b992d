import { useId, useMemo, type ReactNode } from 'react';
import { formatCount, type ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDeletedCollections } from '../../collections/api/get-collections';
import { useBulkRestore } from '../api/bulk-restore';
import { useGcStatus } from '../api/get-gc-status';
import { usePendingDeletion } from '../api/get-pending-deletion';
import { BulkRestoreLeftBehind } from './bulk-restore-left-behind';
import { BulkRestoreOutcome } from './bulk-restore-outcome';
import { DeletedCollectionTable } from './deleted-collection-table';
import { GcScheduleNote } from './gc-schedule-note';
import { PendingVersionTable } from './pending-version-table';

/**
 * The review of everything the project has pending deletion: versions (paginated, "Load more")
 * and deleted collections, with when garbage collection purges them and a way to restore them.
 */
export function PendingDeletionView({ project }: { project: ProjectRef }) {
  const pending = usePendingDeletion(project);
  const collections = useDeletedCollections(project);
  const gc = useGcStatus();
  const bulk = useBulkRestore(project);
  const versionsHeading = useId();
  const collectionsHeading = useId();
  const deletedCollections = collections.data ?? [];
  const items = useMemo(() => pending.data?.pages.flatMap((page) => page.items) ?? [], [pending.data]);
  const totalCount = pending.data?.pages[0]?.totalCount ?? 0;

  let body: ReactNode;
  if (pending.isPending || collections.isPending) {
    body = <LoadingState label="Loading what is pending deletion…" />;
  } else if (pending.isSuccess && totalCount === 0 && items.length === 0 && collections.isSuccess && deletedCollections.length === 0) {
    body = (
      <EmptyState title="Nothing is pending deletion">
        Deleted versions and collections are listed here until garbage collection purges them; you can restore them until then.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <section aria-labelledby={versionsHeading}>
          <h2 id={versionsHeading} className="section-title">
            Versions
          </h2>
          {pending.isError && items.length === 0 ? (
            <ErrorState
              title="Could not load the versions pending deletion"
              message={errorMessage(pending.error)}
              onRetry={() => void pending.refetch()}
              retrying={pending.isFetching}
            />
          ) : items.length === 0 ? (
            <EmptyState title="No versions are pending deletion" />
          ) : (
            <PendingVersionTable
              bulk={bulk}
              items={items}
              totalCount={totalCount}
              gc={gc.data}
              hasNextPage={pending.hasNextPage}
              isFetchingNextPage={pending.isFetchingNextPage}
              onLoadMore={() => void pending.fetchNextPage()}
            />
          )}
          {pending.isFetchNextPageError && (
            <ErrorState title="Could not load more versions" message={errorMessage(pending.error)} onRetry={() => void pending.fetchNextPage()} />
          )}
        </section>
        <section aria-labelledby={collectionsHeading}>
          <h2 id={collectionsHeading} className="section-title">
            Deleted collections
          </h2>
          {collections.isLoadingError ? (
            <ErrorState
              title="Could not load the deleted collections"
              message={errorMessage(collections.error)}
              onRetry={() => void collections.refetch()}
              retrying={collections.isFetching}
            />
          ) : deletedCollections.length === 0 ? (
            <EmptyState title="No collections are deleted" />
          ) : (
            <DeletedCollectionTable project={project} collections={deletedCollections} />
          )}
        </section>
      </>
    );
  }

  return (
    <div className="workspace-body">
      <title>{`Pending deletion · ${project.entity}/${project.project} · Attic`}</title>
      <header className="workspace-header">
        <div className="workspace-heading">
          <h1 className="workspace-title">Pending deletion</h1>
          {pending.isSuccess && <p className="workspace-summary">{formatCount(totalCount, 'version')} pending deletion</p>}
          <GcScheduleNote gc={gc} />
        </div>
      </header>
      <BulkRestoreOutcome mutation={bulk} />
      {bulk.isSuccess && <BulkRestoreLeftBehind project={project} result={bulk.data} />}
      {body}
    </div>
  );
}
