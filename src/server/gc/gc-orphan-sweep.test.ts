// The orphan sweep in process (gc-orphans.test.ts makes the orphan with a real kill -9 of a child
// server, whose code Stryker cannot mutate). Here the disk is left as such a kill leaves it: the
// lock's owner file still there, and blob files no row knows (an upload killed after its file was
// published). Garbage collection sweeps the ones older than both the restart and the upload
// window into the trash, counted and logged, leaves younger ones and live files alone, and stops
// sweeping once every file from before the restart has been looked at.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GcRun, GcStatus, ProjectStorage } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { leaveDeadServer } from '../test/backend';
import { expectEveryLiveFileReadable } from '../test/invariant';
import { json, logFiles, sha } from '../test/log-helpers';
import { blobPath, storedFileExists, storedFiles, trashPath, writeStoredFile } from '../test/stored-files';

let server: TestServer | undefined;
let dataDir = '';
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

const HOUR = 3600_000;
const env = () => ({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0', GC_UPLOAD_WINDOW_SECONDS: '3600', GC_TRASH_RETENTION_SECONDS: String(30 * 86400) });

/** A file where an upload of `content` publishes it (blobs/<entity>/<2 hex>/<sha256>.<generation>), with no row: what a kill after the publish leaves. */
async function leaveOrphan(content: string, generation: string, modifiedAt: number): Promise<string> {
  const file = blobPath('e', sha(content), generation);
  await writeStoredFile(dataDir, 'blobs', file, content, modifiedAt);
  return file;
}

const isStored = (file: string) => storedFileExists(dataDir, 'blobs', file);

async function runToEnd(s: TestServer): Promise<GcRun> {
  const started = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as GcRun;
  await s.gc.engine.idle();
  return (await (await s.fetch(`/api/v1/gc/runs/${id}`)).json()) as GcRun;
}

const messages = (run: GcRun) => (run.log ?? []).map((line) => line.message);

describe('files no row knows, after a server was killed', () => {
  it('are swept into the trash once older than the restart and the upload window; the sweep stops once all from before the restart were seen', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-sweep-'));
    server = await createTestServer(env());
    const live = { a: 'live file a '.repeat(10), b: 'live file b '.repeat(20) };
    await logFiles(server, 'e', 'p', 'live', live);
    await server.close();
    server = undefined;

    const killedAt = Date.now();
    const old = 'killed upload, long ago '.repeat(5);
    const recent = 'killed upload, just before the kill '.repeat(3);
    const oldFile = await leaveOrphan(old, 'aaaaaaaaaaaa', killedAt - 2 * HOUR);
    const recentFile = await leaveOrphan(recent, 'bbbbbbbbbbbb', killedAt - 60_000);
    // The server died without a word: its lock's owner file (SQLite) or its fleet row (PostgreSQL) is still there.
    await leaveDeadServer(dataDir);

    let now = Date.now();
    // What the run shows while it sweeps (the Storage page's progress), seen from the sweep's steps.
    const sweeping: (string | undefined)[] = [];
    server = await createTestServer(env(), () => now, {
      hooks: {
        before: async (point) => {
          if (point.step !== 'sweep') return;
          const { running } = (await (await server!.fetch('/api/v1/gc')).json()) as GcStatus;
          sweeping.push(running?.phase);
        },
      },
    });
    // A file this server writes after its start is never taken for an orphan, however old the clock says it is.
    const afterStart = await leaveOrphan('written after the restart '.repeat(2), 'cccccccccccc', Date.now() + 1000);

    const first = await runToEnd(server);
    expect(first).toMatchObject({ status: 'succeeded', versionsPurged: 0, blobsDeleted: 1, bytesReclaimed: old.length });
    expect(messages(first)).toContain(
      `Swept 1 blob file (${old.length} B) that no row knew, older than the upload window, into the trash: uploads interrupted by a crash left them.`,
    );
    expect(await isStored(oldFile)).toBe(false);
    expect(await storedFileExists(dataDir, 'trash', trashPath('e', sha(old), 'aaaaaaaaaaaa'))).toBe(true);
    expect(await isStored(recentFile)).toBe(true);
    expect(sweeping).toEqual(['sweeping']);
    expect((await (await server.fetch('/api/v1/gc')).json()) as GcStatus).toMatchObject({ trashBytes: old.length });
    expect((await (await server.fetch('/api/v1/projects/e/p/storage')).json()) as ProjectStorage).toMatchObject({ trashBytes: old.length });

    // Nothing new past the window yet: nothing swept, nothing said about it.
    const second = await runToEnd(server);
    expect(second).toMatchObject({ status: 'succeeded', blobsDeleted: 0, bytesReclaimed: 0 });
    expect(messages(second).some((m) => m.startsWith('Swept'))).toBe(false);

    // Past the upload window of everything from before the restart: the recent orphan goes too.
    now += 2 * HOUR;
    const third = await runToEnd(server);
    expect(third).toMatchObject({ status: 'succeeded', blobsDeleted: 1, bytesReclaimed: recent.length });
    expect(await isStored(recentFile)).toBe(false);
    expect(await isStored(afterStart)).toBe(true);

    // Every file from before the restart has been seen: runs stop walking the store.
    const orphanLater = await leaveOrphan('left by nothing this server knows of '.repeat(2), 'dddddddddddd', killedAt - 3 * HOUR);
    now += 2 * HOUR;
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 0 });
    expect(await isStored(orphanLater)).toBe(true);
    expect(await isStored(afterStart)).toBe(true);
    await expectEveryLiveFileReadable(server);
  });

  it('with GC_TRASH_RETENTION_SECONDS=0 are deleted at once, counted and logged, never moved to the trash', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-sweep-0-'));
    const atOnce = () => ({ ...env(), GC_TRASH_RETENTION_SECONDS: '0' });
    server = await createTestServer(atOnce());
    const live = { a: 'live file a '.repeat(10) };
    await logFiles(server, 'e', 'p', 'live', live);
    await server.close();
    server = undefined;
    const old = 'killed upload, long ago '.repeat(5);
    const oldFile = await leaveOrphan(old, 'aaaaaaaaaaaa', Date.now() - 2 * HOUR);
    await leaveDeadServer(dataDir);

    // Right after the sweep's step, before the run's trash emptying: the trash has nothing.
    const trashAfterSweep: unknown[] = [];
    server = await createTestServer(atOnce(), undefined, {
      hooks: {
        after: async (point) => {
          if (point.step !== 'sweep') return;
          // Neither a file nor a row: the figures never count bytes the trash does not hold.
          const { trashBytes } = (await (await server!.fetch('/api/v1/gc')).json()) as GcStatus;
          trashAfterSweep.push({ files: await storedFiles(dataDir, 'trash'), trashBytes });
        },
      },
    });
    const run = await runToEnd(server);
    expect(run).toMatchObject({ status: 'succeeded', blobsDeleted: 1, bytesReclaimed: old.length });
    expect(messages(run)).toContain(
      `Swept 1 blob file (${old.length} B) that no row knew, older than the upload window, deleted at once (GC_TRASH_RETENTION_SECONDS is 0): uploads interrupted by a crash left them.`,
    );
    expect(trashAfterSweep).toEqual([{ files: [], trashBytes: 0 }]);
    expect(await isStored(oldFile)).toBe(false);
    expect(await storedFiles(dataDir, 'trash')).toEqual([]);
    expect((await (await server.fetch('/api/v1/gc')).json()) as GcStatus).toMatchObject({ trashBytes: 0 });
    await expectEveryLiveFileReadable(server);
  });
});
