import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { openStore } from './open-store';
import { createTestServer, type TestServer } from './testing';
import { backendEnv, testBackend } from './test/backend';
import { json, logFiles, sha } from './test/log-helpers';
import { readStoredFile, storedFiles } from './test/stored-files';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => {
  await server.close();
});

/** The paths of an area's stored files (under an entity's directory, when given): files in DATA_DIR, or keys in its bucket. */
async function filesUnder(area: 'blobs' | 'tmp', entity = ''): Promise<string[]> {
  return (await storedFiles(server.dataDir, area, entity)).map((f) => f.path);
}

describe('blob store as an operator sees it (files in DATA_DIR, or keys in the bucket)', () => {
  it('stores each entity’s content in its own directory, once per digest, with no temp files left', async () => {
    await logFiles(server, 'alpha', 'p', 'data', { 'a.txt': 'shared bytes' });
    await logFiles(server, 'alpha', 'p', 'data', { 'a.txt': 'shared bytes', 'b.txt': 'more' });
    await logFiles(server, 'beta', 'p', 'data', { 'a.txt': 'shared bytes' });
    const digest = sha('shared bytes');
    const named = (files: string[]) => files.filter((f) => f.split('/').at(-1)!.startsWith(digest));
    const alpha = named(await filesUnder('blobs', 'alpha'));
    const beta = named(await filesUnder('blobs', 'beta'));
    expect(alpha).toHaveLength(1);
    expect(beta).toHaveLength(1);
    expect((await readStoredFile(server.dataDir, 'blobs', alpha[0]!))?.toString('utf8')).toBe('shared bytes');
    expect(await filesUnder('tmp')).toEqual([]);
  });

  it('discards an upload whose bytes do not match the digest and keeps nothing of it', async () => {
    const res = await server.fetch(`/api/v1/projects/alpha/p/blobs/${sha('expected')}`, { method: 'PUT', body: 'something else' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DIGEST_MISMATCH');
    expect(await filesUnder('blobs')).toEqual([]);
    expect(await filesUnder('tmp')).toEqual([]);
  });

  it('refuses a blob larger than MAX_BLOB_BYTES with 413', async () => {
    const small = await createTestServer({ MAX_BLOB_BYTES: '10' });
    try {
      const body = 'x'.repeat(11);
      const res = await small.fetch(`/api/v1/projects/alpha/p/blobs/${sha(body)}`, { method: 'PUT', body });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});

describe('bad input never produces a 5xx', () => {
  const bodies: unknown[] = [
    null,
    [],
    'text',
    { type: 'dataset' },
    { type: 'dataset', name: 'x', files: 'no' },
    { type: 1, name: 2, files: [] },
    { type: 'd', name: 'x', files: [{ path: 'a', digest: 'z', sizeBytes: -1 }] },
  ];
  it.each(bodies.map((b) => [JSON.stringify(b)]))('log body %s is a 400 with the error shape', async (text) => {
    const res = await server.fetch('/api/v1/projects/e/p/artifacts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: object } };
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(typeof body.error.details).toBe('object');
  });

  it('refuses a NUL in an alias with 400 and logs nothing', async () => {
    const aliasWithNul = await server.fetch('/api/v1/projects/e/p/artifacts', json('POST', { type: 'dataset', name: 'nul', aliases: ['a\0b'], files: [] }));
    expect(aliasWithNul.status).toBe(400);
    expect((await server.fetch('/api/v1/projects/e/p/collections/nul/versions')).status).toBe(404);
  });

  // PostgreSQL's text cannot hold NUL: a name that reached a query there was a 500 (the fuzzer found
  // one in a URL). A sign-in name is looked up before any check of its shape, so it is refused first.
  it('refuses a sign-in name with NUL with 400 on either store, counting no failure', async () => {
    const res = await server.fetchAnonymous('/api/v1/auth/login', json('POST', { username: 'ad\0min', password: 'whatever' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('NUL'),
    });
    expect(await server.ctx.db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
  });

  it('answers a body that is not JSON with 400 INVALID_REQUEST', async () => {
    const res = await server.fetch('/api/v1/projects/e/p/artifacts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST');
  });

  // e/p/x exists, so each request gets past the lookups and reaches the check its case names.
  it.each([
    ['/api/v1/projects/bad%20name/p/collections', 400, 'INVALID_NAME'],
    ['/api/v1/projects/e/p/collections/x/versions/..%2F..', 400, 'INVALID_NAME'],
    ['/api/v1/projects/e/p/collections?limit=abc', 400, 'INVALID_REQUEST'],
    ['/api/v1/projects/e/p/collections/x/versions?limit=0', 400, 'INVALID_REQUEST'],
    // Found by the fuzzer on PostgreSQL, whose text cannot hold NUL: a 500 there, a lookup of nothing on SQLite.
    ['/api/v1/projects/%00/p/collections', 400, 'INVALID_REQUEST'],
    ['/api/v1/audit?actor=a%00b', 400, 'INVALID_REQUEST'],
    ['/api/v1/nothing-here', 404, 'NOT_FOUND'],
  ])('GET %s answers %i %s', async (url, status, code) => {
    await logFiles(server, 'e', 'p', 'x', { 'a.txt': 'a' });
    const res = await server.fetch(url);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('rejects a JSON body over MAX_JSON_BYTES with 413', async () => {
    const small = await createTestServer({ MAX_JSON_BYTES: '2048' });
    try {
      const files = Array.from({ length: 50 }, (_, i) => ({ path: `f${i}`, digest: sha(String(i)), sizeBytes: 1 }));
      const res = await small.fetch('/api/v1/projects/e/p/artifacts', json('POST', { type: 'd', name: 'x', files }));
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('download', () => {
  it('streams the exact bytes with a length and an attachment name', async () => {
    await logFiles(server, 'e', 'p', 'data', { 'dir/weights.bin': 'the weights' });
    const res = await server.fetch('/api/v1/projects/e/p/collections/data/versions/latest/files/dir/weights.bin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('the weights'.length));
    expect(res.headers.get('content-disposition')).toContain('weights.bin');
    expect(await res.text()).toBe('the weights');
  });
});

describe('configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DEMO_DATA: 'yes' }, 'DEMO_DATA'],
    [{ GC_GRACE_SECONDS: '-5' }, 'GC_GRACE_SECONDS'],
    [{ GC_INTERVAL_SECONDS: 'hourly' }, 'GC_INTERVAL_SECONDS'],
  ])('%o stops start-up naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('reads the garbage-collection switch like the seed: only "true" turns it on', () => {
    expect(loadConfig({}).gc.enabled).toBe(true);
    expect(loadConfig({ GORILLA_ARTIFACT_GC_ENABLED: 'false' }).gc).toMatchObject({ enabled: false });
    expect(loadConfig({ ARTIFACT_GC_ENABLED: 'true', GORILLA_ARTIFACT_GC_ENABLED: 'false' }).gc.enabled).toBe(true);
    expect(loadConfig({ ARTIFACT_GC_ENABLED: 'yes' }).gc.disabledReason).toContain('ARTIFACT_GC_ENABLED');
  });

  if (testBackend === 'sqlite') {
    it('refuses a second server on the same DATA_DIR with a clear message', async () => {
      const config = loadConfig({ DATA_DIR: server.dataDir });
      await expect(openStore(config)).rejects.toThrow(/already in use by another Attic server/);
    });
  } else {
    it('opens a second server on the same PostgreSQL database and bucket beside the first, and it sees the same versions and files', async () => {
      await logFiles(server, 'e', 'p', 'shared', { a: 'one' });
      const second = await createTestServer({ ...(await backendEnv(server.dataDir)), DATA_DIR: server.dataDir });
      try {
        const res = await second.fetch('/api/v1/projects/e/p/collections/shared/versions/v0/files/a');
        expect(await res.text()).toBe('one');
      } finally {
        await second.close();
      }
    });
  }
});
