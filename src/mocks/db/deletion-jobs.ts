/**
 * Deletion jobs, as the server's `deletion-jobs/` answers them, except that the mock runs a job to
 * completion when it is created (as its GC runs do): the job answers `succeeded` at once, with the
 * same totals, refusals and deletion act the server's batches would leave.
 */
import type { ProjectRef } from '../../domain/api-paths';
import { MOCK_ACTOR } from './mock-user';
import {
  deletionJobNotFound,
  JOB_REFUSALS,
  parseDeletionJobRequest,
  type DeletionDryRun,
  type DeletionJob,
  type DeletionJobFilter,
  type DeletionJobRequest,
} from '../../domain/deletion-jobs';
import { versionLabel } from '../../domain/names';
import { requireName } from '../../domain/validate';
import { requireProjectByNames } from './browse';
import { newDeletionAct, restoreRecord, softDeleteVersion } from './delete';
import { candidateBlobs, summarize } from './reclaim';
import type { CollectionRecord, ProjectRecord, VersionRecord } from './records';
import { requireCollection, type MockStore } from './store';

const LABEL = /^v(\d+)$/;
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
  if (filter.createdBefore && !(v.createdAt < Date.parse(filter.createdBefore))) return false;
  if (filter.createdAfter && !(v.createdAt > Date.parse(filter.createdAfter))) return false;
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

/** `POST .../deletion-jobs`: the dry run's figures, or the job, already run. */
export function createDeletionJob(store: MockStore, ref: ProjectRef, body: unknown, at: number): { dryRun: DeletionDryRun } | { job: DeletionJob } {
  const request = parseDeletionJobRequest(body);
  const project = requireProjectByNames(store, ref);
  for (const name of request.filter.collections ?? []) requireCollection(project, requireName('collection', name));
  const found = matching(project, request);
  if (request.dryRun) return { dryRun: dryRun(store, found, request) };
  const act = newDeletionAct(MOCK_ACTOR, at);
  const refusals: DeletionJob['refusals'] = [];
  for (const { collection, version } of found) {
    if (request.action === 'delete' && version.aliases.size > 0 && !request.deleteAliases) {
      refusals.push({ collection: collection.name, version: label(version), code: JOB_REFUSALS.aliasesPresent });
      continue;
    }
    if (request.action === 'delete') softDeleteVersion(collection, version, act);
    else restoreRecord(collection, version, at);
  }
  const iso = new Date(at).toISOString();
  const job: DeletionJob = {
    id: `job_${store.deletionJobs.size + 1}`,
    action: request.action,
    state: 'succeeded',
    total: found.length,
    done: found.length - refusals.length,
    failed: refusals.length,
    refusals,
    createdAt: iso,
    finishedAt: iso,
  };
  store.deletionJobs.set(job.id, { projectKey: projectKey(ref), job });
  return { job: structuredClone(job) };
}

/** `GET .../deletion-jobs/:id`. */
export function getDeletionJob(store: MockStore, ref: ProjectRef, id: string): DeletionJob {
  requireProjectByNames(store, ref);
  const entry = store.deletionJobs.get(id);
  if (!entry || entry.projectKey !== projectKey(ref)) throw deletionJobNotFound(id);
  return structuredClone(entry.job);
}

/** `POST .../deletion-jobs/:id/cancel`: every mock job has finished, so it is answered as it is. */
export function cancelDeletionJob(store: MockStore, ref: ProjectRef, id: string): DeletionJob {
  return getDeletionJob(store, ref, id);
}
