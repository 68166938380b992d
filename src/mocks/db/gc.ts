/**
 * Garbage collection in the mock: `GET /gc`, `POST /gc/runs`, `GET /gc/runs[/:id]`, with the
 * server's figures, run records and log (`gc/engine.ts`, `plan.ts`, `status.ts`, `runs.ts`).
 *
 * Differences that are on purpose:
 * - A real run completes at once, so `POST /gc/runs` answers `200` with the finished run (the
 *   contract allows it; the server answers `202` with a `running` run and finishes in the background).
 * - No scheduled run ever happens: `nextRunAt` advances by the interval from the db's start, so
 *   the web app can show it, but the mock only collects when asked to.
 * - Uploads referenced by no version are never collected (see `planRun`).
 */
import type { GcRun, GcStatus } from '../../domain/gc';
import { StartGcRunRequestSchema, trashSafetyNet } from '../../domain/gc';
import { expectedPurgeAt as scheduledPurgeAt, purgeCutoff, trashEmptyCutoff } from '../../domain/deletion-rules';
import { doneLogLine, emptiedTrashLogLine, planLogLine } from '../../domain/gc-log';
import { gcDisabled, gcRunNotFound } from '../../domain/gc-refusals';
import type { Page } from '../../domain/schemas';
import { decodeCursor, parseBody, parsePageParams } from '../../domain/validate';
import type { ListQuery } from './browse';
import { takePage } from './paging';
import { planRun, type PurgedSet } from './reclaim';
import { allVersions, blobStoreOf, collectionOf, setVersionState, type MockStore } from './store';

/** The mock's counterpart of the server's GC settings (`ARTIFACT_GC_ENABLED`, `GC_*_SECONDS`). */
export interface MockGcOptions {
  enabled: boolean;
  /** Why it is off; a default sentence is used when off without a reason. */
  disabledReason: string | null;
  graceSeconds: number;
  intervalSeconds: number;
  trashRetentionSeconds: number;
}

export const DEFAULT_GC_OPTIONS: MockGcOptions = {
  enabled: true,
  disabledReason: null,
  graceSeconds: 86400,
  intervalSeconds: 3600,
  trashRetentionSeconds: 604800,
};

type RunLog = NonNullable<GcRun['log']>;

/** A removed blob, kept in the trash area until its retention time has passed. */
interface TrashEntry {
  entity: string;
  digest: string;
  sizeBytes: number;
  trashedAt: number;
}

export interface MockGcState {
  options: MockGcOptions;
  /** When the db was created: scheduled runs would fall every interval from here. */
  startedAt: number;
  /** Every run, oldest first; `seq` orders them and keys the cursor. */
  runs: { seq: number; run: GcRun }[];
  trash: TrashEntry[];
}

/** The GC state of a new db. */
export function createGcState(options: Partial<MockGcOptions> | undefined, startedAt: number): MockGcState {
  const merged = { ...DEFAULT_GC_OPTIONS, ...options };
  if (!merged.enabled && merged.disabledReason === null) {
    merged.disabledReason = 'Garbage collection is off in this mock backend (createMockDb({ gc: { enabled: false } })).';
  }
  if (merged.enabled) merged.disabledReason = null;
  return { options: merged, startedAt, runs: [], trash: [] };
}

/** The next scheduled run after `now`, or null when garbage collection is off. */
export function nextRunAt(gc: MockGcState, now: number): number | null {
  if (!gc.options.enabled) return null;
  const interval = gc.options.intervalSeconds * 1000;
  return gc.startedAt + (Math.floor(Math.max(0, now - gc.startedAt) / interval) + 1) * interval;
}

/** When the schedule purges a version that may be purged from `eligibleAt` on (the server's `expectedPurgeAt`). */
export function expectedPurgeAt(gc: MockGcState, eligibleAt: number, now: number): number | null {
  return scheduledPurgeAt(nextRunAt(gc, now), gc.options.intervalSeconds, eligibleAt);
}

/** `GET /api/v1/gc`. */
export function gcStatus(store: MockStore, gc: MockGcState, now: number): GcStatus {
  const pendingDeletion: PurgedSet = (v) => v.state === 'PENDING_DELETION';
  let pendingVersions = 0;
  for (const version of allVersions(store)) if (pendingDeletion(version)) pendingVersions++;
  const last = [...gc.runs].reverse().find((r) => !r.run.dryRun);
  const next = nextRunAt(gc, now);
  return {
    enabled: gc.options.enabled,
    disabledReason: gc.options.disabledReason,
    pendingVersions,
    // Purging every version pending deletion, grace period or not (the contract's definition).
    reclaimableBytes: planRun(store, pendingDeletion).bytesReclaimed,
    lastRun: last ? cloneRun(last.run) : null,
    nextRunAt: next === null ? null : iso(next),
    graceSeconds: gc.options.graceSeconds,
    intervalSeconds: gc.options.intervalSeconds,
    trashRetentionSeconds: gc.options.trashRetentionSeconds,
    trashBytes: trashBytes(gc),
    running: null,
    safetyNet: trashSafetyNet(gc.options.trashRetentionSeconds),
  };
}

