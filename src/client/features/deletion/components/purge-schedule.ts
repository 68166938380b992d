import { expectedPurgeAt as scheduledPurgeAt, purgeEligibleAt, type GcStatus } from '../../../../domain';

const UNITS: [string, number][] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** 86400 -> "1 day", 5400 -> "90 minutes": the largest unit that states the period exactly. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${n === 1 ? unit : `${unit}s`}`;
    }
  }
  return `${seconds} seconds`;
}

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
