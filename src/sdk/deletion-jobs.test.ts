// `api.deleteVersions` / `restoreVersions` on the server's deletion jobs, against a real server on a temporary DATA_DIR.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deletionJobRunner } from '../server/deletion-jobs/runner';
import { createTestServer, TEST_ADMIN_KEY, type TestServer } from '../server/testing';
import { Api } from './api';
import type { DeletionJobProgress } from './deletion-jobs';
import { InvalidPathError, InvalidRequestError, NotFoundError } from './errors';
import { logMnistFixture, versionLabels } from './mnist-fixture';

let server: TestServer;
let api: Api;
const sent: Headers[] = [];

beforeEach(async () => {
  sent.length = 0;
  server = await createTestServer();
  api = new Api({
    baseUrl: '',
    apiKey: TEST_ADMIN_KEY,
    overrides: { entity: 'demo', project: 'mnist' },
    fetch: (path, init) => {
      sent.push(new Headers(init?.headers));
      return server.fetch(path, init);
    },
  });
  await logMnistFixture(api.client);
  sent.length = 0;
});
afterEach(async () => {
  await server.close();
});

const labels = (type: string, name: string, state?: 'COMMITTED' | 'PENDING_DELETION') => versionLabels(api, type, name, state);

describe('api.deleteVersions', () => {
  it('with dryRun answers the count and the bytes it would free, and deletes nothing', async () => {
    const dryRun = await api.deleteVersions({ collections: ['cnn'], noAliases: true }, { dryRun: true });
    // cnn v0, v1, v2, v4, v5: v3 (best), v6 (prod) and v7 (latest) have aliases. Each frees its own data.bin ("cnn N", 5 bytes).
    expect(dryRun).toEqual({ versionCount: 5, aliases: [], reclaimableBytes: 25, sharedBytes: '# cnn\n'.length });
    expect(await labels('model', 'cnn')).toHaveLength(8);
  });

  it('runs the job to its end, telling onProgress, and sends the API key', async () => {
    const seen: DeletionJobProgress[] = [];
    const job = await api.deleteVersions({ noAliases: true }, { onProgress: (p) => seen.push(p), pollMs: 5 });
    expect(job).toMatchObject({ action: 'delete', state: 'succeeded', total: 10, done: 10, failed: 0, refusals: [] });
    expect(seen[0]).toMatchObject({ state: 'queued', total: 10, done: 0 });
    expect(seen.at(-1)).toEqual({ state: 'succeeded', total: 10, done: 10, failed: 0 });
    expect(await labels('model', 'cnn')).toEqual(['v7', 'v6', 'v3']);
    expect(await labels('dataset', 'mnist-train')).toEqual(['v4', 'v1']);
    expect(await labels('dataset', 'mnist-test')).toEqual(['v2']);
    expect(sent.every((h) => h.get('authorization') === `Bearer ${TEST_ADMIN_KEY}`)).toBe(true);
  });

  it('resolves with the refusals of versions that keep their aliases; deleteAliases takes them', async () => {
    const refused = await api.deleteVersions({ runId: 'cnn-run-3' }, { pollMs: 5 });
    expect(refused).toMatchObject({ state: 'succeeded', total: 2, done: 0, failed: 2 });
    expect(refused.refusals).toEqual([
      { collection: 'cnn', version: 'v6', code: 'ALIASES_PRESENT' },
      { collection: 'cnn', version: 'v7', code: 'ALIASES_PRESENT' },
    ]);
    expect(await labels('model', 'cnn')).toHaveLength(8);

    const taken = await api.deleteVersions({ runId: 'cnn-run-3' }, { deleteAliases: true, pollMs: 5 });
    expect(taken).toMatchObject({ state: 'succeeded', total: 2, done: 2, failed: 0 });
    expect((await api.artifact('cnn:latest')).name).toBe('cnn:v5');

    // restoreVersions undoes it by the same filter: prod comes back to v6, latest to v7.
    const restored = await api.restoreVersions({ runId: 'cnn-run-3' }, { pollMs: 5 });
    expect(restored).toMatchObject({ action: 'restore', state: 'succeeded', total: 2, done: 2 });
    expect((await api.artifact('cnn:prod')).name).toBe('cnn:v6');
    expect((await api.artifact('cnn:latest')).name).toBe('cnn:v7');
  });

  it('takes the project from options.project, and fails with typed errors', async () => {
    await expect(api.deleteVersions({ collections: ['cnn'] }, { project: 'demo/nope' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.deleteVersions({ collections: ['nope'] })).rejects.toMatchObject({ status: 404, code: 'COLLECTION_NOT_FOUND' });
    const empty = await api.deleteVersions({}).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(InvalidRequestError);
    expect(empty).toMatchObject({ status: 400, code: 'INVALID_REQUEST', details: { field: 'filter' } });
    await expect(new Api({ baseUrl: '', fetch: server.fetch }).deleteVersions({ noAliases: true })).rejects.toBeInstanceOf(InvalidPathError);
    expect(await labels('model', 'cnn')).toHaveLength(8);
  });

  it('refuses a filter time that is not strict ISO 8601 as the server would, before sending anything', async () => {
    for (const filter of [{ createdBefore: '12/31/2099' }, { createdAfter: '2026-02-30' }, { collections: ['cnn'], createdBefore: '0' }]) {
      const field = `filter.${Object.keys(filter).at(-1)}`;
      const refused = await api.deleteVersions(filter, { pollMs: 5 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(InvalidRequestError);
      expect(refused).toMatchObject({ status: 400, code: 'INVALID_REQUEST', details: { field }, message: expect.stringContaining(field) });
      await expect(api.deleteVersions(filter, { dryRun: true })).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(api.client.startDeletionJob('demo/mnist', 'delete', filter)).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(sent).toHaveLength(0);
    expect(await labels('model', 'cnn')).toHaveLength(8);
    expect(await api.deleteVersions({ createdBefore: '2000-01-01' }, { dryRun: true })).toMatchObject({ versionCount: 0 });
  });

  it('an aborted signal cancels the job on the server: what was done stays done', async () => {
    // The runner is stopped, so the job is still queued when the signal aborts.
    await deletionJobRunner(server.ctx).stop();
    const controller = new AbortController();
    const job = await api.deleteVersions({ collections: ['cnn'], noAliases: true }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(job).toMatchObject({ state: 'cancelled', total: 5, done: 0 });
    expect(job.finishedAt).not.toBeNull();
    expect(await api.client.deletionJob('demo/mnist', job.id)).toMatchObject({ state: 'cancelled' });
    expect(await labels('model', 'cnn')).toHaveLength(8);
  });

  it('a signal aborted before the call creates no job and rejects with its reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('changed my mind'));
    await expect(api.deleteVersions({ noAliases: true }, { signal: controller.signal })).rejects.toThrow('changed my mind');
    expect(sent).toHaveLength(0);
  });

  it('AtticClient has the same, with entity/project spelled out, and can start a job without waiting', async () => {
    expect(await api.client.deleteVersions('demo/mnist', { versions: ['v0'] }, { dryRun: true })).toMatchObject({ versionCount: 3 });
    await deletionJobRunner(server.ctx).stop();
    const started = await api.client.startDeletionJob('demo/mnist', 'delete', { versions: ['v0'] });
    expect(started).toMatchObject({ state: 'queued', total: 3 });
    const cancelled = await api.client.cancelDeletionJob('demo/mnist', started.id);
    expect(cancelled).toMatchObject({ id: started.id, state: 'cancelled', done: 0 });
    expect(await labels('dataset', 'mnist-test')).toEqual(['v2', 'v1', 'v0']);
  });
});
