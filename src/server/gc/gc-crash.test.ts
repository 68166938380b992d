// Kills the server process (SIGKILL) at chosen phases and batches of garbage-collection runs over
// more than 10,000 blobs (1,000 in smaller batches on PostgreSQL + S3), while writers log versions
// that re-reference the garbage and the shared content. Each kill lands where it was aimed: the child server holds at the chosen step
// (ATTIC_TEST_HOLD) and the test reads the run's row in the store (a connection of its own) to see it
// `running` in that phase, part-way, before killing. After each restart every file of every version
// not yet purged, the writers' included, downloads with its sha256; the last run frees exactly what
// its dry run announced, nothing is left to free, and the store's rows and files agree.
//
// On SQLite a restarted server is the store's only one: the killed run is failed at once, and each
// round starts a run of its own. On PostgreSQL + S3 the restarted server is a fleet member, and a
// run whose server died is resumed once its lease lapses (decision 180; LEASE_SECONDS is 2 here):
// there one run is killed at each point in turn, resumed by each new server, held at the next point
// and killed again, and finally finished by the last server, its log saying who resumed it.
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
import { backendEnv, readStore, testBackend } from '../test/backend';
import { startChildServer, type ChildServer } from '../test/child-server';
import { json, logFiles, type Target } from '../test/log-helpers';
import { blobPath, storedFiles, trashPath } from '../test/stored-files';

/** Whether a restarted server resumes the killed run (a fleet on PostgreSQL) or fails it (SQLite, the only server). */
const resumes = testBackend === 'postgres-s3';
// 1,250 versions of 10 files: 10,000 own blobs and 1,251 shared ones. On PostgreSQL + S3, where
// every upload, move and read is a request to the s3rver, a tenth of that with GC batches of 100
// instead of 1,000: as many batches per phase, so every kill lands as deep in its phase (decision 181).
const SCALE = resumes ? 10 : 1;
const VERSIONS = 1250 / SCALE;
const FILES_PER_VERSION = 10;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-crash-'));
// A short lease: on PostgreSQL a killed server's run is resumed once it lapses (SQLite ignores it).
const env = {
  DATA_DIR: dataDir,
  GC_GRACE_SECONDS: '0',
  GC_INTERVAL_SECONDS: '86400',
  GC_UPLOAD_WINDOW_SECONDS: '86400',
  LEASE_SECONDS: '2',
  ...(SCALE > 1 ? { ATTIC_TEST_GC_BATCH_SIZE: String(1000 / SCALE) } : {}),
};
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
    expect(Number(blobs.n)).toBeGreaterThanOrEqual(10_000 / SCALE);
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

/** Polls the run until it is no longer running: a state, not a delay. */
async function untilDone(t: Target, id: string): Promise<GcRun> {
  for (;;) {
    const run = await getJson<GcRun>(t, `/api/v1/gc/runs/${id}`);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The store's figures are its files': every blob row has its file, of its size, and every file in
 * blobs/ has a row (the writers finished each round before the kill, so no upload was cut off); the
 * trash holds exactly the trash rows' files, and their bytes are what the GC status reports.
 */
async function expectFiguresMatchStore(t: Target): Promise<void> {
  const { blobs, trash } = await readStore(dataDir, async (db) => ({
    blobs: await db.selectFrom('blobs').select(['entity', 'digest', 'generation', 'size_bytes']).execute(),
    trash: await db.selectFrom('trash').select(['entity', 'digest', 'generation', 'size_bytes']).execute(),
  }));
  const rowsAsFiles = (rows: typeof blobs, where: typeof blobPath) =>
    rows.map((r) => ({ path: where(r.entity, r.digest, r.generation), sizeBytes: Number(r.size_bytes) })).sort((a, b) => a.path.localeCompare(b.path));
  expect(await storedFiles(dataDir, 'blobs')).toEqual(rowsAsFiles(blobs, blobPath));
  const trashed = await storedFiles(dataDir, 'trash');
  expect(trashed).toEqual(rowsAsFiles(trash, trashPath));
  const status = await getJson<GcStatus>(t, '/api/v1/gc');
  expect(status.trashBytes).toBe(trashed.reduce((sum, f) => sum + f.sizeBytes, 0));
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
    expect(dry.blobsDeleted).toBeGreaterThanOrEqual(6000 / SCALE);
    expect(dry.blobsRetainedShared).toBeGreaterThan(0);

    let run: GcRun | null = null;
    for (let round = 0; round < KILLS.length; round++) {
      const kill = KILLS[round]!;
      // On PostgreSQL after the first round, the run is the killed one, resumed by this server.
      if (!resumes || !run) {
        run = await start(child, false);
        expect(run.status).toBe('running');
      }
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
      // On PostgreSQL the run goes on (once the lease lapses) while the files are read.
      if (!resumes) expect((await getJson<GcRun>(child, `/api/v1/gc/runs/${run.id}`)).status).toBe('failed');
      await expectLiveFilesReadable(child);
    }

    if (resumes) {
      // The last server resumes the run without a hold, and finishes it.
      const resumed = await untilDone(child, run!.id);
      expect(resumed.status, resumed.error ?? '').toBe('succeeded');
      const log = (resumed.log ?? []).map((l) => l.message).join('\n');
      expect(log.match(/Resumed by server srv_\w+: the server running it \(srv_\w+\) stopped answering\./g)).toHaveLength(KILLS.length);
      // It freed garbage; what the writers re-referenced meanwhile it kept (the final run below frees exactly what is left).
      expect(resumed.blobsDeleted).toBeGreaterThan(0);
      expect(resumed.blobsDeleted).toBeLessThanOrEqual(dry.blobsDeleted);
      await expectLiveFilesReadable(child);
    }

    const announced = await start(child, true);
    const final = await untilDone(child, (await start(child, false)).id);
    expect(final.status).toBe('succeeded');
    expect({ versionsPurged: final.versionsPurged, blobsDeleted: final.blobsDeleted, bytesReclaimed: final.bytesReclaimed }).toEqual({
      versionsPurged: announced.versionsPurged,
      blobsDeleted: announced.blobsDeleted,
      bytesReclaimed: announced.bytesReclaimed,
    });
    await expectLiveFilesReadable(child);
    const status = await getJson<GcStatus>(child, '/api/v1/gc');
    expect(status).toMatchObject({ reclaimableBytes: 0, pendingVersions: 0 });
    await expectFiguresMatchStore(child);
  }, 600_000);
});
