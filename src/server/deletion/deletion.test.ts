import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection, DeletionPreview, PendingDeletionPage, Version } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { json, logFiles } from '../test/log-helpers';

let server: TestServer;
const base = '/api/v1/projects/e/p/collections/data';

beforeEach(async () => {
  server = await createTestServer();
  // v0 and v1 share "big"; v2 replaces it. prod sits on v1.
  await logFiles(server, 'e', 'p', 'data', { big: 'B'.repeat(1000), small: 'v0' });
  await logFiles(server, 'e', 'p', 'data', { big: 'B'.repeat(1000), small: 'v1' }, { aliases: ['prod'] });
  await logFiles(server, 'e', 'p', 'data', { big: 'C'.repeat(500), small: 'v2' });
});
afterEach(async () => {
  await server.close();
});

async function get<T>(path: string): Promise<T> {
  const res = await server.fetch(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('deleting a version', () => {
  it('refuses while aliases are present, naming them, and changes nothing', async () => {
    const res = await server.fetch(`${base}/versions/v1`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: { aliases: string[] } } };
    expect(body.error.code).toBe('ALIASES_PRESENT');
    expect(body.error.details.aliases).toEqual(['prod']);
    expect(body.error.message).toContain('prod');
    expect((await get<Version>(`${base}/versions/v1`)).state).toBe('COMMITTED');
  });

  it('with deleteAliases removes them, moves latest to the newest remaining version and records who and when', async () => {
    const res = await server.fetch(`${base}/versions/latest?deleteAliases=true`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const deleted = (await res.json()) as Version;
    expect(deleted).toMatchObject({ version: 'v2', state: 'PENDING_DELETION', aliases: [], deletedBy: 'admin' });
    expect(deleted.deletedAt).not.toBeNull();
    expect((await get<Version>(`${base}/versions/latest`)).version).toBe('v1');
    const collection = await get<Collection>(base);
    expect(collection).toMatchObject({ versionCount: 2, pendingDeletionCount: 1, sizeBytes: 1000 + 2 + 2 });
    const list = await get<{ items: Version[] }>(`${base}/versions`);
    expect(list.items.map((v) => v.version)).toEqual(['v1', 'v0']);
  });

  it('is idempotent: deleting again answers 200 and changes nothing', async () => {
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    const first = await get<Version>(`${base}/versions/v0`);
    const again = await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
    expect((await get<Collection>(base)).pendingDeletionCount).toBe(1);
  });

  it('restores to COMMITTED with the aliases its delete removed; latest is recomputed', async () => {
    await server.fetch(`${base}/versions/v2?deleteAliases=true`, { method: 'DELETE' });
    const res = await server.fetch(`${base}/versions/v2/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    const restored = (await res.json()) as Version;
    expect(restored).toMatchObject({ state: 'COMMITTED', deletedAt: null, deletedBy: null, aliases: ['latest'] });
    await server.fetch(`${base}/versions/v1?deleteAliases=true`, { method: 'DELETE' });
    await server.fetch(`${base}/versions/v1/restore`, { method: 'POST' });
    expect((await get<Version>(`${base}/versions/v1`)).aliases).toEqual(['prod']);
    expect((await get<Collection>(base)).sizeBytes).toBe(1000 + 500 + 6);
  });

  it('previews the aliases, where latest moves and the bytes freed versus shared', async () => {
    const v1 = await get<DeletionPreview>(`${base}/versions/v1/deletion-preview`);
    expect(v1.aliases).toEqual([{ version: 'v1', alias: 'prod' }]);
    expect(v1.latest.moves).toBe(false);
    // "big" is shared with v0: only v1's own 2 bytes would be freed.
    expect(v1).toMatchObject({ reclaimableBytes: 2, sharedBytes: 1000, totalBytes: 1002 });
    expect(v1.sharedWith).toEqual([{ collection: 'data', version: 'v0', sharedBytes: 1000 }]);

    const v2 = await get<DeletionPreview>(`${base}/versions/v2/deletion-preview`);
    expect(v2.latest).toEqual({ moves: true, to: 'v1' });
    expect(v2).toMatchObject({ reclaimableBytes: 502, sharedBytes: 0 });

    // Once v0 is pending deletion, deleting v1 frees the shared file too.
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    const after = await get<DeletionPreview>(`${base}/versions/v1/deletion-preview`);
    expect(after).toMatchObject({ reclaimableBytes: 1002, sharedBytes: 0, sharedWith: [] });
  });
});

describe('deleting a collection', () => {
  it('soft-deletes every version with its aliases, hides the collection, and logging makes it READY again', async () => {
    const preview = await get<DeletionPreview>(`${base}/deletion-preview`);
    expect(preview).toMatchObject({ versionCount: 3, reclaimableBytes: 1000 + 500 + 6 });
    expect(preview.aliases.map((a) => a.alias).sort()).toEqual(['latest', 'prod']);

    const res = await server.fetch(base, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { collection: Collection; versionsDeleted: number };
    expect(body.versionsDeleted).toBe(3);
    expect(body.collection).toMatchObject({ state: 'DELETED', versionCount: 0, pendingDeletionCount: 3, sizeBytes: 0, deletedBy: 'admin' });
    const ready = await get<{ items: Collection[] }>('/api/v1/projects/e/p/collections');
    expect(ready.items).toEqual([]);
    const deleted = await get<{ items: Collection[] }>('/api/v1/projects/e/p/collections?state=DELETED');
    expect(deleted.items.map((c) => c.name)).toEqual(['data']);
    const again = await server.fetch(base, { method: 'DELETE' });
    expect(((await again.json()) as { versionsDeleted: number }).versionsDeleted).toBe(0);

    const pending = await get<PendingDeletionPage>('/api/v1/projects/e/p/pending-deletion');
    expect(pending.totalCount).toBe(3);
    expect(pending.items.map((i) => i.version.version).sort()).toEqual(['v0', 'v1', 'v2']);

    await logFiles(server, 'e', 'p', 'data', { small: 'v3' });
    const revived = await get<Collection>(base);
    expect(revived).toMatchObject({ state: 'READY', versionCount: 1, pendingDeletionCount: 3 });
    expect((await get<Version>(`${base}/versions/latest`)).version).toBe('v3');
  });

  it('restoring one version of a deleted collection makes the collection READY again', async () => {
    await server.fetch(base, { method: 'DELETE' });
    await server.fetch(`${base}/versions/v1/restore`, { method: 'POST' });
    expect(await get<Collection>(base)).toMatchObject({ state: 'READY', versionCount: 1, pendingDeletionCount: 2 });
    expect((await get<Version>(`${base}/versions/latest`)).version).toBe('v1');
  });
});

describe('restoring a collection', () => {
  it('brings back the versions its deletion took, not those deleted on their own before, with latest', async () => {
    await server.fetch(`${base}/versions/v0`, { method: 'DELETE' });
    await server.fetch(base, { method: 'DELETE' });
    const res = await server.fetch(`${base}/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { collection: Collection; versionsRestored: number; versionsGone: number };
    expect(body).toMatchObject({ versionsRestored: 2, versionsGone: 0 });
    expect(body.collection).toMatchObject({ state: 'READY', versionCount: 2, pendingDeletionCount: 1, sizeBytes: 1000 + 500 + 4, deletedAt: null });
    expect((await get<Version>(`${base}/versions/latest`)).version).toBe('v2');
    expect((await get<Version>(`${base}/versions/v0`)).state).toBe('PENDING_DELETION');
    const again = await server.fetch(`${base}/restore`, { method: 'POST' });
    expect(((await again.json()) as { versionsRestored: number }).versionsRestored).toBe(0);
  });
});

describe('bulk requests', () => {
  it('deletes several versions and reports each one, blocked or not', async () => {
    const res = await server.fetch(
      '/api/v1/projects/e/p/bulk-delete',
      json('POST', {
        items: [
          { collection: 'data', version: 'v0' },
          { collection: 'data', version: 'v1' },
          { collection: 'nope', version: 'v0' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { succeeded: number; failed: number; results: { ok: boolean; error: { code: string } | null }[] };
    expect(body).toMatchObject({ succeeded: 1, failed: 2 });
    expect(body.results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ALIASES_PRESENT', 'COLLECTION_NOT_FOUND']);
    const restore = await server.fetch('/api/v1/projects/e/p/bulk-restore', json('POST', { items: [{ collection: 'data', version: 'v0' }] }));
    expect(((await restore.json()) as { succeeded: number }).succeeded).toBe(1);
  });

  it('rejects an empty bulk request with 400', async () => {
    const res = await server.fetch('/api/v1/projects/e/p/bulk-delete', json('POST', { items: [] }));
    expect(res.status).toBe(400);
  });
});

describe('sharing figures', () => {
  it('count a blob stored under two paths of one sharing version once', async () => {
    await logFiles(server, 'e', 'p', 'twice', { x: 'T'.repeat(700), y: 'T'.repeat(700), mine: 'a' });
    await logFiles(server, 'e', 'p', 'other', { x: 'T'.repeat(700), own: 'bb' });
    const preview = await get<DeletionPreview>('/api/v1/projects/e/p/collections/other/versions/v0/deletion-preview');
    expect(preview).toMatchObject({ sharedBytes: 700, reclaimableBytes: 2 });
    expect(preview.sharedWith).toEqual([{ collection: 'twice', version: 'v0', sharedBytes: 700 }]);
  });
});
