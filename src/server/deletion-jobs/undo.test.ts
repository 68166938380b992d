/**
 * `POST .../deletion-jobs/:id/undo` on the real server: one undo brings back exactly what one job
 * deleted (aliases included), and undoing a job still running stops it first.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DeletionJobResponseSchema, DeletionJobSchema, VersionSchema, type DeletionJob } from '../../domain';
import { json, logFiles } from '../test/log-helpers';
import { oneFileVersions, seedVersions } from '../test/seed-rows';
import { createTestServer, type TestServer } from '../testing';
import { BATCH_SIZE } from './batch';
import { deletionJobRunner } from './runner';

const quiet = { GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' };

async function finished(server: TestServer, jobs: string, id: string): Promise<DeletionJob> {
  for (;;) {
    const job = DeletionJobSchema.parse(await (await server.fetch(`${jobs}/${id}`)).json());
    if (job.state !== 'queued' && job.state !== 'running') return job;
    // Waits on the job's state; the pause only leaves the runner the CPU.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function start(server: TestServer, path: string, body?: unknown): Promise<DeletionJob> {
  const res = await server.fetch(path, json('POST', body ?? {}));
  expect(res.status).toBe(202);
  return DeletionJobResponseSchema.parse(await res.json()).job;
}

describe('undoing a deletion job', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('restores exactly the versions the job deleted, with their aliases, and leaves refused and other deletions alone', async () => {
    const server = await createTestServer(quiet);
    servers.push(server);
    const jobs = '/api/v1/projects/demo/p/deletion-jobs';
    const version = async (v: string) => VersionSchema.parse(await (await server.fetch(`/api/v1/projects/demo/p/collections/ds/versions/${v}`)).json());
    for (let i = 0; i < 4; i++) await logFiles(server, 'demo', 'p', 'ds', { f: `content ${i}` }, { aliases: i === 1 ? ['prod'] : [] });
    // v0 was deleted on its own before the job: the job's undo must not bring it back.
    expect((await server.fetch('/api/v1/projects/demo/p/collections/ds/versions/v0', { method: 'DELETE' })).status).toBe(200);

    const job = await finished(server, jobs, (await start(server, jobs, { action: 'delete', filter: { versions: ['v1', 'v2'] }, deleteAliases: true })).id);
    expect(job).toMatchObject({ state: 'succeeded', total: 2, done: 2 });
    const refusing = await finished(server, jobs, (await start(server, jobs, { action: 'delete', filter: { collections: ['ds'] } })).id);
    // v3 holds `latest`: refused without deleteAliases, so it is not the job's to undo.
    expect(refusing).toMatchObject({ total: 1, done: 0, failed: 1, refusals: [{ collection: 'ds', version: 'v3', code: 'ALIASES_PRESENT' }] });

    const undo = await start(server, `${jobs}/${job.id}/undo`);
    expect(undo).toMatchObject({ action: 'restore', total: 2 });
    expect(undo.id).not.toBe(job.id);
    expect(await finished(server, jobs, undo.id)).toMatchObject({ state: 'succeeded', total: 2, done: 2, failed: 0, refusals: [] });
    expect(await version('v1')).toMatchObject({ state: 'COMMITTED', aliases: ['prod'] });
    expect((await version('v2')).state).toBe('COMMITTED');
    expect((await version('v0')).state).toBe('PENDING_DELETION');
    expect(await version('latest')).toMatchObject({ version: 'v3' });

    const nothing = await finished(server, jobs, (await start(server, `${jobs}/${refusing.id}/undo`)).id);
    expect(nothing).toMatchObject({ action: 'restore', state: 'succeeded', total: 0 });
    // Undoing the undo deletes the same versions again, the aliases the restore gave back with them.
    const again = await finished(server, jobs, (await start(server, `${jobs}/${undo.id}/undo`)).id);
    expect(again).toMatchObject({ action: 'delete', state: 'succeeded', total: 2, done: 2 });
    expect(await version('v1')).toMatchObject({ state: 'PENDING_DELETION', deletedAliases: ['prod'] });
  });

  it('undoing a running job cancels it first and restores the batches it had done', async () => {
    const server = await createTestServer(quiet);
    servers.push(server);
    const jobs = '/api/v1/projects/big/p/deletion-jobs';
    await seedVersions(server.ctx.db, 'big', 'p', oneFileVersions('big', 2 * BATCH_SIZE + 1));
    const runner = deletionJobRunner(server.ctx);
    await runner.stop();
    const job = await start(server, jobs, { action: 'delete', filter: { noAliases: true } });
    await runner.step();

    const undo = await start(server, `${jobs}/${job.id}/undo`);
    expect(undo).toMatchObject({ action: 'restore', state: 'queued', total: BATCH_SIZE });
    const original = DeletionJobSchema.parse(await (await server.fetch(`${jobs}/${job.id}`)).json());
    expect(original).toMatchObject({ state: 'cancelled', done: BATCH_SIZE });
    // The cancelled job takes no more batches; the undo's one batch restores what it did.
    while (await runner.step());
    expect(DeletionJobSchema.parse(await (await server.fetch(`${jobs}/${undo.id}`)).json())).toMatchObject({ state: 'succeeded', done: BATCH_SIZE });
    const collection = await (await server.fetch('/api/v1/projects/big/p/collections/big')).json();
    expect(collection).toMatchObject({ versionCount: 2 * BATCH_SIZE + 1, pendingDeletionCount: 0 });
  });

  it('an unknown job is 404 NOT_FOUND and changes nothing', async () => {
    const server = await createTestServer(quiet);
    servers.push(server);
    await logFiles(server, 'demo', 'p', 'ds', { f: 'x' });
    const res = await server.fetch('/api/v1/projects/demo/p/deletion-jobs/job_missing/undo', json('POST', {}));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
