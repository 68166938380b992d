/**
 * Deleting (or restoring) every version of a project that matches a filter, on the server's
 * deletion jobs (decision 140): a dry run answers at once; otherwise the job is created and polled
 * until it ends, reporting its progress. Shared by `AtticClient` and `Api` (decision 155).
 */
import {
  DeletionDryRunSchema,
  DeletionJobResponseSchema,
  DeletionJobSchema,
  deletionPaths,
  isFinishedJob,
  isoTimeMessage,
  parseIsoTime,
  type DeletionDryRun,
  type DeletionJob,
  type DeletionJobAction,
  type DeletionJobFilter,
  type DeletionJobState,
  type ProjectRef,
} from '../domain';
import { InvalidRequestError } from './errors';
import type { Http } from './http';

/** What `onProgress` is told after every poll. */
export interface DeletionJobProgress {
  total: number;
  done: number;
  failed: number;
  state: DeletionJobState;
}

export interface DeletionJobOptions {
  /** Delete the versions with their aliases; without it, a version with aliases is refused (`ALIASES_PRESENT`). Delete only. */
  deleteAliases?: boolean;
  /** Answer what the job would do (count, aliases, bytes freed) and change nothing. */
  dryRun?: boolean;
  /** Called once the job is created and after every poll, until it has ended. */
  onProgress?: (progress: DeletionJobProgress) => void;
  /**
   * Aborting cancels the job on the server (it stops before its next batch; what was done stays
   * done) and the promise resolves with the cancelled job. Aborted before the job exists, nothing
   * is created and the promise rejects with the signal's reason.
   */
  signal?: AbortSignal;
  /** Pause between polls, in ms (default 250). */
  pollMs?: number;
}

export type DryRunOptions = DeletionJobOptions & { dryRun: true };
export type RunOptions = DeletionJobOptions & { dryRun?: false };

/**
 * Refuses a filter time that is not strict ISO 8601 before anything is sent, with the error the
 * server would answer: a script's `12/31/2099` must fail here, not reach a server that guesses.
 */
function requireFilterTimes(filter: DeletionJobFilter): void {
  for (const key of ['createdBefore', 'createdAfter'] as const) {
    const value = filter[key];
    if (value === undefined || parseIsoTime(value) !== null) continue;
    const field = `filter.${key}`;
    throw new InvalidRequestError(400, 'INVALID_REQUEST', isoTimeMessage(field, String(value)), { field });
  }
}

/** The job's dry run: `200 {versionCount, aliases, reclaimableBytes, sharedBytes}`, nothing changes. */
export async function dryRunDeletionJob(http: Http, ref: ProjectRef, action: DeletionJobAction, filter: DeletionJobFilter, deleteAliases?: boolean) {
  requireFilterTimes(filter);
  return http.json(DeletionDryRunSchema, deletionPaths.deletionJobs(ref), { method: 'POST', body: { action, filter, deleteAliases, dryRun: true } });
}

/** Creates the job (`202 {job}`) and answers it queued, without waiting. */
export async function startDeletionJob(
  http: Http,
  ref: ProjectRef,
  action: DeletionJobAction,
  filter: DeletionJobFilter,
  deleteAliases?: boolean,
): Promise<DeletionJob> {
  requireFilterTimes(filter);
  return (await http.json(DeletionJobResponseSchema, deletionPaths.deletionJobs(ref), { method: 'POST', body: { action, filter, deleteAliases } })).job;
}

export function readDeletionJob(http: Http, ref: ProjectRef, id: string): Promise<DeletionJob> {
  return http.json(DeletionJobSchema, deletionPaths.deletionJob(ref, id));
}

export async function cancelDeletionJob(http: Http, ref: ProjectRef, id: string): Promise<DeletionJob> {
  return (await http.json(DeletionJobResponseSchema, deletionPaths.cancelDeletionJob(ref, id), { method: 'POST' })).job;
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller then cancels the job). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const progressOf = (job: DeletionJob): DeletionJobProgress => ({ total: job.total, done: job.done, failed: job.failed, state: job.state });

/**
 * Runs a deletion job to its end: the dry run's figures with `dryRun`, else the final job
 * (`succeeded`, `failed` or `cancelled`) with its refusals. Errors answered by the server are the
 * SDK's typed errors (`InvalidRequestError` for an empty filter, `NotFoundError` for an unknown
 * project or collection); refusals of single versions are in the job, not thrown.
 */
export async function runDeletionJob(
  http: Http,
  ref: ProjectRef,
  action: DeletionJobAction,
  filter: DeletionJobFilter,
  options: DeletionJobOptions = {},
): Promise<DeletionJob | DeletionDryRun> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (options.dryRun) return dryRunDeletionJob(http, ref, action, filter, options.deleteAliases);
  let job = await startDeletionJob(http, ref, action, filter, options.deleteAliases);
  options.onProgress?.(progressOf(job));
  while (!isFinishedJob(job.state)) {
    await pause(options.pollMs ?? 250, signal);
    // Cancelled here, the server answers the job as it stands: cancelled, or already finished.
    job = signal?.aborted ? await cancelDeletionJob(http, ref, job.id) : await readDeletionJob(http, ref, job.id);
    options.onProgress?.(progressOf(job));
  }
  return job;
}
