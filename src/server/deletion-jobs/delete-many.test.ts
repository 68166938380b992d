/**
 * A deletion job's set-based batches leave the store exactly as deleting the same versions one by
 * one does (decision 156): versions, remembered aliases, aliases with `latest`, collection_blobs
 * references and collection counters. Two servers start from copies of one logged store; one runs
 * the jobs, the other the single deletes, and their rows are compared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeletionJobResponseSchema, DeletionJobSchema } from '../../domain';
import { AtticClient } from '../../sdk/attic-client';
import type { Db } from '../store/database';
import { copyStore } from '../test/backend';
import { createTestServer, type TestServer } from '../testing';
import { BATCH_SIZE } from './batch';
import { MAX_BATCH_SIZE } from './batch-size';
import { deletionJobRunner } from './runner';

const bytes = (s: string) => new TextEncoder().encode(s);
const A = 2 * BATCH_SIZE + 30;
const env = { GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' };
const dirs: string[] = [];
let byJobs: TestServer;
let oneByOne: TestServer;
let roundTrip: TestServer;

/**
 * Files shared by every version, by runs of three consecutive versions (across batch boundaries) and
 * by nobody; b's first version holds more files of its own than one statement names (1,000), so a
 * batch taking it releases them in several.
 */
async function logStore(client: AtticClient): Promise<void> {
  for (let i = 0; i < A; i++) {
    const aliases = i === 5 ? ['prod'] : i === 7 ? ['best', 'staging'] : i === BATCH_SIZE ? ['edge'] : [];
    await client.log('e/p', {
      type: 'dataset',
      name: 'a',
      aliases,
      runId: `run-${i % 3}`,
      files: [
        { path: 'shared.bin', bytes: bytes('common') },
        { path: 'triple.bin', bytes: bytes(`triple ${Math.floor(i / 3)}`) },
        { path: 'own.bin', bytes: bytes(`a ${i}`) },
      ],
    });
  }
  for (let i = 0; i < 10; i++)
    await client.log('e/p', {
      type: 'dataset',
      name: 'b',
      runId: `run-${i % 3}`,
      files: [
        { path: 'shared.bin', bytes: bytes('common') },
        { path: 'own.bin', bytes: bytes(`b ${i}`) },
        ...(i === 0 ? Array.from({ length: 1_200 }, (_, n) => ({ path: `shards/${n}.bin`, bytes: bytes(`b 0 shard ${n}`) })) : []),
      ],
    });
}

const clientOf = (server: TestServer) => new AtticClient({ baseUrl: '', fetch: (p, init) => server.fetch(p, init) });

/** Everything a delete changes, without what differs by nature (times, ids of the deletion acts). */
async function dump(db: Db) {
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    versions: await rows(sql`SELECT c.name, v.idx, v.state, v.deleted_aliases, v.deleted_by, v.deletion_id IS NOT NULL AS stamped
      FROM versions v JOIN collections c ON c.id = v.collection_id ORDER BY c.name, v.idx`),
    aliases: await rows(
      sql`SELECT c.name, a.alias, v.idx FROM aliases a JOIN collections c ON c.id = a.collection_id JOIN versions v ON v.seq = a.version_seq ORDER BY 1, 2`,
    ),
    collectionBlobs: await rows(
      sql`SELECT c.name, cb.digest, cb.size_bytes, cb.committed_refs FROM collection_blobs cb JOIN collections c ON c.id = cb.collection_id ORDER BY 1, 2`,
    ),
    collections: await rows(sql`SELECT name, state, version_count, pending_deletion_count, size_bytes FROM collections ORDER BY name`),
  };
}

