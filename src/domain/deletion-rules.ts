/**
 * Rules of deleting and purging that the server and the mock backend must apply alike: which
 * states keep a blob stored, how `?deleteAliases=` reads, the two refusals and when a version
 * pending deletion is purged. One copy here, so the two backends cannot drift apart.
 */
import { aliasesPresentMessage } from './deletion';
import { ApiError, errors } from './errors';
import { sortAliases, versionLabel } from './names';
import type { VersionState } from './schemas';

/** States whose references keep a blob stored: garbage collection never frees a blob one of them references. */
export const COUNTING_STATES = ['PENDING', 'COMMITTED', 'PENDING_DELETION'] as const satisfies readonly VersionState[];

export function isCountingState(state: VersionState): boolean {
  return (COUNTING_STATES as readonly VersionState[]).includes(state);
}

/** A boolean query flag such as `?deleteAliases=`: absent, `false` or `0` is false; `true`, `1` or empty is true; anything else `400`. */
export function parseBooleanFlag(name: string, value: string | null | undefined): boolean {
  if (value === null || value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1' || value === '') return true;
  throw errors.invalidRequest(`${name} must be true or false.`, { field: name });
}

/** The version a refusal names: its collection and its label, or its id while it has no index. */
export interface RefusedVersion {
  collection: string;
  index: number | null;
  id: string;
}

const labelOf = (v: RefusedVersion) => `${v.collection}:${v.index === null ? v.id : versionLabel(v.index)}`;
const detailsOf = (v: RefusedVersion) => ({ collection: v.collection, version: v.index === null ? null : versionLabel(v.index) });

/** `409 ALIASES_PRESENT`: deleting a version with aliases needs `deleteAliases=true`; names them, `latest` first. */
export function aliasesPresent(version: RefusedVersion, aliases: readonly string[]): ApiError {
  const sorted = sortAliases(aliases);
  return new ApiError(409, 'ALIASES_PRESENT', aliasesPresentMessage(labelOf(version), version.collection, sorted), { aliases: sorted, ...detailsOf(version) });
}

/** What `alreadyGarbageCollected` says cannot be done to a tombstone when it is a TTL that was asked for. */
export const NO_TTL_ON_TOMBSTONES = 'a TTL cannot be set on it';

/** `409 ALREADY_GARBAGE_COLLECTED`: a purged version's files are gone; it cannot be restored (or, `refused`, given a TTL). */
export function alreadyGarbageCollected(version: RefusedVersion, deletedAt: string | null, refused = 'it cannot be restored'): ApiError {
  const when = deletedAt === null ? '' : ` (deleted ${deletedAt})`;
  return new ApiError(
    409,
    'ALREADY_GARBAGE_COLLECTED',
    `${labelOf(version)} was garbage-collected${when}; its files are gone and ${refused}.`,
    detailsOf(version),
  );
}

/** From this time on (ms) a run purges a version deleted at `deletedAtMs`: the grace period has passed. */
export function purgeEligibleAt(deletedAtMs: number, graceSeconds: number): number {
  return deletedAtMs + graceSeconds * 1000;
}

/**
 * The latest deletion time (ms) a run starting at `nowMs` purges: a version deleted at or before it
 * has had its grace period (`purgeEligibleAt(deletedAt) <= nowMs`, the same rule turned round).
 */
export function purgeCutoff(nowMs: number, graceSeconds: number): number {
  return nowMs - graceSeconds * 1000;
}

/** The latest time (ms) a file may have entered the trash for a run at `nowMs` to remove it for good. */
export function trashEmptyCutoff(nowMs: number, trashRetentionSeconds: number): number {
  return nowMs - trashRetentionSeconds * 1000;
}

/**
 * The scheduled run (ms) that purges a version eligible from `eligibleAt` on: the next run if it
 * is eligible by then, else the first run of the schedule after it. Null when nothing is scheduled.
 */
export function expectedPurgeAt(nextRunAt: number | null, intervalSeconds: number, eligibleAt: number): number | null {
  if (nextRunAt === null) return null;
  if (eligibleAt <= nextRunAt) return nextRunAt;
  const interval = intervalSeconds * 1000;
  return nextRunAt + Math.ceil((eligibleAt - nextRunAt) / interval) * interval;
}
