/**
 * Deletion jobs, as the server's `deletion-jobs/` answers them. By default the mock runs a job to
 * completion when it is created (as its GC runs do): the job answers `succeeded` at once, with the
 * same totals, refusals and deletion act the server's batches would leave. With `jobBatchSize`
 * (a db option) it runs one batch per read instead, so the web app can be tested mid-job.
 */
import type { ProjectRef } from '../../domain/api-paths';
import { MOCK_ADMIN } from '../auth/state';
import {
  deletionJobNotFound,
  isFinishedJob,
  JOB_REFUSALS,
  parseDeletionJobRequest,
  type DeletionDryRun,
  type DeletionJob,
  type DeletionJobAction,
  type DeletionJobFilter,
  type DeletionJobRequest,
} from '../../domain/deletion-jobs';
import { parseIsoTime } from '../../domain/iso-time';
import { versionLabel } from '../../domain/names';
import { requireName } from '../../domain/validate';
import { requireProjectByNames } from './browse';
import { newDeletionAct, restoreRecord, softDeleteVersion, type DeletionAct } from './delete';
import { candidateBlobs, summarize } from './reclaim';
import type { CollectionRecord, ProjectRecord, VersionRecord } from './records';
import { requireCollection, type MockStore } from './store';

const LABEL = /^v(\d+)$/;
/** As the server's: a job lists this many refusals at most; `failed` counts them all. */
const REFUSALS_SHOWN = 1000;
const projectKey = (ref: ProjectRef) => `${ref.entity}/${ref.project}`;
const label = (v: VersionRecord) => (v.index === null ? null : versionLabel(v.index));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The aliases a filter looks at: live ones for a delete, those its deletion removed for a restore. */
const aliasesOf = (v: VersionRecord, action: DeletionJobRequest['action']): string[] => (action === 'delete' ? [...v.aliases] : v.deletedAliases);

function matches(v: VersionRecord, action: DeletionJobRequest['action'], filter: DeletionJobFilter): boolean {
  if (v.state !== (action === 'delete' ? 'COMMITTED' : 'PENDING_DELETION')) return false;
  const aliases = aliasesOf(v, action);
  if (filter.collections && !filter.collections.includes(v.collection)) return false;
  if (filter.versions && !filter.versions.some((ref) => (LABEL.test(ref) ? v.index === Number(LABEL.exec(ref)![1]) : v.id === ref))) return false;
  if (filter.noAliases && aliases.length > 0) return false;
  if (filter.aliases && !aliases.some((a) => filter.aliases!.includes(a))) return false;
  if (filter.notAliases && aliases.some((a) => filter.notAliases!.includes(a))) return false;
  if (filter.createdBefore && !(v.createdAt < (parseIsoTime(filter.createdBefore) ?? Number.NaN))) return false;
  if (filter.createdAfter && !(v.createdAt > (parseIsoTime(filter.createdAfter) ?? Number.NaN))) return false;
  if (filter.runId && v.runId !== filter.runId) return false;
  if (filter.minSizeBytes !== undefined && v.sizeBytes < filter.minSizeBytes) return false;
  return true;
}

function matching(project: ProjectRecord, request: DeletionJobRequest): { collection: CollectionRecord; version: VersionRecord }[] {
  const found = [...project.collections.values()].flatMap((collection) =>
    [...collection.indexed, ...collection.pending].filter((v) => matches(v, request.action, request.filter)).map((version) => ({ collection, version })),
  );
  return found.sort((a, b) => a.version.seq - b.version.seq);
}

function dryRun(store: MockStore, found: ReturnType<typeof matching>, request: DeletionJobRequest): DeletionDryRun {
  const aliases = found.flatMap(({ version }) =>
    aliasesOf(version, request.action).map((alias) => ({ collection: version.collection, index: version.index, version: label(version), alias })),
  );
  aliases.sort((a, b) => byText(a.collection, b.collection) || (b.index ?? -1) - (a.index ?? -1) || byText(a.alias, b.alias));
  let bytes = { reclaimableBytes: 0, sharedBytes: 0 };
  if (request.action === 'delete') {
    const deleted = new Set(found.map((f) => f.version).filter((v) => request.deleteAliases || v.aliases.size === 0));
    const summary = summarize(candidateBlobs(store, deleted, (v) => deleted.has(v) || v.state === 'PENDING_DELETION'));
    bytes = { reclaimableBytes: summary.freedBytes, sharedBytes: summary.keptBytes };
  }
  return { versionCount: found.length, aliases: aliases.map(({ collection, version, alias }) => ({ collection, version, alias })), ...bytes };
}

/** A job's versions, as the server's `deletion_job_items`: queued ones wait for a batch; done ones are what an undo takes. */
export interface MockJobRecord {
  projectKey: string;
  job: DeletionJob;
  deleteAliases: boolean;
  act: DeletionAct;
  queued: { collection: CollectionRecord; version: VersionRecord }[];
  done: { collection: CollectionRecord; version: VersionRecord }[];
}

