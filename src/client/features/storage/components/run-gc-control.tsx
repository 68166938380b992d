import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { GcRun, GcStatus, ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { useCan } from '../../auth/api/use-can';
import { useStartGcRun } from '../api/start-gc-run';
import { ConfirmGcRunDialog } from './confirm-gc-run-dialog';
import { GcRunProgress } from './gc-run-progress';
import { useGcRunTracker } from './use-gc-run-tracker';

/** Props of `RunGcControl`: the collector's status query, and the project whose page shows it. */
export interface RunGcControlProps {
  status: UseQueryResult<GcStatus>;
  project: ProjectRef;
}

/**
 * `Run garbage collection`: a dry run first, whose plan is confirmed in a dialog; then the real
 * run, followed with a progress bar until it ends. While a run is in progress (started here or
 * not) the progress replaces the button.
 */
export function RunGcControl({ status, project }: RunGcControlProps) {
  // Two mutations, so the dry run's error shows by the button and the real run's in the dialog.
  const dryRun = useStartGcRun();
  const realRun = useStartGcRun();
  const [plan, setPlan] = useState<GcRun | null>(null);
  const tracker = useGcRunTracker(status.data);
  // State, not a ref: the dialog reads it while rendering, to return focus there when it closes.
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const reasonId = useId();
  // Garbage collection is server-wide: only site admins run it (the entity does not matter).
  const refused = useCan('runGc', project.entity).reason;

  if (tracker.running) return <GcRunProgress run={tracker.running} project={project} />;

  const off = status.data !== undefined && !status.data.enabled;
  const blocked = off || refused !== null || status.isPending || dryRun.isPending;

  const preview = () => {
    if (blocked) return;
    realRun.reset();
    dryRun.mutate({ dryRun: true }, { onSuccess: setPlan });
  };

  const runNow = () =>
    realRun.mutate(
      { dryRun: false },
      {
        onSuccess: (run) => {
          setPlan(null);
          tracker.follow(run);
        },
      },
    );

  return (
    <div className="gc-run-control">
      <div className="gc-run-actions">
        {/* aria-disabled, not disabled: the button stays in the tab order so keyboard and
            screen-reader users reach it and hear why it cannot run. */}
        <button
          ref={setButton}
          type="button"
          className="button button-primary"
          aria-disabled={blocked || undefined}
          aria-busy={dryRun.isPending || undefined}
          aria-describedby={off || refused ? reasonId : undefined}
          onClick={preview}
        >
          {dryRun.isPending ? 'Planning…' : 'Run garbage collection'}
        </button>
        {refused && !off ? (
          <span id={reasonId} className="muted">
            {refused}
          </span>
        ) : off ? (
          <span id={reasonId} className="muted">
            Garbage collection is off{status.data?.disabledReason ? `: ${status.data.disabledReason}` : '.'}
          </span>
        ) : (
          <span className="muted">A dry run shows what will be purged and freed before anything is.</span>
        )}
      </div>
      {dryRun.isError && (
        <p role="alert" className="inline-error">
          Could not plan a run: {errorMessage(dryRun.error)}
        </p>
      )}
      <ConfirmGcRunDialog
        plan={plan}
        status={status.data}
        onCancel={() => {
          setPlan(null);
          realRun.reset();
        }}
        onConfirm={runNow}
        pending={realRun.isPending}
        error={realRun.isError ? errorMessage(realRun.error) : null}
        returnFocusTo={button}
      />
    </div>
  );
}
