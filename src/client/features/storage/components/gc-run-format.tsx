/** How a garbage-collection run reads in the history, the detail page and the progress view. */
import type { GcRun } from '../../../../domain';
import { Badge } from '../../../ui/badge';

/** "Scheduled" or "Manual"; a server older than Attic's additions does not say. */
export function triggerLabel(trigger: GcRun['trigger']): string {
  if (trigger === 'schedule') return 'Scheduled';
  if (trigger === 'manual') return 'Manual';
  return '—';
}

/** A dry run only plans; its figures are what a real run would have done. */
export function kindLabel(run: GcRun): string {
  return run.dryRun ? 'Dry run' : 'Real run';
}

/** 0.4 s -> "under 1 s", 65 s -> "1 min 5 s", 2 h 5 min -> "2 h 5 min": what a person compares at a glance. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return 'under 1 s';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** How long the run took, or "running" while it has not finished. */
export function runDuration(run: GcRun): string {
  if (run.finishedAt === null) return 'running';
  return formatElapsed(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
}

/** Running in the accent colour, failed in red, succeeded quietly. */
export function GcRunStatusBadge({ status }: { status: GcRun['status'] }) {
  if (status === 'running') return <Badge tone="accent">Running</Badge>;
  if (status === 'failed') return <Badge tone="danger">Failed</Badge>;
  return <Badge>Succeeded</Badge>;
}

/** The plan's totals; a run recorded without them (an older server) falls back to what it did. */
export function plannedOf(run: GcRun): NonNullable<GcRun['planned']> {
  return run.planned ?? { versionsPurged: run.versionsPurged, blobsDeleted: run.blobsDeleted, bytesReclaimed: run.bytesReclaimed };
}
