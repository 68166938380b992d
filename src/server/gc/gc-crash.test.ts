// Kills the server process (SIGKILL) at random points of a garbage-collection run over more than
// 10,000 blobs, restarts it on the same DATA_DIR, and checks after each restart that every file of
// every version not yet purged downloads with its sha256; at the end, that the runs together freed
// exactly the bytes the dry run announced.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GcRun, Page, Version } from '../../domain';
import { logVersion } from '../artifacts/log-version';
import { uploadBlob } from '../artifacts/upload-blob';
import { deleteVersion } from '../deletion/delete-version';
import { loadConfig } from '../config';
import { openStore } from '../open-store';
import { bytesSource } from '../store/blob-store';

// 1,250 versions of 10 files: 10,000 own blobs and 1,251 shared ones.
const VERSIONS = 1250;
const FILES_PER_VERSION = 10;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-crash-'));
const env = { DATA_DIR: dataDir, DEMO_DATA: '0', GC_GRACE_SECONDS: '0', GC_INTERVAL_SECONDS: '86400', GC_UPLOAD_WINDOW_SECONDS: '86400' };
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const content = (key: string) => Buffer.from(`${key} `.repeat(8));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Versions of 10 files; file k of version i is shared with version i+1 when k < 2, so deleting every other version leaves shared blobs behind. */
async function seed(): Promise<void> {
  const store = await openStore(loadConfig(env));
  try {
    for (let i = 0; i < VERSIONS; i++) {
      const files = Array.from({ length: FILES_PER_VERSION }, (_, k) => {
        const bytes = content(k < 2 ? `shared-${k}-${Math.floor((i + k) / 2)}` : `own-${i}-${k}`);
        return { path: `part-${k}.bin`, digest: sha(bytes), sizeBytes: bytes.length, bytes };
      });
      const body = { type: 'dataset', name: `c${i % 4}`, files: files.map(({ bytes: _, ...f }) => f) };
      const { version, missingDigests } = await logVersion(store.ctx, 'e', 'p', body);
      for (const digest of missingDigests) await uploadBlob(store.ctx, 'e', 'p', digest, bytesSource(files.find((f) => f.digest === digest)!.bytes));
      if (missingDigests.length > 0) {
        const { commitVersion } = await import('../artifacts/log-version');
        await commitVersion(store.ctx, 'e', 'p', version.id);
      }
    }
    const blobs = await store.ctx.db.selectFrom('blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(blobs.n)).toBeGreaterThanOrEqual(10_000);
    // Delete most versions (every one but each fourth), aliases and all.
    for (let c = 0; c < 4; c++) {
      const rows = await store.ctx.db.selectFrom('versions').innerJoin('collections', 'collections.id', 'versions.collection_id').select(['versions.idx']).where('collections.name', '=', `c${c}`).execute();
      for (const row of rows) if (row.idx! % 4 !== 0) await deleteVersion(store.ctx, { entity: 'e', project: 'p', collection: `c${c}`, version: `v${row.idx}` }, { deleteAliases: true });
    }
  } finally {
    await store.close();
  }
}

async function start(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child!.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening on (http:\/\/[^ ]+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child!.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child!.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
}

async function kill(): Promise<void> {
  const c = child!;
  child = null;
  const exited = new Promise((resolve) => c.once('exit', resolve));
  c.kill('SIGKILL');
  await exited;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  return (await res.json()) as T;
}

async function expectLiveFilesReadable(base: string): Promise<void> {
  let checked = 0;
  for (let c = 0; c < 4; c++) {
    for (const state of ['COMMITTED', 'PENDING_DELETION']) {
      let cursor: string | null = null;
      do {
        const page: Page<Version> = await getJson(`${base}/api/v1/projects/e/p/collections/c${c}/versions?state=${state}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        for (const v of page.items) {
          const files = await getJson<Page<{ path: string; digest: string }>>(`${base}/api/v1/projects/e/p/collections/c${c}/versions/${v.version}/files?limit=500`);
          for (const f of files.items) {
            const res = await fetch(`${base}/api/v1/projects/e/p/collections/c${c}/versions/${v.version}/files/${f.path}`);
            expect(res.status, `c${c}:${v.version} ${f.path}`).toBe(200);
            expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(f.digest);
            checked++;
          }
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  expect(checked).toBeGreaterThan(0);
}

describe('garbage collection survives being killed', () => {
  it('keeps every live file through SIGKILLs at random points and frees exactly what was announced', async () => {
    await seed();
    let base = await start();
    const dry = await getJson<GcRun>(`${base}/api/v1/gc/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dryRun":true}' });
    expect(dry.blobsDeleted).toBeGreaterThanOrEqual(6000);
    expect(dry.blobsRetainedShared).toBeGreaterThan(0);

    const runIds: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const run = await getJson<GcRun>(`${base}/api/v1/gc/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dryRun":false}' });
      runIds.push(run.id);
      await new Promise((resolve) => setTimeout(resolve, randomInt(50, 1200)));
      await kill();
      base = await start();
      await expectLiveFilesReadable(base);
    }
    const last = await getJson<GcRun>(`${base}/api/v1/gc/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"dryRun":false}' });
    runIds.push(last.id);
    let final = last;
    while (final.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      final = await getJson<GcRun>(`${base}/api/v1/gc/runs/${last.id}`);
    }
    expect(final.status).toBe('succeeded');
    await expectLiveFilesReadable(base);

    const runs = await Promise.all(runIds.map((id) => getJson<GcRun>(`${base}/api/v1/gc/runs/${id}`)));
    expect(runs.reduce((sum, r) => sum + r.bytesReclaimed, 0)).toBe(dry.bytesReclaimed);
    expect(runs.reduce((sum, r) => sum + r.blobsDeleted, 0)).toBe(dry.blobsDeleted);
    expect(runs.reduce((sum, r) => sum + r.versionsPurged, 0)).toBe(dry.versionsPurged);
    const status = await getJson<{ reclaimableBytes: number; pendingVersions: number }>(`${base}/api/v1/gc`);
    expect(status).toMatchObject({ reclaimableBytes: 0, pendingVersions: 0 });
  }, 300_000);
});
