import { afterEach, describe, expect, it } from 'vitest';
import type { GcRun, GcStatus, ProjectStorage } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { seededCollection as base, seedThree, seedTwoDeleted } from '../test/gc-seed';
import { expectEveryLiveFileReadable } from '../test/invariant';
import { json, logFiles, sha } from '../test/log-helpers';
import { storedFiles } from '../test/stored-files';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

async function body<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

/** The names (`<digest>.<generation>`) of the stored files in an area: files in DATA_DIR, or keys in its bucket. */
async function blobFiles(dataDir: string, area: 'blobs' | 'trash'): Promise<string[]> {
  return (await storedFiles(dataDir, area)).map((f) => f.path.split('/').at(-1)!);
}

async function runToEnd(s: TestServer): Promise<GcRun> {
  const started = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(started.status).toBe(202);
  const run = (await started.json()) as GcRun;
  await s.gc.engine.idle();
  return body<GcRun>(s.fetch(`/api/v1/gc/runs/${run.id}`));
}

describe('garbage collection', () => {
  it('answers 409 GC_DISABLED with the reason when switched off', async () => {
    server = await createTestServer({ ARTIFACT_GC_ENABLED: 'false' });
    const res = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true }));
    expect(res.status).toBe(409);
    const error = (await res.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('GC_DISABLED');
    expect(error.error.message).toContain('ARTIFACT_GC_ENABLED="false"');
    const status = await body<GcStatus>(server.fetch('/api/v1/gc'));
    expect(status).toMatchObject({ enabled: false, nextRunAt: null });
  });

  it('frees exactly what the dry run and reclaimableBytes announced, only unshared files, and keeps live files readable', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0' });
    await seedTwoDeleted(server);
    const status = await body<GcStatus>(server.fetch('/api/v1/gc'));
    expect(status).toMatchObject({ pendingVersions: 2, reclaimableBytes: 4 + 300 });

    const dry = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true }));
    expect(dry.status).toBe(200);
    const plan = (await dry.json()) as GcRun;
    expect(plan).toMatchObject({ dryRun: true, status: 'succeeded', versionsPurged: 2, blobsDeleted: 2, bytesReclaimed: 304, blobsRetainedShared: 1 });
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).pendingVersions).toBe(2);

    const before = (await blobFiles(server.dataDir, 'blobs')).length;
    const run = await runToEnd(server);
    expect(run).toMatchObject({ status: 'succeeded', versionsPurged: 2, blobsDeleted: 2, bytesReclaimed: 304, blobsRetainedShared: 1 });
    expect(await blobFiles(server.dataDir, 'blobs')).toHaveLength(before - 2);
    expect(await blobFiles(server.dataDir, 'trash')).toHaveLength(2);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(304);

    expect((await body<{ state: string }>(server.fetch(`${base}/versions/v0`))).state).toBe('DELETED');
    const gone = await server.fetch(`${base}/versions/v0/files/own`);
    expect(gone.status).toBe(410);
    const restore = await server.fetch(`${base}/versions/v0/restore`, { method: 'POST' });
    expect(((await restore.json()) as { error: { code: string } }).error.code).toBe('ALREADY_GARBAGE_COLLECTED');
    await expectEveryLiveFileReadable(server);
    const runs = await body<{ items: GcRun[] }>(server.fetch('/api/v1/gc/runs'));
    expect(runs.items.map((r) => r.dryRun)).toEqual([false, true]);
  });

  it('purges only versions pending deletion for the grace period', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    server = await createTestServer({ GC_GRACE_SECONDS: '3600' }, () => now);
    await seedThree(server);
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    now += 1800_000;
    expect((await runToEnd(server)).versionsPurged).toBe(0);
    now += 1800_000;
    expect((await runToEnd(server)).versionsPurged).toBe(1);
  });

  it('empties the trash after its retention time', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '60' }, () => now);
    await seedThree(server);
    await server.fetch(`${base}/versions/v2?deleteAliases=true`, { method: 'DELETE' });
    await runToEnd(server);
    expect(await blobFiles(server.dataDir, 'trash')).toHaveLength(1);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(300);
    now += 61_000;
    // The files go for good and so do their trash rows: the run succeeds and the trash is counted empty.
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 0 });
    expect(await blobFiles(server.dataDir, 'trash')).toHaveLength(0);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(0);
    expect((await body<ProjectStorage>(server.fetch('/api/v1/projects/e/p/storage'))).trashBytes).toBe(0);
  });

  it('collects a blob uploaded but never referenced once the upload window has passed', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_UPLOAD_WINDOW_SECONDS: '600' }, () => now);
    const bytes = 'orphan upload';
    await server.fetch(`/api/v1/projects/e/p/blobs/${sha(bytes)}`, { method: 'PUT', body: bytes });
    expect((await runToEnd(server)).blobsDeleted).toBe(0);
    now += 601_000;
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).reclaimableBytes).toBe(bytes.length);
    expect((await runToEnd(server)).blobsDeleted).toBe(1);
  });

  it("counts as kept for sharing only files of purged versions, not a live version's own upload", async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_UPLOAD_WINDOW_SECONDS: '600' }, () => now);
    await logFiles(server, 'e', 'p', 'data', { own: 'uploaded, then logged' });
    now += 601_000;
    // The upload's window has passed and a live version holds it: kept, but shared with nothing purged.
    const dry = await body<GcRun>(server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true })));
    expect(dry).toMatchObject({ versionsPurged: 0, blobsDeleted: 0, blobsRetainedShared: 0 });
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 0, blobsRetainedShared: 0 });
  });
});

