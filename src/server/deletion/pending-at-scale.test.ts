/**
 * 100,000 versions pending deletion (a big collection deleted): the storage figures, `GET /gc`,
 * the pending-deletion review and a collection preview answer, with the figures a computation of
 * their own (plain sets over the seeded rows, no SQL) finds. The rows are written straight into
 * the database: 100,000 logs over HTTP would take minutes.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeletionPreview, GcStatus, PendingDeletionPage, ProjectStorage } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { expectedLiveBytes, expectedReclaim, keptOutside, seedVersions, type SeededVersion, type SeedVersion } from '../test/seed-rows';

const PENDING = 100_000;
const GROUPS = 1000;
const BASE_MS = Date.parse('2024-06-01T00:00:00.000Z');
const digest = (kind: string, n: number) => `${kind}${n.toString(16).padStart(8, '0')}`.padEnd(64, '0');
const SHARED = { digest: digest('5', 0), sizeBytes: 1000 };
const group = (k: number) => ({ digest: digest('6', k), sizeBytes: 100 + (k % 7) });

/**
 * "gone": 100,000 versions pending deletion, each with a file of its own, a file it shares with
 * 99 other pending versions, and every tenth the blob a live version of "live" holds; three
 * COMMITTED versions, one sharing a pending group's blob. Deletion times repeat (100 versions a
 * second), so the review's order rests on its tie-break too.
 */
function layout(): SeedVersion[] {
  const versions: SeedVersion[] = [];
  for (let i = 0; i < PENDING; i++) {
    const files = [{ digest: digest('7', i), sizeBytes: 10 + (i % 5) }, group(i % GROUPS)];
    if (i % 10 === 0) files.push(SHARED);
    versions.push({ collection: 'gone', state: 'PENDING_DELETION', files, deletedAt: new Date(BASE_MS + (i % 1000) * 1000).toISOString() });
  }
  versions.push({ collection: 'gone', state: 'COMMITTED', files: [{ digest: digest('8', 0), sizeBytes: 50 }, group(5)] });
  versions.push({ collection: 'gone', state: 'COMMITTED', files: [{ digest: digest('8', 1), sizeBytes: 60 }] });
  versions.push({ collection: 'gone', state: 'PENDING', files: [{ digest: digest('8', 2), sizeBytes: 70 }] });
  versions.push({ collection: 'live', state: 'COMMITTED', files: [SHARED, { digest: digest('9', 0), sizeBytes: 5 }] });
  versions.push({ collection: 'live', state: 'COMMITTED', files: [{ digest: digest('9', 1), sizeBytes: 6 }] });
  return versions;
}

let server: TestServer;
let seeded: SeededVersion[];
const isPending = (v: SeededVersion) => v.state === 'PENDING_DELETION';
const project = '/api/v1/projects/big/p';

beforeAll(async () => {
  server = await createTestServer();
  seeded = await seedVersions(server.ctx.db, 'big', 'p', layout());
});
afterAll(async () => {
  await server?.close();
});

async function get<T>(path: string): Promise<T> {
  const res = await server.fetch(path);
  const body: unknown = await res.json();
  expect({ status: res.status, body }).toMatchObject({ status: 200 });
  return body as T;
}

/** The SQL statements a request runs, counted through a Kysely plugin on the server's database. */
async function countQueries(path: string): Promise<number> {
  let count = 0;
  const counting: KyselyPlugin = {
    transformQuery: (args) => {
      count++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const original = server.ctx.db;
  server.ctx.db = original.withPlugin(counting);
  try {
    await get(path);
  } finally {
    server.ctx.db = original;
  }
  return count;
}

describe('100,000 versions pending deletion', () => {
  it('the project storage figures answer, each distinct blob counted once', async () => {
    const storage = await get<ProjectStorage>(`${project}/storage`);
    const pending = expectedReclaim(seeded.filter(isPending), keptOutside(seeded, isPending));
    expect(storage).toEqual({
      liveBytes: expectedLiveBytes(seeded),
      pendingDeletion: { versions: PENDING, reclaimableBytes: pending.freed, sharedBytes: pending.kept },
      trashBytes: 0,
    });
    // The figures are not trivially zero: some blobs are kept, most are freed.
    expect(pending.kept).toBe(SHARED.sizeBytes + group(5).sizeBytes);
    expect(pending.freed).toBeGreaterThan(1_000_000);
  });

  it('GET /gc announces what purging every pending version frees', async () => {
    const status = await get<GcStatus>('/api/v1/gc');
    expect(status.pendingVersions).toBe(PENDING);
    expect(status.reclaimableBytes).toBe(expectedReclaim(seeded.filter(isPending), keptOutside(seeded, isPending)).freed);
  });

  it("a collection preview counts the collection's blobs once, freed unless another collection keeps them", async () => {
    const gone = seeded.filter((v) => v.collection === 'gone');
    const purged = (v: SeededVersion) => v.collection === 'gone' || isPending(v);
    const expected = expectedReclaim(gone, keptOutside(seeded, purged));
    const preview = await get<DeletionPreview>(`${project}/collections/gone/deletion-preview`);
    expect(preview).toMatchObject({
      versionCount: 3,
      totalBytes: expected.total,
      reclaimableBytes: expected.freed,
      sharedBytes: SHARED.sizeBytes,
      sharedWith: [{ collection: 'live', version: 'v0', sharedBytes: SHARED.sizeBytes }],
      sharedWithCount: 1,
    });
  });

  it('the pending-deletion review pages by cursor, last deleted first, with each version’s own figure and the total', async () => {
    const order = seeded.filter(isPending).sort((a, b) => (a.deletedAt! < b.deletedAt! ? 1 : a.deletedAt! > b.deletedAt! ? -1 : b.seq - a.seq));
    const kept = keptOutside(seeded, isPending);
    const graceMs = server.ctx.config.gc.graceSeconds * 1000;
    const expectPage = (page: PendingDeletionPage, from: number, limit: number) => {
      expect(page.totalCount).toBe(PENDING);
      expect(page.items.map((item) => [item.version.id, item.reclaimableBytes, item.purgeEligibleAt])).toEqual(
        order.slice(from, from + limit).map((v) => [v.id, expectedReclaim([v], kept).freed, new Date(Date.parse(v.deletedAt!) + graceMs).toISOString()]),
      );
      expect(page.nextCursor).not.toBeNull();
    };
    let page = await get<PendingDeletionPage>(`${project}/pending-deletion?limit=500`);
    expectPage(page, 0, 500);
    for (let n = 1; n <= 3; n++) {
      page = await get<PendingDeletionPage>(`${project}/pending-deletion?limit=500&cursor=${encodeURIComponent(page.nextCursor!)}`);
      expectPage(page, n * 500, 500);
    }
  });

  it('the pending-deletion review runs as many queries for 500 rows as for 5', async () => {
    const few = await countQueries(`${project}/pending-deletion?limit=5`);
    const many = await countQueries(`${project}/pending-deletion?limit=500`);
    expect(many).toBe(few);
  });
});