/** Bytes in the trash area, of one entity or of all. */
export function trashBytes(gc: MockGcState, entity?: string): number {
  return gc.trash.filter((t) => entity === undefined || t.entity === entity).reduce((sum, t) => sum + t.sizeBytes, 0);
}

/** `POST /api/v1/gc/runs`: a dry run reports the plan; a real run carries it out at once. */
export function startGcRun(store: MockStore, gc: MockGcState, body: unknown, now: number): GcRun {
  // As on the server: the body is checked before the switch.
  const { dryRun } = parseBody(StartGcRunRequestSchema, body);
  if (!gc.options.enabled) throw gcDisabled(gc.options.disabledReason);
  const cutoff = purgeCutoff(now, gc.options.graceSeconds);
  const plan = planRun(store, (v) => v.state === 'PENDING_DELETION' && v.deletedAt !== null && v.deletedAt <= cutoff);
  const seq = (gc.runs[gc.runs.length - 1]?.seq ?? 0) + 1;
  const planned = { versionsPurged: plan.versionsPurged, blobsDeleted: plan.blobsDeleted, bytesReclaimed: plan.bytesReclaimed };
  const log: RunLog = [{ at: iso(now), message: planLogLine(plan, iso(cutoff)) }];
  const run: GcRun = {
    id: `gc_${seq.toString(16).padStart(16, '0')}`,
    dryRun,
    status: 'succeeded',
    startedAt: iso(now),
    finishedAt: iso(now),
    // A dry run's figures are what the run would do; a real run's what it did, the same here.
    ...planned,
    blobsRetainedShared: plan.blobsRetainedShared,
    error: null,
    trigger: 'manual',
    phase: 'done',
    planned,
    log,
  };
  gc.runs.push({ seq, run });
  if (!dryRun) {
    // Purged versions become tombstones; the server does not stamp their collections' updatedAt.
    for (const version of plan.versions) setVersionState(collectionOf(store, version), version, 'DELETED', now, false);
    for (const blob of plan.freed) {
      blobStoreOf(store, blob.entity).delete(blob.digest);
      // A retention of 0 deletes removed files at once, as the server does (decision 184).
      if (gc.options.trashRetentionSeconds > 0) gc.trash.push({ entity: blob.entity, digest: blob.digest, sizeBytes: blob.sizeBytes, trashedAt: now });
    }
    emptyTrash(gc, log, now);
    log.push({ at: iso(now), message: doneLogLine(run) });
  }
  return cloneRun(run);
}

/** `GET /api/v1/gc/runs`: newest first, dry runs included. */
export function listGcRuns(gc: MockGcState, query: ListQuery): Page<GcRun> {
  const page = parsePageParams(query);
  const before = page.cursor === null ? null : decodeCursor<[number]>(page.cursor, ['number'])[0];
  function* walk() {
    for (let i = gc.runs.length - 1; i >= 0; i--) if (before === null || gc.runs[i]!.seq < before) yield gc.runs[i]!;
  }
  return takePage(
    walk(),
    page.limit,
    (r) => [r.seq],
    (r) => cloneRun(r.run),
  );
}

/** `GET /api/v1/gc/runs/:id`, or `404 GC_RUN_NOT_FOUND`. */
export function getGcRun(gc: MockGcState, id: string): GcRun {
  const found = gc.runs.find((r) => r.run.id === id);
  if (!found) throw gcRunNotFound(id);
  return cloneRun(found.run);
}

/** Blobs kept in the trash longer than the retention time are gone for good. */
function emptyTrash(gc: MockGcState, log: RunLog, now: number): void {
  const before = trashEmptyCutoff(now, gc.options.trashRetentionSeconds);
  const kept = gc.trash.filter((t) => t.trashedAt > before);
  const removed = gc.trash.length - kept.length;
  gc.trash = kept;
  if (removed > 0) log.push({ at: iso(now), message: emptiedTrashLogLine(removed, gc.options.trashRetentionSeconds) });
}

/** Answers are copies: a caller mutating one must not rewrite the history. */
function cloneRun(run: GcRun): GcRun {
  return structuredClone(run);
}

const iso = (ms: number) => new Date(ms).toISOString();
