import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCount, type GcStatus, type ProjectRef, type ProjectStorage } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { pagePaths } from '../../../lib/paths';
import { Bytes } from '../../../ui/bytes';
import { ErrorState, LoadingState } from '../../../ui/states';
import { formatDuration } from '../../deletion/components/purge-schedule';
import { StorageBar, StorageLegend, type StorageSegment } from './storage-bar';

function segmentsOf(storage: ProjectStorage, gc: GcStatus | undefined): StorageSegment[] {
  const retention = gc?.trashRetentionSeconds === undefined ? 'for a while' : `for ${formatDuration(gc.trashRetentionSeconds)}`;
  return [
    { tone: 'live', label: 'Live', spoken: 'live', hint: 'Files of committed and uploading versions.', bytes: storage.liveBytes },
    {
      tone: 'reclaimable',
      label: 'Pending deletion — reclaimable',
      spoken: 'pending deletion and reclaimable',
      hint: 'Freed once garbage collection purges the versions pending deletion.',
      bytes: storage.pendingDeletion.reclaimableBytes,
    },
    {
      tone: 'shared',
      label: 'Pending deletion — shared',
      spoken: 'pending deletion but kept, shared with live versions',
      hint: 'Kept after the purge, because live versions share these files.',
      bytes: storage.pendingDeletion.sharedBytes,
    },
    {
      tone: 'trash',
      label: 'In trash',
      spoken: 'in the trash',
      hint: `Removed by garbage collection, kept ${retention} before the trash is emptied.`,
      bytes: storage.trashBytes,
    },
  ];
}

/** Props of `StorageFigures`: the project's figures and the collector's (server-wide) status. */
export interface StorageFiguresProps {
  project: ProjectRef;
  storage: UseQueryResult<ProjectStorage>;
  gc: UseQueryResult<GcStatus>;
}

/** What the project stores, as a stacked bar with its legend, then the server-wide figures. */
export function StorageFigures({ project, storage, gc }: StorageFiguresProps) {
  const projectHeading = useId();
  const serverHeading = useId();
  const name = `${project.entity}/${project.project}`;

  let figures: ReactNode;
  if (storage.isPending) figures = <LoadingState label="Loading the storage figures…" />;
  else if (storage.isLoadingError) {
    figures = (
      <ErrorState
        title="Could not load the storage figures"
        message={errorMessage(storage.error)}
        onRetry={() => void storage.refetch()}
        retrying={storage.isFetching}
      />
    );
  } else {
    const segments = segmentsOf(storage.data, gc.data);
    const pending = storage.data.pendingDeletion.versions;
    figures = (
      <>
        <StorageBar segments={segments} subject={`Storage of ${name}`} />
        <StorageLegend segments={segments} label={`Storage of ${name}, by state`} />
        <p className="storage-pending-link">
          <Link to={pagePaths.pending(project)}>{formatCount(pending, 'version')} pending deletion</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <section aria-labelledby={projectHeading}>
        <h2 id={projectHeading} className="section-title">
          This project
        </h2>
        {figures}
      </section>
      <section aria-labelledby={serverHeading}>
        <h2 id={serverHeading} className="section-title">
          Whole server
        </h2>
        {gc.isSuccess ? (
          <p className="storage-server">
            Garbage collection runs for the whole server, not per project. Across all projects, {formatCount(gc.data.pendingVersions, 'version')}{' '}
            {gc.data.pendingVersions === 1 ? 'is' : 'are'} pending deletion; purging them frees <Bytes bytes={gc.data.reclaimableBytes} />.
            {gc.data.trashBytes !== undefined && (
              <>
                {' '}
                The trash holds <Bytes bytes={gc.data.trashBytes} />.
              </>
            )}
          </p>
        ) : (
          // The status line above shows the loading or error state of this same query.
          <p className="muted">Server-wide figures appear once the garbage-collection status has loaded.</p>
        )}
      </section>
    </>
  );
}
