// GC_TRASH_RETENTION_SECONDS=0 (decision 184): a run deletes each removed file at once (unlink, or
// one DeleteObject) instead of moving it into the trash and emptying that. At every point a run
// offers to test hooks the trash holds nothing and every live file reads back; the figures and the
// status say what left the store, with 0 trash bytes. A server killed between deleting a batch's
// files and dropping their rows leaves rows a later run (after the restart, or the server that takes
// the lapsed lease over) finishes; and files a killed run had moved into the trash under a retention
// above 0 are removed too when the run that finishes its work deletes at once.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GcRun, GcStatus } from '../../domain';
import { readStore } from '../test/backend';
import { startChildServer, type ChildServer } from '../test/child-server';
import { expectEveryLiveFileReadable, expectStoreConsistent } from '../test/invariant';
import { json, logFiles, sha, type Target } from '../test/log-helpers';
import { storedFiles } from '../test/stored-files';
import { createTestServer, type TestServer } from '../testing';
import type { GcPoint } from './hooks';

const api = '/api/v1/projects/e/p';
const SHARED = 'shared by every version '.repeat(4);
const GARBAGE = ['only in v0 '.repeat(5), 'only in v1 '.repeat(7), 'only in v2 '.repeat(9)];
const GARBAGE_BYTES = GARBAGE.reduce((sum, g) => sum + g.length, 0);

let server: TestServer | undefined;
let child: ChildServer | null = null;
let dataDir = '';
afterEach(async () => {
  await server?.close();
  server = undefined;
  await child?.kill();
  child = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
});

/** Three versions each holding a garbage file and the shared one, which a kept version also holds; the three deleted. */
async function seed(t: Target): Promise<void> {
  for (const own of GARBAGE) await logFiles(t, 'e', 'p', 'data', { shared: SHARED, own });
  await logFiles(t, 'e', 'p', 'kept', { shared: SHARED });
  for (const v of ['v0', 'v1', 'v2'])
    expect((await t.fetch(`${api}/collections/data/versions/${v}?deleteAliases=true`, { method: 'DELETE' })).status).toBe(200);
}

const getJson = async <T>(t: Target, url: string, init?: RequestInit): Promise<T> => (await (await t.fetch(url, init)).json()) as T;
const startRun = (t: Target, dryRun: boolean) => getJson<GcRun>(t, '/api/v1/gc/runs', json('POST', { dryRun }));