async function bytesOnDisk(dataDir: string, area: 'blobs' | 'trash'): Promise<number> {
  return (await storedFiles(dataDir, area)).reduce((sum, f) => sum + f.sizeBytes, 0);
}

describe('storage accounting', () => {
  it('project figures count each blob once and match what is on disk before and after a run', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0' });
    await seedThree(server);
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    const before = await body<ProjectStorage>(server.fetch('/api/v1/projects/e/p/storage'));
    // Live: shared (1000) + own v1 (4) + other (300); v0's own file (4) is pending and reclaimable, "shared" stays.
    expect(before).toEqual({ liveBytes: 1304, pendingDeletion: { versions: 1, reclaimableBytes: 4, sharedBytes: 1000 }, trashBytes: 0 });
    expect(await bytesOnDisk(server.dataDir, 'blobs')).toBe(1308);
    const run = await runToEnd(server);
    const after = await body<ProjectStorage>(server.fetch('/api/v1/projects/e/p/storage'));
    expect(after).toEqual({ liveBytes: 1304, pendingDeletion: { versions: 0, reclaimableBytes: 0, sharedBytes: 0 }, trashBytes: 4 });
    expect(await bytesOnDisk(server.dataDir, 'blobs')).toBe(1308 - run.bytesReclaimed);
    expect(await bytesOnDisk(server.dataDir, 'trash')).toBe(after.trashBytes);
  });
});