async function createJob(server: TestServer, body: unknown) {
  const res = await server.fetch('/api/v1/projects/e/p/deletion-jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
  return DeletionJobResponseSchema.parse(await res.json()).job;
}

async function runJob(server: TestServer, body: unknown) {
  return finished(server, (await createJob(server, body)).id);
}

async function finished(server: TestServer, jobId: string) {
  for (;;) {
    const current = DeletionJobSchema.parse(await (await server.fetch(`/api/v1/projects/e/p/deletion-jobs/${jobId}`)).json());
    if (current.state !== 'queued' && current.state !== 'running') return current;
    // A pause leaves the runner the event loop; the test waits on the job's state, whatever the pause.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const logged = mkdtempSync(path.join(os.tmpdir(), 'attic-many-'));
  const copy = mkdtempSync(path.join(os.tmpdir(), 'attic-many-'));
  const third = mkdtempSync(path.join(os.tmpdir(), 'attic-many-'));
  dirs.push(logged, copy, third);
  const first = await createTestServer({ ...env, DATA_DIR: logged });
  await logStore(clientOf(first));
  await first.close();
  await copyStore(logged, copy);
  await copyStore(logged, third);
  byJobs = await createTestServer({ ...env, DATA_DIR: logged });
  oneByOne = await createTestServer({ ...env, DATA_DIR: copy });
  roundTrip = await createTestServer({ ...env, DATA_DIR: third });
}, 120_000);
afterAll(async () => {
  await byJobs?.close();
  await oneByOne?.close();
  await roundTrip?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a deletion job against the same versions deleted one by one', () => {
  it('leaves the same rows, refusing aliased versions without deleteAliases and taking them with it', async () => {
    expect(await dump(byJobs.ctx.db)).toEqual(await dump(oneByOne.ctx.db));
    const client = clientOf(oneByOne);

    // A run's versions without deleteAliases: those holding aliases are refused, the others go.
    const first = await runJob(byJobs, { action: 'delete', filter: { runId: 'run-1' } });
    const run1 = [];
    for await (const v of client.loggedArtifacts('e/p', 'run-1')) run1.push(v);
    const withAliases = run1.filter((v) => v.aliases.length > 0);
    for (const v of run1) if (v.aliases.length === 0) await v.delete();
    expect(first).toMatchObject({ state: 'succeeded', total: run1.length, done: run1.length - withAliases.length, failed: withAliases.length });
    expect(withAliases.length).toBeGreaterThan(0);
    expect(await dump(byJobs.ctx.db)).toEqual(await dump(oneByOne.ctx.db));

    // Then every committed version of both collections but the one holding `staging`, aliases and
    // latest included, in one batch of the largest size the runner takes on a quiet server: both
    // collections and all their shared files in one set of statements (decision 182).
    const runner = deletionJobRunner(byJobs.ctx);
    await runner.stop();
    const { id } = await createJob(byJobs, { action: 'delete', filter: { collections: ['a', 'b'], notAliases: ['staging'] }, deleteAliases: true });
    while (await runner.step(MAX_BATCH_SIZE));
    const second = DeletionJobSchema.parse(await (await byJobs.fetch(`/api/v1/projects/e/p/deletion-jobs/${id}`)).json());
    const rest = [];
    for (const name of ['a', 'b']) for await (const v of client.versions('e/p', name)) if (!v.aliases.includes('staging')) rest.push(v);
    for (const v of rest) await v.delete({ deleteAliases: true });
    expect(second).toMatchObject({ state: 'succeeded', total: rest.length, done: rest.length, failed: 0 });
    expect(rest.length).toBeGreaterThan(BATCH_SIZE);
    const after = await dump(byJobs.ctx.db);
    expect(after).toEqual(await dump(oneByOne.ctx.db));
    // What the comparison rests on: a's stored bytes are the survivor's, b has nothing left, prod is remembered.
    expect(after.collections).toMatchObject([
      { name: 'a', version_count: 1, pending_deletion_count: A - 1 },
      { name: 'b', version_count: 0, pending_deletion_count: 10, size_bytes: 0 },
    ]);
    expect(after.versions).toContainEqual(expect.objectContaining({ name: 'a', idx: 5, state: 'PENDING_DELETION', deleted_aliases: '["prod"]' }));
    expect(after.aliases).toEqual([
      { name: 'a', alias: 'best', idx: 7 },
      { name: 'a', alias: 'latest', idx: 7 },
      { name: 'a', alias: 'staging', idx: 7 },
    ]);
  }, 120_000);
});

describe('an undo, set-based like the deletion (decision 193)', () => {
  it('restoring a deleted collection, and undoing a deletion job, give back exactly the rows the deletion changed', async () => {
    const before = await dump(roundTrip.ctx.db);
    const deleted = await roundTrip.fetch('/api/v1/projects/e/p/collections/a', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const whileDeleted = await dump(roundTrip.ctx.db);
    expect(whileDeleted.collections[0]).toMatchObject({ name: 'a', state: 'DELETED', version_count: 0, size_bytes: 0 });
    expect(whileDeleted.aliases).not.toContainEqual(expect.objectContaining({ name: 'a' }));

    const restored = await roundTrip.fetch('/api/v1/projects/e/p/collections/a/restore', { method: 'POST' });
    expect(await restored.json()).toMatchObject({ versionsRestored: A, versionsGone: 0, aliasesNotRestored: [] });
    expect(await dump(roundTrip.ctx.db)).toEqual(before);

    // A job over both collections in batches (b's 1,200-file version among them), then its undo.
    const job = await runJob(roundTrip, { action: 'delete', filter: { collections: ['a', 'b'] }, deleteAliases: true });
    expect(job).toMatchObject({ state: 'succeeded', done: A + 10 });
    expect((await dump(roundTrip.ctx.db)).collections).toMatchObject([
      { name: 'a', version_count: 0, pending_deletion_count: A },
      { name: 'b', version_count: 0, pending_deletion_count: 10 },
    ]);
    const undo = await roundTrip.fetch(`/api/v1/projects/e/p/deletion-jobs/${job.id}/undo`, { method: 'POST' });
    expect(undo.status).toBe(202);
    const { job: undoJob } = DeletionJobResponseSchema.parse(await undo.json());
    expect(await finished(roundTrip, undoJob.id)).toMatchObject({ state: 'succeeded', done: A + 10, failed: 0 });
    expect(await dump(roundTrip.ctx.db)).toEqual(before);
  }, 120_000);
});
