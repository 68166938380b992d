import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../domain/api-paths';
import { ErrorBodySchema, pageSchema, CollectionSchema } from '../domain/schemas';
import { sha256Hex } from '../domain/sha256';
import { createMockServer } from './node';

const ORIGIN = 'http://attic.test';
const demo = { entity: 'demo', project: 'mnist' };

describe('mock handlers', () => {
  const { server, db } = createMockServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('serve the seeded demo', async () => {
    const response = await fetch(`${ORIGIN}${apiPaths.collections(demo)}`);
    expect(response.status).toBe(200);
    const page = pageSchema(CollectionSchema).parse(await response.json());
    expect(page.items.map((c) => c.name)).toEqual(['cnn', 'mnist-test', 'mnist-train', 'resnet']);
  });

  it('answer every GET under a project or collection named error-500 with 500 INTERNAL', async () => {
    for (const path of [
      apiPaths.collections({ entity: 'demo', project: 'error-500' }),
      apiPaths.versions(demo, 'error-500'),
      apiPaths.file(demo, 'error-500', 'v0', 'a.bin'),
    ]) {
      const response = await fetch(`${ORIGIN}${path}`);
      expect(response.status).toBe(500);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('INTERNAL');
    }
  });

  it('answer deleting a collection named delete-500, or one of its versions, with 500 INTERNAL', async () => {
    for (const path of [apiPaths.collection(demo, 'delete-500'), apiPaths.version(demo, 'delete-500', 'v0')]) {
      const response = await fetch(`${ORIGIN}${path}`, { method: 'DELETE' });
      expect(response.status).toBe(500);
      expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('INTERNAL');
    }
  });

  it('delete and restore a demo version, and count it in the GC status meanwhile', async () => {
    const before = db.gcStatus().pendingVersions;
    const deleted = await fetch(`${ORIGIN}${apiPaths.version(demo, 'mnist-test', 'v0')}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(db.gcStatus().pendingVersions).toBe(before + 1);
    const restored = await fetch(`${ORIGIN}${apiPaths.version(demo, 'mnist-test', 'v0')}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    expect(db.gcStatus().pendingVersions).toBe(before);
  });

  it('answer an API route they do not mock with 404 NOT_FOUND', async () => {
    const response = await fetch(`${ORIGIN}/api/v1/no-such-route`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('send a download with an ASCII stand-in name and the exact name in filename*', async () => {
    const ref = { entity: 'acme', project: 'unicode' };
    const bytes = new TextEncoder().encode('poids');
    const digest = sha256Hex(bytes);
    db.putBlob(ref, digest, bytes);
    db.logVersion(ref, { type: 'model', name: 'net', files: [{ path: 'w/modèle "v1".bin', digest, sizeBytes: bytes.length }] });
    const response = await fetch(`${ORIGIN}${apiPaths.file(ref, 'net', 'v0', 'w/modèle "v1".bin')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="mod_le _v1_.bin"; filename*=UTF-8''mod%C3%A8le%20%22v1%22.bin`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });
});
