// A kill -9 during uploads (issue 7): the server moves a blob's file into place before the
// transaction that writes its row, so a process killed in between leaves a file no row knows. Here a
// real server is held right there (ATTIC_TEST_HOLD), killed, restarted; garbage collection leaves
// the file alone while it is younger than the upload window, then sweeps it into the trash, counted,
// and touches no other file: not the live ones, not the copy of the same bytes uploaded again since.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes, type GcRun, type GcStatus, type ProjectStorage } from '../../domain';
import { readStore, untilSweepDue } from '../test/backend';
import { startChildServer, type ChildServer } from '../test/child-server';
import { json, logFiles, sha, type Target } from '../test/log-helpers';
import { setStoredFileModified, storedFileExists, storedFiles } from '../test/stored-files';

let server: ChildServer | null = null;
let dataDir = '';
afterEach(async () => {
  await server?.kill();
  server = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const api = '/api/v1/projects/e/p';
// A short lease: on PostgreSQL the next server finds the killed one dead once its lease has lapsed.
const env = () => ({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0', GC_UPLOAD_WINDOW_SECONDS: '3600', GC_INTERVAL_SECONDS: '86400', LEASE_SECONDS: '1' });

/** Every stored blob (files under blobs/, or the bucket's keys), as `<digest>.<generation>` -> its path there and size. */
async function blobFiles(): Promise<Map<string, { path: string; sizeBytes: number }>> {
  return new Map((await storedFiles(dataDir, 'blobs')).map((f) => [f.path.split('/').at(-1)!, f]));
}

const rowNames = async () =>
  new Set(
    (
      await readStore(dataDir, (db) => db.selectFrom('blobs').select(['digest', 'generation']).execute() as Promise<{ digest: string; generation: string }[]>)
    ).map((r) => `${r.digest}.${r.generation}`),
  );

async function runToEnd(t: Target): Promise<GcRun> {
  const started = await t.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(started.status).toBe(202);
  let run = (await started.json()) as GcRun;
  while (run.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    run = (await (await t.fetch(`/api/v1/gc/runs/${run.id}`)).json()) as GcRun;
  }
  return run;
}

async function expectReads(t: Target, collection: string, files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    const res = await t.fetch(`${api}/collections/${collection}/versions/latest/files/${name}`);
    expect(res.status, `${collection} ${name}`).toBe(200);
    expect(sha(new Uint8Array(await res.arrayBuffer())), `${collection} ${name}`).toBe(sha(content));
  }
}

describe('a kill -9 during uploads', () => {
  it('leaves a file no row knows, which garbage collection sweeps into the trash once past the upload window, counted', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-orphans-'));
    // The third upload is held after its file is in place, before its row is written.
    server = await startChildServer({ ...env(), ATTIC_TEST_HOLD: 'upload:published:3' });
    const live = { a: 'live file a '.repeat(10), b: 'live file b '.repeat(20) };
    await logFiles(server, 'e', 'p', 'live', live);
    const pendingFiles = { c: 'pending c '.repeat(30), d: 'pending d '.repeat(40) };
    const manifest = Object.entries(pendingFiles).map(([p, c]) => ({ path: p, digest: sha(c), sizeBytes: c.length }));
    const logged = await server.fetch(`${api}/artifacts`, json('POST', { type: 'dataset', name: 'uploading', files: manifest }));
    const { version } = (await logged.json()) as { version: { id: string } };
    // c is held after its file is in place; d is uploaded while c is in flight, then the server is killed.
    const held = server.fetch(`${api}/blobs/${sha(pendingFiles.c)}`, { method: 'PUT', body: pendingFiles.c }).catch(() => null);
    await server.printed('test hold: upload:published:3');
    expect((await server.fetch(`${api}/blobs/${sha(pendingFiles.d)}`, { method: 'PUT', body: pendingFiles.d })).status).toBe(201);
    const filesAtKill = await blobFiles();
    const known = await rowNames();
    const orphans = [...filesAtKill.keys()].filter((name) => !known.has(name));
    expect(orphans).toHaveLength(1);
    const orphan = orphans[0]!;
    expect(orphan.startsWith(sha(pendingFiles.c))).toBe(true);
    const orphanBytes = filesAtKill.get(orphan)!.sizeBytes;
    await server.kill();
    server = null;
    expect(await held).toBeNull();

    server = await startChildServer(env());
    await untilSweepDue(dataDir);
    // The client finishes its upload: the same bytes get a row under a new generation, the orphan stays one.
    expect((await server.fetch(`${api}/blobs/${sha(pendingFiles.c)}`, { method: 'PUT', body: pendingFiles.c })).status).toBe(201);
    const commit = await server.fetch(`${api}/artifacts/${version.id}/commit`, { method: 'POST' });
    expect(commit.status, await commit.clone().text()).toBe(200);
    expect((await rowNames()).has(orphan)).toBe(false);

    // Younger than the upload window: left alone (it might be an upload about to write its row).
    const early = await runToEnd(server);
    expect(early).toMatchObject({ status: 'succeeded', blobsDeleted: 0, bytesReclaimed: 0 });
    expect(await storedFileExists(dataDir, 'blobs', filesAtKill.get(orphan)!.path)).toBe(true);

    // The file has now lain there longer than the upload window.
    await setStoredFileModified(dataDir, 'blobs', filesAtKill.get(orphan)!.path, Date.now() - 2 * 3600_000);
    const before = await blobFiles();
    const swept = await runToEnd(server);
    expect(swept).toMatchObject({ status: 'succeeded', blobsDeleted: 1, bytesReclaimed: orphanBytes });
    expect((swept.log ?? []).map((l) => l.message).join('\n')).toContain(`Swept 1 blob file (${formatBytes(orphanBytes)}) that no row knew`);
    const after = await blobFiles();
    expect([...before.keys()].filter((name) => !after.has(name))).toEqual([orphan]);
    expect(after.size).toBe(before.size - 1);
    expect(await storedFileExists(dataDir, 'trash', `e/${orphan}`)).toBe(true);
    const storage = (await (await server.fetch(`${api}/storage`)).json()) as ProjectStorage;
    expect(storage.trashBytes).toBe(orphanBytes);
    expect(((await (await server.fetch('/api/v1/gc')).json()) as GcStatus).trashBytes).toBe(orphanBytes);
    await expectReads(server, 'live', live);
    await expectReads(server, 'uploading', pendingFiles);

    // Swept once: the next run finds nothing more.
    expect(await runToEnd(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 0 });
  }, 60_000);
});
