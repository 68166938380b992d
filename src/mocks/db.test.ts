import { describe, expect, it } from 'vitest';
import { ApiError } from '../domain/errors';
import { sha256Hex } from '../domain/sha256';
import { createMockDb } from './db';

const ref = { entity: 'acme', project: 'vision' };
const bytesOf = (text: string) => new TextEncoder().encode(text);
const fileOf = (path: string, text: string) => ({ path, digest: sha256Hex(bytesOf(text)), sizeBytes: bytesOf(text).length });

/** The ApiError code a call throws. */
function codeOf(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('mock db', () => {
  it('stamps times from the injected clock', () => {
    let now = Date.parse('2026-03-01T00:00:00.000Z');
    const db = createMockDb({ now: () => now });
    const { version } = db.logVersion(ref, { type: 'dataset', name: 'ds', files: [fileOf('a', 'A')] });
    now += 60_000;
    db.putBlob(ref, fileOf('a', 'A').digest, bytesOf('A'));
    const committed = db.commitVersion(ref, version.id);
    expect(committed.createdAt).toBe('2026-03-01T00:00:00.000Z');
    expect(db.getCollection(ref, 'ds').updatedAt).toBe('2026-03-01T00:01:00.000Z');
  });

  it('stamps a collection delete once, on the collection and its versions, so restoring it takes back only those', () => {
    let now = Date.parse('2026-03-01T00:00:00.000Z');
    const db = createMockDb({ now: () => now });
    for (const text of ['A', 'B']) {
      db.putBlob(ref, fileOf(text, text).digest, bytesOf(text));
      db.logVersion(ref, { type: 'dataset', name: 'ds', files: [fileOf(text, text)] });
    }
    db.deleteVersion(ref, 'ds', 'v0');
    now += 60_000;
    const { collection } = db.deleteCollection(ref, 'ds');
    expect(collection.deletedAt).toBe('2026-03-01T00:01:00.000Z');
    expect(db.getVersion(ref, 'ds', 'v1').deletedAt).toBe(collection.deletedAt);
    now += 60_000;
    const restored = db.restoreCollection(ref, 'ds');
    expect(restored).toMatchObject({ versionsRestored: 1, versionsGone: 0 });
    expect(restored.collection).toMatchObject({
      state: 'READY',
      versionCount: 1,
      pendingDeletionCount: 1,
      sizeBytes: 1,
      updatedAt: '2026-03-01T00:02:00.000Z',
    });
    expect(db.getVersion(ref, 'ds', 'v0').state).toBe('PENDING_DELETION');
    expect(db.getVersion(ref, 'ds', 'latest').version).toBe('v1');
  });

  it('keeps sizeBytes and versionCount in step without rescanning', () => {
    const db = createMockDb();
    db.putBlob(ref, fileOf('a', 'shared').digest, bytesOf('shared'));
    db.logVersion(ref, { type: 'dataset', name: 'ds', files: [fileOf('a', 'shared'), fileOf('b', 'shared')] });
    db.logVersion(ref, { type: 'dataset', name: 'ds', files: [fileOf('c', 'shared')] });
    expect(db.getCollection(ref, 'ds')).toMatchObject({ versionCount: 2, sizeBytes: 'shared'.length });
  });

  it('accepts a blob for an entity without a project yet: storage is per entity', () => {
    const db = createMockDb();
    expect(db.putBlob(ref, fileOf('a', 'A').digest, bytesOf('A'))).toEqual({ digest: fileOf('a', 'A').digest, sizeBytes: 1, deduplicated: false });
    expect(db.logVersion(ref, { type: 'dataset', name: 'ds', files: [fileOf('a', 'A')] }).missingDigests).toEqual([]);
  });

  it('checks the body before the names in the path when logging, as the server does', () => {
    const db = createMockDb();
    expect(codeOf(() => db.logVersion({ entity: 'bad name', project: 'p' }, {}))).toBe('INVALID_REQUEST');
    expect(codeOf(() => db.logVersion({ entity: 'bad name', project: 'p' }, { type: 'dataset', name: 'ds', files: [] }))).toBe('INVALID_NAME');
  });

  it('looks resources up before it reads the query, as the server does', () => {
    const db = createMockDb();
    expect(codeOf(() => db.listVersions(ref, 'ds', { limit: '0' }))).toBe('PROJECT_NOT_FOUND');
    db.logVersion(ref, { type: 'dataset', name: 'ds', files: [] });
    expect(codeOf(() => db.listVersions(ref, 'nope', { limit: '0' }))).toBe('COLLECTION_NOT_FOUND');
    expect(codeOf(() => db.listVersions(ref, 'ds', { limit: '0' }))).toBe('INVALID_REQUEST');
  });

  it("pages a run's versions newest logged first", () => {
    const db = createMockDb();
    const ids = ['a', 'b', 'c'].map((name) => db.logVersion(ref, { type: 'dataset', name, runId: 'r1', files: [] }).version.id);
    const first = db.listLoggedArtifacts(ref, 'r1', { limit: '2' });
    const second = db.listLoggedArtifacts(ref, 'r1', { limit: '2', cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((v) => v.id)).toEqual(ids.reverse());
    expect(second.nextCursor).toBeNull();
  });
});