describe('garbage collection under concurrent logging', () => {
  it('a version logged after the purge but before the decision saves the blob', async () => {
    let saved = false;
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, undefined, {
      onStep: async (step) => {
        if (step === 'purged' && !saved) {
          saved = true;
          // Re-uses "zero" (only in v0, which the run has just purged): deduplicated, no upload.
          const version = await logFiles(server, 'e', 'p', 'reuse', { again: 'zero' });
          expect(version.state).toBe('COMMITTED');
        }
      },
    });
    await seedThree(server);
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    const run = await runToEnd(server);
    expect(saved).toBe(true);
    expect(run.blobsDeleted).toBe(0);
    await expectEveryLiveFileReadable(server);
  });

  it('a version logged while its blob is being deleted uploads it again under a new generation', async () => {
    let logged = false;
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, undefined, {
      onStep: async (step) => {
        if (step === 'decided' && !logged) {
          logged = true;
          const version = await logFiles(server, 'e', 'p', 'reuse', { again: 'zero' });
          expect(version.state).toBe('COMMITTED');
        }
      },
    });
    await seedThree(server);
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    await runToEnd(server);
    expect(logged).toBe(true);
    await expectEveryLiveFileReadable(server);
    const again = await server.fetch('/api/v1/projects/e/p/collections/reuse/versions/latest/files/again');
    expect(await again.text()).toBe('zero');
  });

  it('a run that crashes mid-way leaves live files readable and the next run finishes its work', async () => {
    let crash = true;
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, undefined, {
      batchSize: 1,
      onStep: (step) => {
        if (crash && step === 'trashed') throw new Error('simulated crash');
      },
    });
    await seedTwoDeleted(server);
    const failed = await runToEnd(server);
    expect(failed.status).toBe('failed');
    await expectEveryLiveFileReadable(server);
    crash = false;
    const finished = await runToEnd(server);
    expect(finished.status).toBe('succeeded');
    expect(failed.bytesReclaimed + finished.bytesReclaimed).toBe(304);
    expect(await blobFiles(server.dataDir, 'trash')).toHaveLength(2);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).reclaimableBytes).toBe(0);
  });

  it('a run that deletes files at once (no trash) and crashes between removing a file and dropping its row leaves live files readable; the next run finishes, counting each file once', async () => {
    let crash = true;
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '0' }, undefined, {
      batchSize: 1,
      onStep: (step) => {
        if (crash && step === 'removed') throw new Error('simulated crash');
      },
    });
    await seedTwoDeleted(server);
    const before = (await blobFiles(server.dataDir, 'blobs')).length;
    const failed = await runToEnd(server);
    expect(failed).toMatchObject({ status: 'failed', blobsDeleted: 0, bytesReclaimed: 0 });
    // The first file is gone from the store, its row not yet dropped.
    expect(await blobFiles(server.dataDir, 'blobs')).toHaveLength(before - 1);
    await expectEveryLiveFileReadable(server);
    crash = false;
    const finished = await runToEnd(server);
    expect(finished).toMatchObject({ status: 'succeeded', blobsDeleted: 2, bytesReclaimed: 304 });
    expect(await blobFiles(server.dataDir, 'blobs')).toHaveLength(before - 2);
    expect(await blobFiles(server.dataDir, 'trash')).toEqual([]);
    expect(await body<GcStatus>(server.fetch('/api/v1/gc'))).toMatchObject({ reclaimableBytes: 0, trashBytes: 0 });
    await expectEveryLiveFileReadable(server);
  });

  it('a run that crashes while emptying the trash leaves the trash figure equal to the files still in it; the next run empties the rest', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    let crash = true;
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '60' }, () => now, {
      batchSize: 1,
      hooks: {
        after: (point) => {
          if (crash && point.step === 'empty') throw new Error('simulated crash');
        },
      },
    });
    await seedTwoDeleted(server);
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 2, bytesReclaimed: 304 });
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(304);

    now += 61_000;
    expect((await runToEnd(server)).status).toBe('failed');
    const left = await storedFiles(server.dataDir, 'trash');
    expect(left).toHaveLength(1);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(left[0]?.sizeBytes);

    crash = false;
    const finished = await runToEnd(server);
    expect(finished.status).toBe('succeeded');
    expect(finished.log?.map((line) => line.message)).toContain('Emptied 1 blob from the trash, kept there longer than 1 minute.');
    expect(await storedFiles(server.dataDir, 'trash')).toEqual([]);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(0);
    await expectEveryLiveFileReadable(server);
  });
});

describe('garbage collection racing an upload after the file moved', () => {
  it('a re-upload between the move to the trash and the row drop keeps the new copy; the old one counts as freed, as it left the store', async () => {
    let logged = false;
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, undefined, {
      onStep: async (step) => {
        if (step === 'trashed' && !logged) {
          logged = true;
          await logFiles(server, 'e', 'p', 'reuse', { again: 'zero' });
        }
      },
    });
    await seedThree(server);
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    const run = await runToEnd(server);
    expect(logged).toBe(true);
    expect(run).toMatchObject({ status: 'succeeded', blobsDeleted: 1, bytesReclaimed: 4 });
    await expectEveryLiveFileReadable(server);
    // The old copy sits in the trash, accounted for, so the trash is emptied of it in time.
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(4);
  });
});
