/**
 * The sentences of a garbage-collection run's log, built from its figures. The server's engine and
 * the mock backend both write them, so the Storage page reads the same words from either.
 */

/** The figures a run announces when it starts (a dry run's whole answer). */
export interface RunPlanFigures {
  versionsPurged: number;
  blobsDeleted: number;
  bytesReclaimed: number;
  blobsRetainedShared: number;
}

/** A run's first line: what it will purge and free; `cutoff` is the ISO time before which versions were deleted. */
export function planLogLine(plan: RunPlanFigures, cutoff: string): string {
  return `Plan: purge ${plan.versionsPurged} versions deleted before ${cutoff}; free ${plan.blobsDeleted} blobs (${plan.bytesReclaimed} bytes); ${plan.blobsRetainedShared} blobs stay, shared with live versions.`;
}

/** Files left by uploads a crash interrupted, swept into the trash, or deleted at once with a retention of 0 (only the server has them). */
export function sweptLogLine(files: number, bytes: number, deletedAtOnce = false): string {
  const where = deletedAtOnce ? 'deleted at once (GC_TRASH_RETENTION_SECONDS is 0)' : 'into the trash';
  return `Swept ${files} blob files (${bytes} bytes) that no row knew, older than the upload window, ${where}: uploads interrupted by a crash left them.`;
}

/** Files removed for good from the trash, kept there longer than the retention time. */
export function emptiedTrashLogLine(removed: number, trashRetentionSeconds: number): string {
  return `Emptied ${removed} blobs from the trash (older than ${trashRetentionSeconds} s).`;
}

/** A successful run's last line: what it did. */
export function doneLogLine(run: Pick<RunPlanFigures, 'versionsPurged' | 'blobsDeleted' | 'bytesReclaimed'>): string {
  return `Done: purged ${run.versionsPurged} versions, deleted ${run.blobsDeleted} blobs, reclaimed ${run.bytesReclaimed} bytes.`;
}

/** A failed run's last line; the same message is the run's `error`. */
export function failedLogLine(message: string): string {
  return `Failed: ${message}`;
}
