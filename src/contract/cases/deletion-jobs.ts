/** Contract cases of deletion jobs: dry runs, the empty filter, delete and restore jobs, refusals and cancel. */
import { expect } from 'vitest';
import type { ProjectRef } from '../../domain/api-paths';
import { deletionPaths } from '../../domain/api-paths';
import { DeletionDryRunSchema, DeletionJobResponseSchema, DeletionJobSchema, type DeletionJob } from '../../domain/deletion-jobs';
import { expectError, expectJson, freshProject, getJson, logCommitted, sendJson, type ContractCase, type ContractTarget } from '../client';
import { deleteVersion, getCollection, getVersion, sizedFile } from '../deletion-client';

/**
 * Starts a job and polls it until it has finished: `202` with the job either way (the server's
 * is still queued, the mock's has already run). Waits on the state, never on a time.
 */
async function runJob(target: ContractTarget, ref: ProjectRef, body: Record<string, unknown>): Promise<DeletionJob> {
  return followJob(target, ref, await sendJson(target, 'POST', deletionPaths.deletionJobs(ref), body));
}

/** Reads a `202 {job}` answer and polls that job until it has finished. */
async function followJob(target: ContractTarget, ref: ProjectRef, response: Response): Promise<DeletionJob> {
  let { job } = await expectJson(response, DeletionJobResponseSchema, 202);
  while (job.state === 'queued' || job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    job = await getJson(target, deletionPaths.deletionJob(ref, job.id), DeletionJobSchema);
  }
  return job;
}

/** ds: v0 (a, b), v1 (b, c), v2 with `prod` and `latest` (d); "other" holds c too, so c stays shared. */
async function layout(target: ContractTarget) {
  const ref = freshProject();
  const [a, b, c, d] = [sizedFile('a', 100), sizedFile('b', 200), sizedFile('c', 400), sizedFile('d', 800)] as const;
  await logCommitted(target, ref, { name: 'ds', files: [a, b] });
  await logCommitted(target, ref, { name: 'ds', files: [b, c] });
  await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [d] });
  await logCommitted(target, ref, { name: 'other', files: [c] });
  return { ref, sizes: { a: a.sizeBytes, b: b.sizeBytes, c: c.sizeBytes, d: d.sizeBytes } };
}

