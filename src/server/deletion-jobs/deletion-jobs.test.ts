/**
 * Deletion jobs on the real server: 100,000 versions in one job while the server answers other
 * requests over a real socket, and a job a stopped server left half done, finished by the next
 * server on the same DATA_DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DeletionJobResponseSchema, DeletionJobSchema, type DeletionJob } from '../../domain';
import { asAdmin, createTestServer, type TestServer } from '../testing';
import { oneFileVersions, seedVersions } from '../test/seed-rows';
import { listen } from '../test/wire';
import { BATCH_SIZE } from './batch';
import { deletionJobRunner } from './runner';

const JOBS = '/api/v1/projects/big/p/deletion-jobs';
const committed = (collection: string, count: number) => oneFileVersions(collection, count);

async function getJob(base: (p: string, init?: RequestInit) => Promise<Response>, id: string): Promise<DeletionJob> {
  const res = await base(`${JOBS}/${id}`);
  expect(res.status).toBe(200);
  return DeletionJobSchema.parse(await res.json());
}

/** Polls the job until it is finished: waits on its state, never on a time. */
async function finished(base: (p: string, init?: RequestInit) => Promise<Response>, id: string): Promise<DeletionJob> {
  for (;;) {
    const job = await getJob(base, id);
    if (job.state !== 'queued' && job.state !== 'running') return job;
    // A pause between polls leaves the job the CPU; the test waits on the state, whatever the pause.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * A server on `env` with 3 batches' worth of versions and a job deleting them, the runner stopped
 * and driven by hand: exactly one batch is done.
 */
async function jobWithOneBatchDone(env: Record<string, string>): Promise<{ first: TestServer; job: DeletionJob }> {
  const first = await createTestServer(env);
  await seedVersions(first.ctx.db, 'big', 'p', committed('big', 3 * BATCH_SIZE + 1));
  await deletionJobRunner(first.ctx).stop();
  const created = await first.fetch(JOBS, post({ action: 'delete', filter: { noAliases: true } }));
  const { job } = DeletionJobResponseSchema.parse(await created.json());
  await deletionJobRunner(first.ctx).step();
  return { first, job };
}

describe('deletion jobs at scale', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('deletes 100,000 versions in one job, answering GET /health while it runs', async () => {
    const server = await createTestServer({ GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' });
    servers.push(server);
    // 100,001 versions: the newest holds `latest`, so `noAliases` takes the other 100,000.
    await seedVersions(server.ctx.db, 'big', 'p', committed('big', 100_001));
    const http = await listen(server);
    const wire = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${http.port}${p}`, asAdmin(init));
    try {
      const created = await wire(JOBS, post({ action: 'delete', filter: { noAliases: true } }));
      expect(created.status).toBe(202);
      const { job } = DeletionJobResponseSchema.parse(await created.json());
      expect(job).toMatchObject({ action: 'delete', total: 100_000, failed: 0 });

      const health = await wire('/api/v1/health');
      expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
      // Answered while the job was still going: it has batches left.
      const meanwhile = await getJob(wire, job.id);
      expect(['queued', 'running']).toContain(meanwhile.state);
      expect(meanwhile.done).toBeLessThan(100_000);

      const done = await finished(wire, job.id);
      expect(done).toMatchObject({ state: 'succeeded', total: 100_000, done: 100_000, failed: 0, refusals: [] });
      expect(done.finishedAt).not.toBeNull();
      const collection = await (await wire('/api/v1/projects/big/p/collections/big')).json();
      expect(collection).toMatchObject({ versionCount: 1, pendingDeletionCount: 100_000, sizeBytes: 10 });
      const latest = await (await wire('/api/v1/projects/big/p/collections/big/versions/latest')).json();
      expect(latest).toMatchObject({ version: 'v100000', state: 'COMMITTED' });
    } finally {
      await http.close();
    }
  }, 600_000);

  it('a job a stopped server left half done is finished by the next server on the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-jobs-'));
    try {
      const env = { DATA_DIR: dataDir, GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' };
      const { first, job } = await jobWithOneBatchDone(env);
      expect(await getJob(first.fetch, job.id)).toMatchObject({ state: 'running', total: 3 * BATCH_SIZE, done: BATCH_SIZE });
      await first.close();

      const second = await createTestServer(env);
      try {
        const done = await finished(second.fetch, job.id);
        expect(done).toMatchObject({ state: 'succeeded', total: 3 * BATCH_SIZE, done: 3 * BATCH_SIZE, failed: 0 });
        const collection = await (await second.fetch('/api/v1/projects/big/p/collections/big')).json();
        expect(collection).toMatchObject({ versionCount: 1, pendingDeletionCount: 3 * BATCH_SIZE });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  it('a job an earlier version left half done (items marked done, no done_through) is finished, and its undo restores all it did', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-jobs-'));
    try {
      const env = { DATA_DIR: dataDir, GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' };
      const { first, job } = await jobWithOneBatchDone(env);
      // As servers before decisions 185 and 188 left it: its batch's items say `done`, and the job
      // has no done_through (0 after migration 0016).
      await sql`UPDATE deletion_job_items SET state = 'done' WHERE job_id = ${job.id} AND state = 'queued'
        AND version_seq <= (SELECT done_through FROM deletion_jobs WHERE id = ${job.id})`.execute(first.ctx.db);
      await sql`UPDATE deletion_jobs SET done_through = 0 WHERE id = ${job.id}`.execute(first.ctx.db);
      await first.close();

      const second = await createTestServer(env);
      try {
        expect(await finished(second.fetch, job.id)).toMatchObject({ state: 'succeeded', total: 3 * BATCH_SIZE, done: 3 * BATCH_SIZE, failed: 0 });
        const undo = await second.fetch(`${JOBS}/${job.id}/undo`, { method: 'POST' });
        expect(undo.status).toBe(202);
        const { job: restore } = DeletionJobResponseSchema.parse(await undo.json());
        expect(restore.total).toBe(3 * BATCH_SIZE);
        expect(await finished(second.fetch, restore.id)).toMatchObject({ state: 'succeeded', done: 3 * BATCH_SIZE, failed: 0 });
        const collection = await (await second.fetch('/api/v1/projects/big/p/collections/big')).json();
        expect(collection).toMatchObject({ versionCount: 3 * BATCH_SIZE + 1, pendingDeletionCount: 0 });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  it('cancel stops a running job before its next batch: what was done stays done', async () => {
    const server = await createTestServer({ GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' });
    servers.push(server);
    await seedVersions(server.ctx.db, 'big', 'p', committed('big', 2 * BATCH_SIZE + 1));
    const runner = deletionJobRunner(server.ctx);
    await runner.stop();
    const created = await server.fetch(JOBS, post({ action: 'delete', filter: { noAliases: true } }));
    const { job } = DeletionJobResponseSchema.parse(await created.json());
    await runner.step();
    const cancel = await server.fetch(`${JOBS}/${job.id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    const { job: cancelled } = DeletionJobResponseSchema.parse(await cancel.json());
    expect(cancelled).toMatchObject({ state: 'cancelled', total: 2 * BATCH_SIZE, done: BATCH_SIZE });
    expect(cancelled.finishedAt).not.toBeNull();
    // The runner finds no work left: the cancelled job's other versions stay as they were.
    expect(await runner.step()).toBe(false);
    expect(await getJob(server.fetch, job.id)).toEqual(cancelled);
    const collection = await (await server.fetch('/api/v1/projects/big/p/collections/big')).json();
    expect(collection).toMatchObject({ versionCount: BATCH_SIZE + 1, pendingDeletionCount: BATCH_SIZE });
  });
});