/** Why a version cannot be taken by the job when its batch comes, as the server's `batch.ts`. */
function refusal(record: MockJobRecord, version: VersionRecord): string | null {
  if (version.state === 'DELETED') return JOB_REFUSALS.garbageCollected;
  if (record.job.action === 'restore') return version.state === 'PENDING_DELETION' ? null : JOB_REFUSALS.notDeleted;
  if (version.state !== 'COMMITTED') return JOB_REFUSALS.alreadyDeleted;
  return version.aliases.size > 0 && !record.deleteAliases ? JOB_REFUSALS.aliasesPresent : null;
}

/** One batch of `size` queued versions; the job succeeds once none is left (as the server's runner). */
function runBatch(record: MockJobRecord, size: number, at: number): void {
  const { job } = record;
  if (isFinishedJob(job.state)) return;
  if (record.queued.length === 0) {
    job.state = 'succeeded';
    job.finishedAt = new Date(at).toISOString();
    return;
  }
  job.state = 'running';
  for (const item of record.queued.splice(0, size)) {
    const code = refusal(record, item.version);
    if (code !== null) {
      job.failed++;
      if (job.refusals.length < REFUSALS_SHOWN) job.refusals.push({ collection: item.collection.name, version: label(item.version), code });
      continue;
    }
    if (job.action === 'delete') softDeleteVersion(item.collection, item.version, record.act);
    else restoreRecord(item.collection, item.version, at);
    job.done++;
    record.done.push(item);
  }
}

/** Queues a job over `items` and, unless the store runs jobs step by step, runs it to the end at once. */
function startJob(
  store: MockStore,
  ref: ProjectRef,
  action: DeletionJobAction,
  deleteAliases: boolean,
  items: MockJobRecord['queued'],
  at: number,
): DeletionJob {
  const iso = new Date(at).toISOString();
  const job: DeletionJob = {
    id: `job_${store.deletionJobs.size + 1}`,
    action,
    state: 'queued',
    total: items.length,
    done: 0,
    failed: 0,
    refusals: [],
    createdAt: iso,
    finishedAt: null,
  };
  const record: MockJobRecord = { projectKey: projectKey(ref), job, deleteAliases, act: newDeletionAct(MOCK_ADMIN, at), queued: [...items], done: [] };
  store.deletionJobs.set(job.id, record);
  if (store.jobBatchSize === null) while (!isFinishedJob(job.state)) runBatch(record, Number.POSITIVE_INFINITY, at);
  return structuredClone(job);
}

/** `POST .../deletion-jobs`: the dry run's figures, or the job (already run, unless the store runs jobs step by step). */
export function createDeletionJob(store: MockStore, ref: ProjectRef, body: unknown, at: number): { dryRun: DeletionDryRun } | { job: DeletionJob } {
  const request = parseDeletionJobRequest(body);
  const project = requireProjectByNames(store, ref);
  for (const name of request.filter.collections ?? []) requireCollection(project, requireName('collection', name));
  const found = matching(project, request);
  if (request.dryRun) return { dryRun: dryRun(store, found, request) };
  return { job: startJob(store, ref, request.action, request.deleteAliases ?? false, found, at) };
}

function requireJob(store: MockStore, ref: ProjectRef, id: string): MockJobRecord {
  requireProjectByNames(store, ref);
  const record = store.deletionJobs.get(id);
  if (!record || record.projectKey !== projectKey(ref)) throw deletionJobNotFound(id);
  return record;
}

/**
 * `GET .../deletion-jobs/:id`. When the store runs jobs step by step (`jobBatchSize`), every read
 * first runs one batch of the job: the web app's polling then sees it queued, running and finished.
 */
export function getDeletionJob(store: MockStore, ref: ProjectRef, id: string, at: number): DeletionJob {
  const record = requireJob(store, ref, id);
  if (store.jobBatchSize !== null) runBatch(record, store.jobBatchSize, at);
  return structuredClone(record.job);
}

/** `POST .../deletion-jobs/:id/cancel`: an unfinished job stops (what was done stays done); a finished one is answered as it is. */
export function cancelDeletionJob(store: MockStore, ref: ProjectRef, id: string, at: number): DeletionJob {
  const record = requireJob(store, ref, id);
  if (!isFinishedJob(record.job.state)) {
    record.job.state = 'cancelled';
    record.job.finishedAt = new Date(at).toISOString();
    record.queued = [];
  }
  return structuredClone(record.job);
}

/**
 * `POST .../deletion-jobs/:id/undo`: a job of the opposite action over exactly the versions the
 * job changed (a restore undoes a delete; a delete, aliases included, undoes a restore); an
 * unfinished job is cancelled first, as on the server.
 */
export function undoDeletionJob(store: MockStore, ref: ProjectRef, id: string, at: number): DeletionJob {
  const record = requireJob(store, ref, id);
  cancelDeletionJob(store, ref, id, at);
  const action: DeletionJobAction = record.job.action === 'delete' ? 'restore' : 'delete';
  return startJob(store, ref, action, action === 'delete', record.done, at);
}
