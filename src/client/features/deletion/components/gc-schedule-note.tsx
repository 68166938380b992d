import type { UseQueryResult } from '@tanstack/react-query';
import type { GcStatus } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { RelativeTime } from '../../../ui/relative-time';
import { formatDuration } from './purge-schedule';

/** The pending review's first line: when garbage collection purges what is listed, or that it is off and why. */
export function GcScheduleNote({ gc }: { gc: UseQueryResult<GcStatus> }) {
  if (gc.isPending) return null;
  if (gc.isLoadingError) return <p className="workspace-summary">Could not load the garbage-collection status: {errorMessage(gc.error)}</p>;
  const status = gc.data;
  if (!status.enabled) {
    return (
      <p className="workspace-summary">
        <strong>Garbage collection is off</strong>
        {status.disabledReason ? `: ${status.disabledReason}` : '.'} Nothing here is purged until it is enabled, and you can restore any of it.
      </p>
    );
  }
  return (
    <p className="workspace-summary">
      Garbage collection purges a version
      {status.graceSeconds === undefined ? ' once its grace period has passed' : ` ${formatDuration(status.graceSeconds)} after it is deleted`}
      {status.nextRunAt && (
        <>
          {' (next run '}
          <RelativeTime iso={status.nextRunAt} />)
        </>
      )}
      . Until then you can restore it.
    </p>
  );
}
