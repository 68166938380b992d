import { expectedPurgeAt as scheduledPurgeAt, purgeEligibleAt, type GcStatus } from '../../../../domain';

export { formatDuration } from '../../../../domain';

/**
 * When garbage collection will purge a version deleted at `deletedAtMs`: the first scheduled run
 * once the grace period has passed, as the server's scheduler computes `expectedPurgeAt`. Null
 * when collection is off or the schedule is unknown.
 */
export function expectedPurgeAt(gc: GcStatus, deletedAtMs: number): string | null {
  if (!gc.enabled || gc.nextRunAt === null) return null;
  const eligible = purgeEligibleAt(deletedAtMs, gc.graceSeconds ?? 0);
  const next = Date.parse(gc.nextRunAt);
  if (eligible > next && !gc.intervalSeconds) return null;
  const at = scheduledPurgeAt(next, gc.intervalSeconds ?? 0, eligible);
  return at === null ? null : new Date(at).toISOString();
}
