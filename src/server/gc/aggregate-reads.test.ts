/**
 * The reads that aggregate a whole backlog (a project's storage figures, a collection's deletion
 * preview, `GET /gc`) run on the SQLite reader thread (decision 195), so the server answers other
 * requests meanwhile: with the reader held before its first statement, as a long query would keep
 * it, `GET /health` is answered over HTTP while the aggregate is not, and once released the
 * aggregate answers what the server's own connection reads. On the server's connection each held
 * the event loop for 3 to 4 s at 100,000 pending versions. SQLite only (on PostgreSQL every query
 * is I/O), through a real port, since in-process requests need no I/O.
 */
import { setImmediate } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DeletionPreviewSchema, GcStatusSchema, ProjectStorageSchema } from '../../domain';
import { nowIso } from '../context';
import { previewCollectionDeletion } from '../deletion/preview';
import { holdReadersForTests } from '../store/sqlite-reader';
import { asAdmin, createTestServer, type TestServer } from '../testing';
import { oneFileVersions, seedVersions } from '../test/seed-rows';
import { servedPerTest } from '../test/wire';
import { planRun } from './plan';
import { projectStorage } from './project-storage';

let release: (() => void) | null = null;
// Released before the server closes (hooks run in reverse): a held reader would keep it from closing.
const served = servedPerTest();
afterEach(() => {
  release?.();
  release = null;
});

async function seededServer(): Promise<TestServer> {
  const started = await createTestServer({ GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' });
  const deletedAt = new Date(Date.now() - 60_000).toISOString();
  await seedVersions(started.ctx.db, 'e', 'p', [...oneFileVersions('old', 40, 'PENDING_DELETION', deletedAt), ...oneFileVersions('live', 10)]);
  return started;
}

/** Holds the reader, asks `route` over HTTP, and checks health is answered before it; returns its body once released. */
async function askWhileHeld(route: string): Promise<unknown> {
  const http = await served.listen();
  const wire = (p: string) => fetch(`http://127.0.0.1:${http.port}${p}`, asAdmin());
  const gate = holdReadersForTests();
  release = gate.release;
  let answered = false;
  const aggregate = wire(route).then((res) => {
    answered = true;
    return res;
  });
  while (gate.waiting() === 0) {
    if (answered) throw new Error(`${route} was answered without the reader thread`);
    await setImmediate();
  }
  const health = await wire('/api/v1/health');
  expect({ status: health.status, body: await health.json(), aggregateAnswered: answered }).toEqual({
    status: 200,
    body: { status: 'ok' },
    aggregateAnswered: false,
  });
  gate.release();
  const res = await aggregate;
  expect(res.status).toBe(200);
  return res.json();
}

describe('reads of a whole backlog on SQLite', () => {
  it('a project’s storage figures: health answered meanwhile, then the figures the server’s connection reads', async () => {
    const server = served.keep(await seededServer());
    const figures = ProjectStorageSchema.parse(await askWhileHeld('/api/v1/projects/e/p/storage'));
    expect(figures).toEqual(await projectStorage(server.ctx.db, 'e', 'p'));
    expect(figures.pendingDeletion.versions).toBe(40);
  });

  it('a collection’s deletion preview: health answered meanwhile, then the same preview', async () => {
    const server = served.keep(await seededServer());
    const preview = DeletionPreviewSchema.parse(await askWhileHeld('/api/v1/projects/e/p/collections/live/deletion-preview'));
    expect(preview).toEqual(await previewCollectionDeletion(server.ctx.db, 'e', 'p', 'live'));
    expect(preview.versionCount).toBe(10);
  });

  it('GET /gc: health answered meanwhile, then the reclaimable bytes the plan reads', async () => {
    const server = served.keep(await seededServer());
    const status = GcStatusSchema.parse(await askWhileHeld('/api/v1/gc'));
    const plan = await planRun(server.ctx.db, null, nowIso(server.ctx));
    expect(status).toMatchObject({ pendingVersions: 40, reclaimableBytes: plan.bytesReclaimed });
    expect(plan.bytesReclaimed).toBeGreaterThan(0);
  });
});
