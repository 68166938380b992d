/**
 * Deletes many versions as one server-side job, in one dialog that moves through three steps:
 * the job's dry run (how many versions, the aliases involved, the bytes freed and kept), a
 * progress bar while it runs (with Stop), then the outcome with each refusal and one Undo for
 * the whole job, which runs the restore job in the same dialog.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { formatCount, isFinishedJob, type DeletionJob, type DeletionJobFilter, type ProjectRef } from '../../../../domain';
import { errorMessage } from '../../../lib/api-client';
import { DialogClose, DialogFrame } from '../../../ui/alert-dialog';
import { useCancelDeletionJob, useDeletionDryRun, useDeletionJob, useStartDeletionJob, useUndoDeletionJob } from '../api/deletion-jobs';
import { invalidateAfterDeletion } from '../api/cache-updates';
import { DryRunFigures } from './dry-run-figures';
import { JobProgress, JobRefusals, jobOutcomeSentence } from './job-figures';

/** What to delete, and how the dialog names it. */
export interface DeleteMatchingRequest {
  filter: DeletionJobFilter;
  /** The dialog's title, e.g. "Delete 3 selected versions of mnist-train?". */
  title: string;
}

/** Props of `DeleteMatchingDialog`, a controlled dialog hosted by the project's deletion host. */
export interface DeleteMatchingDialogProps {
  project: ProjectRef;
  request: DeleteMatchingRequest;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo?: HTMLElement | null;
  fallbackFocus?: () => HTMLElement | null;
  /** Called once the delete job has finished (the selection that asked for it is then spent). */
  onJobFinished?: (job: DeletionJob) => void;
}

/** Runs `effect` once per job when it reaches a final state. */
function useWhenFinished(job: DeletionJob | undefined, effect: (job: DeletionJob) => void) {
  const seen = useRef(new Set<string>());
  const latest = useRef(effect);
  latest.current = effect;
  useEffect(() => {
    if (!job || !isFinishedJob(job.state) || seen.current.has(job.id)) return;
    seen.current.add(job.id);
    latest.current(job);
  }, [job]);
}

export function DeleteMatchingDialog({ project, request, open, onOpenChange, returnFocusTo, fallbackFocus, onJobFinished }: DeleteMatchingDialogProps) {
  const checkboxId = useId();
  const queryClient = useQueryClient();
  const [deleteAliases, setDeleteAliases] = useState(false);
  const start = useStartDeletionJob(project);
  const stop = useCancelDeletionJob(project);
  const undo = useUndoDeletionJob(project);
  const dryRun = useDeletionDryRun(project, request.filter, deleteAliases, open && !start.data);
  const deletion = useDeletionJob(project, start.data ?? null).data;
  const restore = useDeletionJob(project, undo.data ?? null).data;

  useWhenFinished(deletion, (job) => {
    void invalidateAfterDeletion(queryClient, project);
    onJobFinished?.(job);
  });
  useWhenFinished(restore, () => void invalidateAfterDeletion(queryClient, project));

  const job = restore ?? deletion;
  const running = job !== undefined && !isFinishedJob(job.state);
  const busy = start.isPending || undo.isPending || running;
  const error = [start, stop, undo].find((m) => m.isError)?.error;

  let description: string;
  let body: React.ReactNode;
  let buttons: React.ReactNode;
  if (!job) {
    const count = dryRun.data?.versionCount ?? 0;
    description =
      'The versions are marked for deletion: their files stay in storage until garbage collection, and one Undo restores them all until then. It runs on the server as one job.';
    body = dryRun.data && (
      <>
        <DryRunFigures dryRun={dryRun.data} />
        {dryRun.data.aliases.length > 0 && (
          <div className="dialog-section">
            <div className="checkbox-field">
              <input id={checkboxId} type="checkbox" checked={deleteAliases} disabled={start.isPending} onChange={(e) => setDeleteAliases(e.target.checked)} />
              <label htmlFor={checkboxId}>Also delete their aliases</label>
            </div>
            <p className="field-hint">
              {deleteAliases
                ? 'The aliases go with their versions; latest moves to the newest version left.'
                : 'Without this, each version that holds an alias is refused and stays as it is.'}
            </p>
          </div>
        )}
      </>
    );
    buttons = (
      <>
        <DialogClose disabled={start.isPending}>{count > 0 ? 'Cancel' : 'Close'}</DialogClose>
        {count > 0 && (
          <button
            type="button"
            className="button button-destructive"
            disabled={start.isPending || dryRun.isFetching}
            aria-busy={start.isPending || undefined}
            onClick={() => start.mutate({ filter: request.filter, deleteAliases })}
          >
            {start.isPending ? 'Starting…' : `Delete ${formatCount(count, 'version')}`}
          </button>
        )}
      </>
    );
    if (dryRun.isPending) {
      body = (
        <p className="dialog-section muted" role="status">
          Working out what this deletes…
        </p>
      );
    } else if (dryRun.isError) {
      body = (
        <p role="alert" className="dialog-error">
          Could not work out what this deletes: {errorMessage(dryRun.error)}
        </p>
      );
    }
  } else {
    description = running
      ? `${job.action === 'delete' ? 'Deleting' : 'Restoring'} on the server, in batches. Stop keeps what is done and leaves the rest.`
      : jobOutcomeSentence(job);
    const canUndo = job === deletion && job.done > 0 && !undo.data;
    body = (
      <>
        <JobProgress job={job} />
        {!running && (
          <p role="status" className="visually-hidden">
            {jobOutcomeSentence(job)}
          </p>
        )}
        {!running && <JobRefusals job={job} />}
      </>
    );
    buttons = running ? (
      // Focused when it appears: the button that had focus is gone.
      // biome-ignore lint/a11y/noAutofocus: focus must not fall out of the dialog when its buttons change.
      <button type="button" className="button" autoFocus disabled={stop.isPending} onClick={() => stop.mutate(job.id)}>
        {stop.isPending ? 'Stopping…' : 'Stop'}
      </button>
    ) : (
      <>
        {canUndo && (
          <button type="button" className="button" disabled={undo.isPending} aria-busy={undo.isPending || undefined} onClick={() => undo.mutate(job.id)}>
            {undo.isPending ? 'Undoing…' : 'Undo'}
          </button>
        )}
        {/* biome-ignore lint/a11y/noAutofocus: focus must not fall out of the dialog when its buttons change. */}
        <button type="button" className="button button-primary" autoFocus onClick={() => onOpenChange(false)}>
          Close
        </button>
      </>
    );
  }

  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title={request.title}
      description={description}
      dismissable={!busy}
      returnFocusTo={returnFocusTo}
      fallbackFocus={fallbackFocus}
      buttons={buttons}
    >
      {body}
      {error && (
        <p role="alert" className="dialog-error">
          {errorMessage(error)}
        </p>
      )}
    </DialogFrame>
  );
}
