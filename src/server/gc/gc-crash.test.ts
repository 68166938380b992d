// Kills the server process (SIGKILL) at chosen phases and batches of garbage-collection runs over
// more than 10,000 blobs, while writers log versions that re-reference the garbage and the shared
// content. Each kill lands where it was aimed: the child server holds at the chosen step
// (ATTIC_TEST_HOLD) and the test reads the run's row in the SQLite file (read-only) to see it
// `running` in that phase, part-way, before killing. After each restart every file of every version
// not yet purged, the writers' included, downloads with its sha256; the last run frees exactly what
// its dry run announced, and nothing is left to free.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GcRun, GcStatus, Page, Version } from '../../domain';
import { commitVersion, logVersion } from '../artifacts/log-version';
import { uploadBlob } from '../artifacts/upload-blob';
import { deleteVersion } from '../deletion/delete-version';
import { mapLimit } from './map-limit';
import { loadConfig } from '../config';
import { openStore } from '../open-store';
import { bytesSource } from '../store/blob-store';
import { backendEnv, readStore } from '../test/backend';
import { startChildServer, type ChildServer } from '../test/child-server';
import { json, logFiles, type Target } from '../test/log-helpers';

// 1,250 versions of 10 files: 10,000 own blobs and 1,251 shared ones.
const VERSIONS = 1250;
const FILES_PER_VERSION = 10;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-crash-'));
const env = { DATA_DIR: dataDir, GC_GRACE_SECONDS: '0', GC_INTERVAL_SECONDS: '86400', GC_UPLOAD_WINDOW_SECONDS: '86400' };
let child: ChildServer | null = null;

