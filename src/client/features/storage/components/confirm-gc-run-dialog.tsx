import { formatBytes, formatCount, type GcRun, type GcStatus } from '../../../../domain';
import { ConfirmDialog } from '../../../ui/alert-dialog';
import { formatDuration } from '../../deletion/components/purge-schedule';

/** True when the dry run would purge no version and free no blob. */
export function nothingToPurge(plan: GcRun): boolean {
  return plan.versionsPurged === 0 && plan.blobsDeleted === 0;
}

/** "Will purge 2 versions pending deletion for at least 1 day, free 432 KB (2 blobs); 5 blobs stay, shared with live versions." */
export function planSentence(plan: GcRun, graceSeconds: number | undefined): string {
  const grace = graceSeconds === undefined ? 'past their grace period' : `for at least ${formatDuration(graceSeconds)}`;
  if (nothingToPurge(plan)) {
    return `Nothing to purge: no version has been pending deletion ${grace}. The scheduled runs empty old blobs from the trash.`;
  }
  const shared =
    plan.blobsRetainedShared === 0
      ? ''
      : `; ${formatCount(plan.blobsRetainedShared, 'blob')} ${plan.blobsRetainedShared === 1 ? 'stays' : 'stay'}, shared with live versions`;
  return (
    `Will purge ${formatCount(plan.versionsPurged, 'version')} pending deletion ${grace}, ` +
    `free ${formatBytes(plan.bytesReclaimed)} (${formatCount(plan.blobsDeleted, 'blob')})${shared}.`
  );
}

/** Props of `ConfirmGcRunDialog`: the dry run's answer (the dialog is open while there is one). */
export interface ConfirmGcRunDialogProps {
  plan: GcRun | null;
  status: GcStatus | undefined;
  onCancel: () => void;
  onConfirm: () => void;
  pending: boolean;
  error: string | null;
  returnFocusTo: HTMLElement | null;
}

/**
 * The dry run's result, to confirm before anything is purged. The real run plans again when it
 * starts, so its figures may differ a little if versions were deleted or restored meanwhile.
 */
export function ConfirmGcRunDialog({ plan, status, onCancel, onConfirm, pending, error, returnFocusTo }: ConfirmGcRunDialogProps) {
  // A red "Run now" after a dry run that found nothing invites a run that cannot help.
  const nothing = plan !== null && nothingToPurge(plan);
  return (
    <ConfirmDialog
      open={plan !== null}
      onOpenChange={(open) => (open ? undefined : onCancel())}
      title="Run garbage collection?"
      description={plan ? planSentence(plan, status?.graceSeconds) : ''}
      confirmLabel={nothing ? undefined : 'Run now'}
      pendingLabel="Starting…"
      destructive
      onConfirm={nothing ? undefined : onConfirm}
      pending={pending}
      error={error}
      returnFocusTo={returnFocusTo}
    >
      {!nothing && <p className="dialog-section">Purged versions can no longer be restored. The run covers every project on this server, not only this one.</p>}
    </ConfirmDialog>
  );
}
