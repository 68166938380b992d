/**
 * The sentences of a garbage-collection run's log, built from its figures. The server's engine and
 * the mock backend both write them, so the Storage page reads the same words from either. People
 * read them (the run's drawer on the Storage page), so counts agree with their nouns and sizes and
 * periods are in human units; the run's record keeps the exact figures.
 */
import { formatBytes, formatCount, formatDuration, formatExactTime } from './format';

/** The figures a run announces when it starts (a dry run's whole answer). */
export interface RunPlanFigures {
  versionsPurged: number;
  blobsDeleted: number;
  bytesReclaimed: number;
  blobsRetainedShared: number;
}

/** A run's first line: what it will purge and free; `cutoff` is the ISO time before which versions were deleted. */
export function planLogLine(plan: RunPlanFigures, cutoff: string): string {
  const kept = plan.blobsRetainedShared;
  return `Plan: purge ${formatCount(plan.versionsPurged, 'version')} deleted before ${formatExactTime(cutoff)}; free ${formatCount(plan.blobsDeleted, 'blob')} (${formatBytes(plan.bytesReclaimed)}); ${formatCount(kept, 'blob')} ${kept === 1 ? 'stays' : 'stay'}, shared with live versions.`;
}

/** Files left by uploads a crash interrupted, swept into the trash, or deleted at once with a retention of 0 (only the server has them). */
export function sweptLogLine(files: number, bytes: number, deletedAtOnce = false): string {
  const where = deletedAtOnce ? 'deleted at once (GC_TRASH_RETENTION_SECONDS is 0)' : 'into the trash';
  return `Swept ${formatCount(files, 'blob file')} (${formatBytes(bytes)}) that no row knew, older than the upload window, ${where}: uploads interrupted by a crash left them.`;
}

/** Files removed for good from the trash, kept there longer than the retention time. */
export function emptiedTrashLogLine(removed: number, trashRetentionSeconds: number): string {
  return `Emptied ${formatCount(removed, 'blob')} from the trash, kept there longer than ${formatDuration(trashRetentionSeconds)}.`;
}

/** A successful run's last line: what it did. */
export function doneLogLine(run: Pick<RunPlanFigures, 'versionsPurged' | 'blobsDeleted' | 'bytesReclaimed'>): string {
  return `Done: purged ${formatCount(run.versionsPurged, 'version')}, deleted ${formatCount(run.blobsDeleted, 'blob')}, reclaimed ${formatBytes(run.bytesReclaimed)}.`;
}

/** A failed run's last line; the same message is the run's `error`. */
export function failedLogLine(message: string): string {
  return `Failed: ${message}`;
}