afterAll(async () => {
  await child?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const contentOf = (key: string) => `${key} `.repeat(8);
const content = (key: string) => Buffer.from(contentOf(key));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sharedKey = (i: number, k: number) => `shared-${k}-${Math.floor((i + k) / 2)}`;
/** Version i is the (i/4)-th of collection c(i%4); every one but each fourth is deleted. */
const isDeleted = (i: number) => Math.floor(i / 4) % 4 !== 0;

/** Versions of 10 files; file k of version i is shared with version i+1 when k < 2, so deleting every other version leaves shared blobs behind. */
async function seed(): Promise<void> {
  const store = await openStore(loadConfig({ ...env, ...(await backendEnv(dataDir)), DEMO_DATA: '0' }));
  try {
    for (let i = 0; i < VERSIONS; i++) {
      const files = Array.from({ length: FILES_PER_VERSION }, (_, k) => {
        const bytes = content(k < 2 ? sharedKey(i, k) : `own-${i}-${k}`);
        return { path: `part-${k}.bin`, digest: sha(bytes), sizeBytes: bytes.length, bytes };
      });
      const body = { type: 'dataset', name: `c${i % 4}`, files: files.map(({ bytes: _, ...f }) => f) };
      const { version, missingDigests } = await logVersion(store.ctx, 'e', 'p', body);
      // Several at a time, as clients upload a version's files: on S3 each upload waits on requests.
      await mapLimit(missingDigests, 8, async (digest) => {
        await uploadBlob(store.ctx, 'e', 'p', digest, bytesSource(files.find((f) => f.digest === digest)!.bytes));
      });
      if (missingDigests.length > 0) await commitVersion(store.ctx, 'e', 'p', version.id);
    }
    const blobs = await store.ctx.db
      .selectFrom('blobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(blobs.n)).toBeGreaterThanOrEqual(10_000);
    // Delete most versions (every one but each fourth), aliases and all.
    for (let c = 0; c < 4; c++) {
      const rows = await store.ctx.db
        .selectFrom('versions')
        .innerJoin('collections', 'collections.id', 'versions.collection_id')
        .select(['versions.idx'])
        .where('collections.name', '=', `c${c}`)
        .execute();
      for (const row of rows)
        if (row.idx! % 4 !== 0)
          await deleteVersion(store.ctx, { entity: 'e', project: 'p', collection: `c${c}`, version: `v${row.idx}` }, { deleteAliases: true });
    }
  } finally {
    await store.close();
  }
}

/**
 * Writers: each logs a version of `w` that re-references a garbage file of a deleted version, a
 * shared file and a new one, until `held` says the run reached its hold, then a few more.
 */
async function write(t: Target, round: number, held: () => boolean): Promise<number> {
  let n = 0;
  for (let j = 0; !held() || n % 16 !== 15; j++) {
    let i = (round * 997 + j * 53) % VERSIONS;
    while (!isDeleted(i)) i = (i + 1) % VERSIONS;
    const files = { garbage: contentOf(`own-${i}-${2 + (j % 8)}`), shared: contentOf(sharedKey(i, j % 2)), fresh: contentOf(`writer-${round}-${j}`) };
    const version = await logFiles(t, 'e', 'p', 'w', files);
    expect(version.state).toBe('COMMITTED');
    n++;
  }
  return n;
}

interface HeldRun {
  status: string;
  phase: string;
  versions_purged: number;
  blobs_deleted: number;
  planned_versions: number;
  planned_blobs: number;
  deleting: number;
}

const heldRun = (id: string): Promise<HeldRun> =>
  readStore(dataDir, async (db) => ({
    ...(await db
      .selectFrom('gc_runs')
      .select(['status', 'phase', 'versions_purged', 'blobs_deleted', 'planned_versions', 'planned_blobs'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()),
    deleting: Number(
      (
        await db
          .selectFrom('gc_deleting')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  }));

async function getJson<T>(t: Target, url: string, init?: RequestInit): Promise<T> {
  const res = await t.fetch(url, init);
  return (await res.json()) as T;
}

async function expectLiveFilesReadable(t: Target): Promise<void> {
  let checked = 0;
  for (const collection of ['c0', 'c1', 'c2', 'c3', 'w']) {
    for (const state of ['COMMITTED', 'PENDING_DELETION']) {
      let cursor: string | null = null;
      do {
        const page: Page<Version> = await getJson(
          t,
          `/api/v1/projects/e/p/collections/${collection}/versions?state=${state}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        );
        for (const v of page.items) {
          const files = await getJson<Page<{ path: string; digest: string }>>(
            t,
            `/api/v1/projects/e/p/collections/${collection}/versions/${v.version}/files?limit=500`,
          );
          // A version's files downloaded side by side, as a client fetching a version does.
          await mapLimit(files.items, 8, async (f) => {
            const res = await t.fetch(`/api/v1/projects/e/p/collections/${collection}/versions/${v.version}/files/${f.path}`);
            expect(res.status, `${collection}:${v.version} ${f.path}`).toBe(200);
            expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(f.digest);
            checked++;
          });
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  expect(checked).toBeGreaterThan(0);
}

const start = (t: Target, dryRun: boolean) => getJson<GcRun>(t, '/api/v1/gc/runs', json('POST', { dryRun }));

// Where each kill lands, and what the run's row must show there.
const KILLS: { hold: string; phase: string; check: (r: HeldRun) => void }[] = [
  { hold: 'gc:after:purge:1', phase: 'purging', check: (r) => expect(r.versions_purged).toBeGreaterThan(0) },
  { hold: 'gc:after:decide:3', phase: 'deciding', check: (r) => expect(r.deleting).toBeGreaterThan(0) },
  // Files of the second batch are in the trash, their rows not yet dropped.
  { hold: 'gc:after:trash:2', phase: 'deleting', check: (r) => expect(r.deleting).toBeGreaterThan(0) },
  { hold: 'gc:after:drop:3', phase: 'deleting', check: (r) => expect(r.blobs_deleted).toBeGreaterThan(0) },
];

describe('garbage collection survives being killed', () => {
  it('keeps every live file through SIGKILLs at chosen steps with writers running, and frees exactly what was announced', async () => {
    await seed();
    child = await startChildServer({ ...env, ATTIC_TEST_HOLD: KILLS[0]!.hold });
    const dry = await start(child, true);
    expect(dry.blobsDeleted).toBeGreaterThanOrEqual(6000);
    expect(dry.blobsRetainedShared).toBeGreaterThan(0);

    for (let round = 0; round < KILLS.length; round++) {
      const kill = KILLS[round]!;
      const run = await start(child, false);
      expect(run.status).toBe('running');
      let held = false;
      const printed = child.printed(`test hold: ${kill.hold}`).then(() => (held = true));
      const written = await write(child, round, () => held);
      await printed;
      expect(written).toBeGreaterThan(0);
      const row = await heldRun(run.id);
      expect(row).toMatchObject({ status: 'running', phase: kill.phase });
      expect(row.blobs_deleted).toBeLessThan(row.planned_blobs);
      kill.check(row);
      await child.kill();
      child = await startChildServer({ ...env, ...(KILLS[round + 1] ? { ATTIC_TEST_HOLD: KILLS[round + 1]!.hold } : {}) });
      expect((await getJson<GcRun>(child, `/api/v1/gc/runs/${run.id}`)).status).toBe('failed');
      await expectLiveFilesReadable(child);
    }

    const announced = await start(child, true);
    let final = await start(child, false);
    while (final.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      final = await getJson<GcRun>(child, `/api/v1/gc/runs/${final.id}`);
    }
    expect(final.status).toBe('succeeded');
    expect({ versionsPurged: final.versionsPurged, blobsDeleted: final.blobsDeleted, bytesReclaimed: final.bytesReclaimed }).toEqual({
      versionsPurged: announced.versionsPurged,
      blobsDeleted: announced.blobsDeleted,
      bytesReclaimed: announced.bytesReclaimed,
    });
    await expectLiveFilesReadable(child);
    const status = await getJson<GcStatus>(child, '/api/v1/gc');
    expect(status).toMatchObject({ reclaimableBytes: 0, pendingVersions: 0 });
  }, 600_000);
});