export const deletionJobCases: ContractCase[] = [
  {
    name: 'a deletion job dry run answers 200 with the count, the aliases and the bytes GC would free (shared ones once), and changes nothing',
    async run(target) {
      const { ref, sizes } = await layout(target);
      const before = await getCollection(target, ref, 'ds');
      const plain = await sendJson(target, 'POST', deletionPaths.deletionJobs(ref), { action: 'delete', filter: { noAliases: true }, dryRun: true });
      expect(await expectJson(plain, DeletionDryRunSchema, 200)).toEqual({
        versionCount: 2,
        aliases: [],
        reclaimableBytes: sizes.a + sizes.b,
        sharedBytes: sizes.c,
      });
      const all = await sendJson(target, 'POST', deletionPaths.deletionJobs(ref), {
        action: 'delete',
        filter: { collections: ['ds'] },
        deleteAliases: true,
        dryRun: true,
      });
      expect(await expectJson(all, DeletionDryRunSchema, 200)).toEqual({
        versionCount: 3,
        aliases: [
          { collection: 'ds', version: 'v2', alias: 'latest' },
          { collection: 'ds', version: 'v2', alias: 'prod' },
        ],
        reclaimableBytes: sizes.a + sizes.b + sizes.d,
        sharedBytes: sizes.c,
      });
      expect(await getCollection(target, ref, 'ds')).toEqual(before);
    },
  },
  {
    name: 'a deletion job with an empty, missing or unknown filter is 400 INVALID_REQUEST, never "everything"',
    async run(target) {
      const { ref } = await layout(target);
      const path = deletionPaths.deletionJobs(ref);
      for (const body of [
        { action: 'delete', filter: {} },
        { action: 'delete' },
        { action: 'delete', filter: { noAliases: false } },
        { action: 'delete', filter: { colour: 'red' } },
        { action: 'purge', filter: { noAliases: true } },
        { action: 'delete', filter: [] },
        { action: 'delete', filter: { collections: [] } },
        { action: 'delete', filter: { minSizeBytes: -1 } },
        { action: 'delete', filter: { versions: Array.from({ length: 1001 }, (_, i) => `v${i}`) } },
        { action: 'delete', filter: { noAliases: true }, dryRun: 'yes' },
      ]) {
        await expectError(await sendJson(target, 'POST', path, body), 400, 'INVALID_REQUEST');
      }
      await expectError(await sendJson(target, 'POST', path, { action: 'delete', filter: { collections: ['nope'] } }), 404, 'COLLECTION_NOT_FOUND');
      await expectError(
        await sendJson(target, 'POST', deletionPaths.deletionJobs({ ...ref, project: 'missing' }), { action: 'delete', filter: { noAliases: true } }),
        404,
        'PROJECT_NOT_FOUND',
      );
      expect((await getCollection(target, ref, 'ds')).pendingDeletionCount).toBe(0);
    },
  },
  {
    name: 'a delete job by noAliases deletes every version without aliases and leaves latest where it is',
    async run(target) {
      const { ref } = await layout(target);
      const job = await runJob(target, ref, { action: 'delete', filter: { noAliases: true } });
      expect(job).toMatchObject({ action: 'delete', state: 'succeeded', total: 2, done: 2, failed: 0, refusals: [] });
      expect(job.finishedAt).not.toBeNull();
      expect((await getVersion(target, ref, 'ds', 'v0')).state).toBe('PENDING_DELETION');
      expect((await getVersion(target, ref, 'ds', 'v1')).state).toBe('PENDING_DELETION');
      expect(await getVersion(target, ref, 'ds', 'latest')).toMatchObject({ version: 'v2', state: 'COMMITTED', aliases: ['latest', 'prod'] });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 1, pendingDeletionCount: 2 });
      expect((await getVersion(target, ref, 'other', 'v0')).state).toBe('COMMITTED');
    },
  },
  {
    name: 'a delete job refuses each version with aliases (ALIASES_PRESENT) without deleteAliases and deletes the rest',
    async run(target) {
      const { ref } = await layout(target);
      const job = await runJob(target, ref, { action: 'delete', filter: { collections: ['ds'] } });
      expect(job).toMatchObject({ state: 'succeeded', total: 3, done: 2, failed: 1, refusals: [{ collection: 'ds', version: 'v2', code: 'ALIASES_PRESENT' }] });
      expect(await getVersion(target, ref, 'ds', 'v2')).toMatchObject({ state: 'COMMITTED', aliases: ['latest', 'prod'] });
    },
  },
  {
    name: 'a restore job brings the versions back with the aliases their deletion removed, and latest',
    async run(target) {
      const { ref } = await layout(target);
      await runJob(target, ref, { action: 'delete', filter: { collections: ['ds'] }, deleteAliases: true });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 0, pendingDeletionCount: 3 });
      const job = await runJob(target, ref, { action: 'restore', filter: { collections: ['ds'] } });
      expect(job).toMatchObject({ action: 'restore', state: 'succeeded', total: 3, done: 3, failed: 0, refusals: [] });
      expect(await getVersion(target, ref, 'ds', 'v2')).toMatchObject({ state: 'COMMITTED', aliases: ['latest', 'prod'] });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 3, pendingDeletionCount: 0 });
    },
  },
  {
    name: 'cancelling a finished job answers 200 with it unchanged; an unknown job is 404 NOT_FOUND',
    async run(target) {
      const { ref } = await layout(target);
      const job = await runJob(target, ref, { action: 'delete', filter: { collections: ['ds'], versions: ['v0'] } });
      expect(job).toMatchObject({ state: 'succeeded', total: 1, done: 1 });
      const cancelled = await expectJson(await sendJson(target, 'POST', deletionPaths.cancelDeletionJob(ref, job.id), {}), DeletionJobResponseSchema, 200);
      expect(cancelled.job).toEqual(job);
      await expectError(await target.fetch(deletionPaths.deletionJob(ref, 'job_missing')), 404, 'NOT_FOUND');
    },
  },
  {
    name: 'every filter field given must hold: run, aliases in and not in, size, dates and versions by label or id',
    async run(target) {
      const ref = freshProject();
      const v0 = await logCommitted(target, ref, { name: 'ds', runId: 'r1', files: [sizedFile('a', 100)] });
      await logCommitted(target, ref, { name: 'ds', aliases: ['prod'], files: [sizedFile('b', 200)] });
      await logCommitted(target, ref, { name: 'ds', runId: 'r1', aliases: ['staging'], files: [sizedFile('c', 400)] });
      const count = async (filter: Record<string, unknown>) => {
        const response = await sendJson(target, 'POST', deletionPaths.deletionJobs(ref), { action: 'delete', filter, dryRun: true });
        return (await expectJson(response, DeletionDryRunSchema, 200)).versionCount;
      };
      expect(await count({ runId: 'r1' })).toBe(2);
      expect(await count({ runId: 'r1', noAliases: true })).toBe(1);
      expect(await count({ aliases: ['prod', 'staging'] })).toBe(2);
      expect(await count({ aliases: ['latest'] })).toBe(1);
      expect(await count({ notAliases: ['prod'] })).toBe(2);
      expect(await count({ minSizeBytes: 200 })).toBe(2);
      expect(await count({ minSizeBytes: 201 })).toBe(1);
      expect(await count({ createdAfter: '2000-01-01T00:00:00Z' })).toBe(3);
      expect(await count({ createdBefore: '2000-01-01T00:00:00Z' })).toBe(0);
      expect(await count({ versions: ['v1', v0.id] })).toBe(2);
      await expectError(
        await sendJson(target, 'POST', deletionPaths.deletionJobs(ref), { action: 'delete', filter: { createdBefore: 'yesterday' } }),
        400,
        'INVALID_REQUEST',
      );
    },
  },
  {
    name: 'undo answers 202 with a restore job over exactly the versions the job deleted: their aliases come back, other deletions stay',
    async run(target) {
      const { ref } = await layout(target);
      await deleteVersion(target, ref, 'other', 'v0', true);
      const job = await runJob(target, ref, { action: 'delete', filter: { collections: ['ds'] }, deleteAliases: true });
      expect(job).toMatchObject({ state: 'succeeded', total: 3, done: 3 });
      const undo = await followJob(target, ref, await sendJson(target, 'POST', deletionPaths.undoDeletionJob(ref, job.id), {}));
      expect(undo).toMatchObject({ action: 'restore', state: 'succeeded', total: 3, done: 3, failed: 0, refusals: [] });
      expect(undo.id).not.toBe(job.id);
      expect(await getVersion(target, ref, 'ds', 'v2')).toMatchObject({ state: 'COMMITTED', aliases: ['latest', 'prod'] });
      expect(await getCollection(target, ref, 'ds')).toMatchObject({ versionCount: 3, pendingDeletionCount: 0 });
      expect((await getVersion(target, ref, 'other', 'v0')).state).toBe('PENDING_DELETION');
      // Undone twice: the versions are live already, so each is refused and nothing changes.
      const twice = await followJob(target, ref, await sendJson(target, 'POST', deletionPaths.undoDeletionJob(ref, job.id), {}));
      expect(twice).toMatchObject({ action: 'restore', total: 3, done: 0, failed: 3 });
      expect(twice.refusals.map((r) => r.code)).toEqual(['NOT_DELETED', 'NOT_DELETED', 'NOT_DELETED']);
      await expectError(await sendJson(target, 'POST', deletionPaths.undoDeletionJob(ref, 'job_missing'), {}), 404, 'NOT_FOUND');
    },
  },
];
