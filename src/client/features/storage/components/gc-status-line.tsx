import type { UseQueryResult } from '@tanstack/react-query';
import type { GcStatus } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { RelativeTime } from '../../../ui/relative-time';
import { ErrorState } from '../../../ui/states';
import { formatDuration } from '../../deletion/components/purge-schedule';

/**
 * The collector's settings in one line: on or off (and the server's reason), the next run, the
 * grace period, the schedule and how long removed files stay in the trash.
 */
export function GcStatusLine({ status }: { status: UseQueryResult<GcStatus> }) {
  if (status.isPending) {
    return (
      <p className="workspace-summary" role="status">
        Loading the garbage-collection status…
      </p>
    );
  }
  if (status.isLoadingError) {
    return (
      <ErrorState
        title="Could not load the garbage-collection status"
        message={errorMessage(status.error)}
        onRetry={() => void status.refetch()}
        retrying={status.isFetching}
      />
    );
  }
  const gc = status.data;
  const settings = [
    gc.graceSeconds !== undefined && `grace period ${formatDuration(gc.graceSeconds)}`,
    gc.intervalSeconds !== undefined && `runs every ${formatDuration(gc.intervalSeconds)}`,
    gc.trashRetentionSeconds !== undefined && `trash kept ${formatDuration(gc.trashRetentionSeconds)}`,
  ].filter((part): part is string => typeof part === 'string');

  if (!gc.enabled) {
    return (
      <p className="workspace-summary gc-status-line">
        <strong>Garbage collection is off</strong>
        {gc.disabledReason ? `: ${gc.disabledReason}` : '.'} Nothing is purged until it is enabled.
        {settings.length > 0 && ` Once on: ${settings.join(' · ')}.`}
      </p>
    );
  }
  return (
    <p className="workspace-summary gc-status-line">
      <strong>Garbage collection is on</strong>
      {gc.nextRunAt && (
        <>
          {' · next run '}
          <RelativeTime iso={gc.nextRunAt} />
        </>
      )}
      {settings.map((part) => ` · ${part}`).join('')}
      {gc.safetyNet && !gc.safetyNet.enabled && ` · ${gc.safetyNet.detail}`}
    </p>
  );
}
