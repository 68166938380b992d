// Deterministic interleavings of a garbage-collection run with clients. The engine's test hooks
// fire just before and just after every step of a run (each transaction, each batch of file moves):
// since the reference check and the move of a blob out of `blobs` are one transaction, these are
// all the places where another writer can get in. At each one, in turn, a client logs a version
// that references every garbage blob of the run (re-logging the content of the purged versions),
// or logs one left PENDING and commits it one step later. Whatever the point, the run must not take
// a file a committed or pending version was told is stored. A split decide step (the check in a read
// before the transaction that moves the rows) opens a window at "before decide", and fails here.
import { afterEach, describe, expect, it } from 'vitest';
import type { GcRun } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { expectEveryLiveFileReadable, expectStoreConsistent } from '../test/invariant';
import { json, logFiles, sha } from '../test/log-helpers';
import type { GcPoint, GcTestHooks } from './hooks';

const SHARED = 'shared by every version '.repeat(4);
const GARBAGE = ['only in data:v0', 'only in data:v1'];
const api = '/api/v1/projects/e/p';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type When = 'before' | 'after';
const label = (when: When, p: GcPoint) => `${when} ${p.step} #${p.batch} (${p.phase})`;

/** Two versions holding a garbage blob each and a shared one that another collection keeps; both deleted. */
async function seeded(hooks: GcTestHooks): Promise<TestServer> {
  const s = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '0' }, undefined, { batchSize: 1, hooks });
  for (const own of GARBAGE) await logFiles(s, 'e', 'p', 'data', { shared: SHARED, own });
  await logFiles(s, 'e', 'p', 'kept', { shared: SHARED });
  for (const v of ['v0', 'v1']) expect((await s.fetch(`${api}/collections/data/versions/${v}?deleteAliases=true`, { method: 'DELETE' })).status).toBe(200);
  return s;
}

async function run(s: TestServer): Promise<GcRun> {
  const started = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as GcRun;
  await s.gc.engine.idle();
  return (await (await s.fetch(`/api/v1/gc/runs/${id}`)).json()) as GcRun;
}

/** Every point of an undisturbed run, in order. */
async function allPoints(): Promise<{ when: When; point: GcPoint }[]> {
  const points: { when: When; point: GcPoint }[] = [];
  server = await seeded({ before: (point) => void points.push({ when: 'before', point }), after: (point) => void points.push({ when: 'after', point }) });
  const undisturbed = await run(server);
  expect(undisturbed).toMatchObject({ status: 'succeeded', blobsDeleted: GARBAGE.length });
  await server.close();
  server = undefined;
  return points;
}

/** A client's version of every garbage content plus the shared one (and `extra`): what a purged version held, logged again. */
function relogFiles(extra: Record<string, string> = {}): Record<string, string> {
  return { shared: SHARED, ...Object.fromEntries(GARBAGE.map((content, i) => [`g${i}`, content])), ...extra };
}

async function expectFilesRead(s: TestServer, collection: string, files: Record<string, string>, where: string) {
  for (const [name, content] of Object.entries(files)) {
    const res = await s.fetch(`${api}/collections/${collection}/versions/latest/files/${name}`);
    expect(res.status, `${where}: ${collection} ${name}`).toBe(200);
    expect(await res.text(), `${where}: ${collection} ${name}`).toBe(content);
  }
}

/** Runs with `act` at the `index`-th point; then the run must have succeeded and every live file read back. */
async function interleave(index: number, act: (s: TestServer, where: string) => Promise<void>, settle: (s: TestServer, where: string) => Promise<void>) {
  let seen = 0;
  let acted: string | null = null;
  const at = (when: When) => async (point: GcPoint) => {
    if (seen++ === index) {
      acted = label(when, point);
      await act(server!, acted);
    } else if (acted) {
      await settle(server!, acted);
    }
  };
  server = await seeded({ before: at('before'), after: at('after') });
  const finished = await run(server);
  expect(acted, `point ${index}`).not.toBeNull();
  const where = acted!;
  await settle(server, where);
  expect(finished.status, `${where}: ${finished.error}`).toBe('succeeded');
  await expectEveryLiveFileReadable(server);
  await expectStoreConsistent(server);
  return where;
}

describe('garbage collection interleaved with clients at every step', () => {
  it('hooks reach every step of a run, the decide step once per candidate', async () => {
    const points = await allPoints();
    const steps = new Set(points.map((p) => p.point.step));
    // GC_TRASH_RETENTION_SECONDS=0: files are deleted at once (`remove`), never moved to the trash and emptied (decision 184).
    expect([...steps].sort()).toEqual(['decide', 'drop', 'finish', 'phase', 'purge', 'remove']);
    // Two purged versions, then one decide per candidate (two garbage, one shared) and an empty one.
    expect(points.filter((p) => p.when === 'before' && p.point.step === 'decide')).toHaveLength(4);
  });

  it('a version re-logging the garbage at any point keeps every file it was told is stored', async () => {
    const points = await allPoints();
    for (let i = 0; i < points.length; i++) {
      const files = relogFiles();
      const where = await interleave(
        i,
        async (s, at) => {
          const version = await logFiles(s, 'e', 'p', 'again', files);
          expect(version.state, at).toBe('COMMITTED');
        },
        async () => undefined,
      );
      await expectFilesRead(server!, 'again', files, where);
      await server!.close();
      server = undefined;
    }
  }, 180_000);

  it('a version left PENDING at any point commits at the next one with only the files it was told to upload', async () => {
    const points = await allPoints();
    for (let i = 0; i < points.length; i++) {
      const fresh = `fresh content ${i}`;
      const files = relogFiles({ fresh });
      let pending: { id: string; missing: string[] } | null = null;
      const where = await interleave(
        i,
        async (s, at) => {
          const manifest = Object.entries(files).map(([p, c]) => ({ path: p, digest: sha(c), sizeBytes: Buffer.byteLength(c) }));
          const res = await s.fetch(`${api}/artifacts`, json('POST', { type: 'dataset', name: 'pending', files: manifest }));
          expect(res.status, at).toBe(201);
          const body = (await res.json()) as { version: { id: string; state: string }; missingDigests: string[] };
          expect(body.version.state, at).toBe('PENDING');
          expect(body.missingDigests, at).toContain(sha(fresh));
          // Upload what was missing except the fresh file: the version stays PENDING over the next step.
          for (const digest of body.missingDigests.filter((d) => d !== sha(fresh))) {
            const content = Object.values(files).find((c) => sha(c) === digest)!;
            expect((await s.fetch(`${api}/blobs/${digest}`, { method: 'PUT', body: content })).status, at).toBe(201);
          }
          pending = { id: body.version.id, missing: body.missingDigests };
        },
        async (s, at) => {
          if (!pending) return;
          const { id } = pending;
          pending = null;
          expect((await s.fetch(`${api}/blobs/${sha(fresh)}`, { method: 'PUT', body: fresh })).status, at).toBe(201);
          const commit = await s.fetch(`${api}/artifacts/${id}/commit`, { method: 'POST' });
          expect(commit.status, `${at}: commit after uploading what the server said was missing: ${await commit.clone().text()}`).toBe(200);
        },
      );
      await expectFilesRead(server!, 'pending', files, where);
      await server!.close();
      server = undefined;
    }
  }, 180_000);
});
