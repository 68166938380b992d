import { useMemo } from 'react';
import { Link } from 'react-router';
import type { GcRun, ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { pagePaths } from '../../../lib/paths';
import { Bytes } from '../../../ui/bytes';
import { RelativeTime } from '../../../ui/relative-time';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useGcRuns } from '../api/get-gc-runs';
import { GcRunStatusBadge, kindLabel, runDuration, triggerLabel } from './gc-run-format';
import { ColumnHeader } from '../../../ui/column-header';

const count = (n: number) => n.toLocaleString('en-US');

/** One run of the history; its id opens the run's page. */
function GcRunRow({ run, project }: { run: GcRun; project: ProjectRef }) {
  return (
    <tr>
      <td className="mono">
        <Link to={pagePaths.gcRun(project, run.id)}>{run.id}</Link>
      </td>
      <td>
        <RelativeTime iso={run.startedAt} />
      </td>
      <td>{triggerLabel(run.trigger)}</td>
      <td>{kindLabel(run)}</td>
      <td>
        <GcRunStatusBadge status={run.status} />
      </td>
      <td className="numeric">{count(run.versionsPurged)}</td>
      <td className="numeric">{count(run.blobsDeleted)}</td>
      <td className="numeric">
        <Bytes bytes={run.bytesReclaimed} />
      </td>
      <td className="numeric">{count(run.blobsRetainedShared)}</td>
      <td className="numeric">{runDuration(run)}</td>
    </tr>
  );
}

/** Every garbage-collection run of the server, newest first, dry runs included, with "Load more". */
export function GcRunHistory({ project }: { project: ProjectRef }) {
  const runs = useGcRuns();
  const items = useMemo(() => runs.data?.pages.flatMap((page) => page.items) ?? [], [runs.data]);

  if (runs.isPending) return <LoadingState label="Loading the garbage-collection runs…" />;
  if (runs.isError && items.length === 0) {
    return (
      <ErrorState
        title="Could not load the garbage-collection runs"
        message={errorMessage(runs.error)}
        onRetry={() => void runs.refetch()}
        retrying={runs.isFetching}
      />
    );
  }
  if (items.length === 0) {
    return (
      <EmptyState title="No garbage collection has run yet">
        Scheduled and manual runs, dry runs included, are listed here with what they purged and freed.
      </EmptyState>
    );
  }
  return (
    <>
      <div className="table-scroll-x">
        <table className="data-table" aria-label="Garbage-collection runs">
          <thead>
            <tr>
              <ColumnHeader>Run</ColumnHeader>
              <ColumnHeader>Started</ColumnHeader>
              <ColumnHeader>Trigger</ColumnHeader>
              <ColumnHeader>Kind</ColumnHeader>
              <ColumnHeader>Status</ColumnHeader>
              <ColumnHeader numeric>Versions purged</ColumnHeader>
              <ColumnHeader numeric>Blobs deleted</ColumnHeader>
              <ColumnHeader numeric>Bytes reclaimed</ColumnHeader>
              <ColumnHeader numeric>Blobs retained (shared)</ColumnHeader>
              <ColumnHeader numeric>Duration</ColumnHeader>
            </tr>
          </thead>
          <tbody>
            {items.map((run) => (
              <GcRunRow key={run.id} run={run} project={project} />
            ))}
          </tbody>
        </table>
      </div>
      {runs.hasNextPage && (
        <button type="button" className="button load-more" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
          {runs.isFetchingNextPage ? 'Loading more…' : 'Load more runs'}
        </button>
      )}
      {runs.isFetchNextPageError && (
        <ErrorState title="Could not load more runs" message={errorMessage(runs.error)} onRetry={() => void runs.fetchNextPage()} />
      )}
    </>
  );
}
