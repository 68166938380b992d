import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatExactTime, type GcRun, type ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { isNotFound } from '../../../lib/not-found';
import { pagePaths } from '../../../lib/paths';
import { Bytes } from '../../../ui/bytes';
import { RelativeTime } from '../../../ui/relative-time';
import { NotFoundState } from '../../../ui/not-found-state';
import { EmptyState, LoadingState, PageErrorState } from '../../../ui/states';
import { gcRunQueryOptions } from '../api/get-gc-run';
import { GcRunStatusBadge, kindLabel, plannedOf, runDuration, triggerLabel } from './gc-run-format';
import { ColumnHeader } from '../../../ui/column-header';

/** Planned against done, per figure; a dry run only plans, so its "done" column would mislead. */
function PlanTable({ run }: { run: GcRun }) {
  const planned = plannedOf(run);
  const rows: [string, number, number, boolean][] = [
    ['Versions purged', planned.versionsPurged, run.versionsPurged, false],
    ['Blobs deleted', planned.blobsDeleted, run.blobsDeleted, false],
    ['Bytes reclaimed', planned.bytesReclaimed, run.bytesReclaimed, true],
  ];
  const show = (n: number, bytes: boolean) => (bytes ? <Bytes bytes={n} /> : n.toLocaleString('en-US'));
  return (
    <table className="data-table plan-table" aria-label="Planned and done">
      <thead>
        <tr>
          <ColumnHeader>Figure</ColumnHeader>
          <ColumnHeader numeric>Planned</ColumnHeader>
          {!run.dryRun && <ColumnHeader numeric>Done</ColumnHeader>}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, plan, done, bytes]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="numeric">{show(plan, bytes)}</td>
            {!run.dryRun && <td className="numeric">{show(done, bytes)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Props of `GcRunDetail`: the run's id, and the project whose storage page it was opened from. */
export interface GcRunDetailProps {
  project: ProjectRef;
  id: string;
}

/** One run: its facts, planned against done, its error if it failed, and its log with times. Polled while it runs. */
export function GcRunDetail({ project, id }: GcRunDetailProps) {
  const query = useQuery(gcRunQueryOptions(id));
  const backLink = (
    <Link className="back-link" to={pagePaths.storage(project)}>
      ← Storage
    </Link>
  );
  const heading = `Garbage-collection run ${id}`;

  if (query.isPending) return <LoadingState label={`Loading run ${id}…`} />;
  // An id that names no run is a calm not-found page like an unknown collection's (Retry cannot
  // help), in the server's words: "No garbage-collection run gc_nope."
  if (isNotFound(query.error, 'GC_RUN_NOT_FOUND')) {
    return (
      <div className="workspace-body">
        <NotFoundState heading="Run not found" message={errorMessage(query.error)} back={{ to: pagePaths.storage(project), label: 'Go to Storage' }} />
      </div>
    );
  }
  if (query.isLoadingError) {
    return (
      <div className="workspace-body">
        {backLink}
        <PageErrorState
          heading={heading}
          title={`Could not load run ${id}`}
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </div>
    );
  }

  const run = query.data;
  const log = run.log ?? [];
  return (
    <div className="workspace-body">
      <title>{`Run ${id} · Storage · ${project.entity}/${project.project} · Attic`}</title>
      {backLink}
      <header className="workspace-header">
        <div className="workspace-heading">
          <h1 className="workspace-title">
            Garbage-collection run <span className="mono">{id}</span>
          </h1>
          <GcRunStatusBadge status={run.status} />
        </div>
      </header>
      <dl className="metadata">
        <dt>Kind</dt>
        <dd>{kindLabel(run)}</dd>
        <dt>Trigger</dt>
        <dd>{triggerLabel(run.trigger)}</dd>
        <dt>Started</dt>
        <dd>
          <RelativeTime iso={run.startedAt} />
        </dd>
        <dt>Finished</dt>
        <dd>{run.finishedAt ? <RelativeTime iso={run.finishedAt} /> : '—'}</dd>
        <dt>Duration</dt>
        <dd>{runDuration(run)}</dd>
        {run.status === 'running' && run.phase && (
          <>
            <dt>Phase</dt>
            <dd>{run.phase}</dd>
          </>
        )}
        <dt>Blobs retained (shared)</dt>
        <dd>{run.blobsRetainedShared.toLocaleString('en-US')}</dd>
      </dl>
      {run.error && (
        <div role="alert" className="inline-error">
          <p>
            <strong>The run failed:</strong> {run.error}
          </p>
        </div>
      )}
      <h2 className="section-title">{run.dryRun ? 'Plan' : 'Planned and done'}</h2>
      <PlanTable run={run} />
      <h2 className="section-title">Log</h2>
      {log.length === 0 ? (
        <EmptyState title="This run has no log" />
      ) : (
        <ol className="gc-log" aria-label={`Log of run ${id}`}>
          {log.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a run's log only grows at its end; a line's place is its identity.
            <li key={index} className="gc-log-line">
              {/* Exact, not relative: a run's lines are seconds apart, and a log is read for its order. */}
              <time dateTime={line.at} className="mono muted">
                {formatExactTime(line.at)}
              </time>{' '}
              <span className="gc-log-message">{line.message}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