async function finished(t: Target, id: string): Promise<GcRun> {
  for (;;) {
    const run = await getJson<GcRun>(t, `/api/v1/gc/runs/${id}`);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The garbage blobs' files stored in `area`, whatever their generation. */
async function garbageFilesIn(area: 'blobs' | 'trash') {
  const digests = new Set(GARBAGE.map(sha));
  return (await storedFiles(dataDir, area)).filter((f) => digests.has(f.path.split('/').at(-1)!.split('.')[0]!));
}

async function expectKeptReadable(t: Target): Promise<void> {
  const res = await t.fetch(`${api}/collections/kept/versions/latest/files/shared`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(SHARED);
}

describe('a garbage-collection run with GC_TRASH_RETENTION_SECONDS=0', () => {
  it('never puts a file in the trash: at every point of the run the trash is empty and every live file reads back; the figures count what it deleted', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-retention-0-'));
    const seen: string[] = [];
    const check = (when: string) => async (point: GcPoint) => {
      const where = `${when} ${point.step} #${point.batch} (${point.phase})`;
      seen.push(where);
      expect(await storedFiles(dataDir, 'trash'), where).toEqual([]);
      await expectEveryLiveFileReadable(server!);
    };
    server = await createTestServer({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '0' }, undefined, {
      batchSize: 1,
      hooks: { before: check('before'), after: check('after') },
    });
    await seed(server);
    expect(await garbageFilesIn('blobs')).toHaveLength(GARBAGE.length);
    const dry = await startRun(server, true);
    const run = await finished(server, (await startRun(server, false)).id);
    expect(run).toMatchObject({ status: 'succeeded', versionsPurged: 3, blobsDeleted: GARBAGE.length, bytesReclaimed: GARBAGE_BYTES });
    expect({ blobsDeleted: run.blobsDeleted, bytesReclaimed: run.bytesReclaimed }).toEqual({
      blobsDeleted: dry.blobsDeleted,
      bytesReclaimed: dry.bytesReclaimed,
    });
    // One file step per garbage blob (batches of 1), each a deletion, never a move to the trash.
    expect(seen.filter((w) => w.startsWith('after remove'))).toHaveLength(GARBAGE.length);
    expect(seen.some((w) => w.includes(' trash #') || w.includes(' empty #'))).toBe(false);
    expect(await garbageFilesIn('blobs')).toEqual([]);
    expect(await storedFiles(dataDir, 'trash')).toEqual([]);
    expect(await getJson<GcStatus>(server, '/api/v1/gc')).toMatchObject({ trashBytes: 0, reclaimableBytes: 0 });
    expect(await getJson<{ trashBytes: number }>(server, `${api}/storage`)).toMatchObject({ trashBytes: 0 });
    await expectKeptReadable(server);
    await expectStoreConsistent(server);
  });
});

// A short lease: on PostgreSQL another server finds the killed one dead once its lease has lapsed.
const childEnv = (retention: string) => ({
  DATA_DIR: dataDir,
  GC_GRACE_SECONDS: '0',
  GC_INTERVAL_SECONDS: '86400',
  GC_TRASH_RETENTION_SECONDS: retention,
  LEASE_SECONDS: '1',
});

/** `gc_deleting` rows: blobs decided, whose rows a run has not dropped yet. */
async function deletingRows(): Promise<number> {
  const rows = await readStore(dataDir, (db) => db.selectFrom('gc_deleting').select('digest').execute());
  return rows.length;
}

/**
 * Kills the child held at `hold` of a run, restarts it with retention 0, and lets the work finish:
 * on SQLite the restart records the run failed and the next run finishes it; on PostgreSQL the
 * restarted server resumes the run once its lease lapses. Returns the runs' figures added up.
 */
async function killAtAndFinish(hold: string, retentionAtKill: string): Promise<{ blobsDeleted: number; bytesReclaimed: number }> {
  child = await startChildServer({ ...childEnv(retentionAtKill), ATTIC_TEST_HOLD: hold });
  await seed(child);
  const run = await startRun(child, false);
  await child.printed(`test hold: ${hold}`);
  // The batch's files (all three: a server's batch is 1,000) left the store; their rows are not yet dropped.
  expect(await deletingRows()).toBe(GARBAGE.length);
  expect(await garbageFilesIn('blobs')).toEqual([]);
  expect(await garbageFilesIn('trash')).toHaveLength(retentionAtKill === '0' ? 0 : GARBAGE.length);
  await child.kill();
  child = await startChildServer(childEnv('0'));
  const killed = await finished(child, run.id);
  const next = await finished(child, (await startRun(child, false)).id);
  expect(next.status).toBe('succeeded');
  return { blobsDeleted: killed.blobsDeleted + next.blobsDeleted, bytesReclaimed: killed.bytesReclaimed + next.bytesReclaimed };
}

/** After the work of a killed run is finished: every garbage blob counted once and gone, no row left, nothing in the trash. */
async function expectFinishedClean(figures: { blobsDeleted: number; bytesReclaimed: number }): Promise<void> {
  expect(figures).toEqual({ blobsDeleted: GARBAGE.length, bytesReclaimed: GARBAGE_BYTES });
  expect(await deletingRows()).toBe(0);
  expect(await garbageFilesIn('blobs')).toEqual([]);
  expect(await storedFiles(dataDir, 'trash')).toEqual([]);
  expect(await getJson<GcStatus>(child!, '/api/v1/gc')).toMatchObject({ trashBytes: 0, reclaimableBytes: 0 });
  await expectKeptReadable(child!);
}

describe('a server killed during a run that deletes at once', () => {
  it('between deleting files and dropping their rows: the run is finished later, every garbage file gone, counted once, nothing in the trash', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-retention-0-kill-'));
    const figures = await killAtAndFinish('gc:after:remove:1', '0');
    await expectFinishedClean(figures);
  }, 60_000);

  it('after moving files into the trash under a retention above 0: the run that finishes its work with retention 0 removes them from the trash too', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-retention-0-switch-'));
    const figures = await killAtAndFinish('gc:after:trash:1', '3600');
    await expectFinishedClean(figures);
  }, 60_000);
});
