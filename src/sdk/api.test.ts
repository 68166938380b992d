// The reference platform's names (`Api`) against a real server on a temporary DATA_DIR.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, TEST_ADMIN_KEY, type TestServer } from '../server/testing';
import { Api } from './api';
import { AliasesPresentError, AlreadyGarbageCollectedError, AtticApiError, InvalidPathError, NotFoundError, TypeMismatchError } from './index';
import { logMnistFixture, versionLabels } from './mnist-fixture';

let server: TestServer;
let api: Api;
const sent: Headers[] = [];

function apiWith(options: ConstructorParameters<typeof Api>[0] = {}) {
  return new Api({
    baseUrl: '',
    ...options,
    fetch: (path, init) => {
      sent.push(new Headers(init?.headers));
      return server.fetch(path, init);
    },
  });
}

beforeEach(async () => {
  sent.length = 0;
  server = await createTestServer();
  api = apiWith({ overrides: { entity: 'demo', project: 'mnist' } });
  await logMnistFixture(api.client);
});
afterEach(async () => {
  await server.close();
});

const labels = (type: string, name: string, state?: 'COMMITTED' | 'PENDING_DELETION') => versionLabels(api, type, name, state);

describe('Api paths', () => {
  it('completes short artifact paths from overrides, and reads the version’s fields', async () => {
    const full = await api.artifact('demo/mnist/mnist-train:v3');
    expect(full).toMatchObject({ name: 'mnist-train:v3', version: 'v3', type: 'dataset', state: 'COMMITTED', aliases: [] });
    expect(full.sizeBytes).toBe('# mnist-train\n'.length + 'mnist-train 3'.length);
    expect((await api.artifact('mnist/mnist-train:v3')).data.id).toBe(full.data.id);
    expect((await api.artifact('mnist-train:v3')).data.id).toBe(full.data.id);
    expect((await api.artifact('mnist-train:latest')).name).toBe('mnist-train:v4');
    expect((await api.artifact('mnist-train')).name).toBe('mnist-train:v4');
    expect((await api.artifact('mnist-train:prod')).name).toBe('mnist-train:v1');
  });

  it('a path that cannot be completed is an InvalidPathError naming the form, before any request', async () => {
    const bare = apiWith();
    const refused = await bare.artifact('mnist-train:v3').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidPathError);
    expect(refused).toMatchObject({ path: 'mnist-train:v3', message: expect.stringContaining('no overrides.project was given') });
    await expect(apiWith({ overrides: { project: 'mnist' } }).artifact('mnist-train:v3')).rejects.toThrow('names no entity and no overrides.entity was given');
    await expect(api.artifact('a/b/c/d:v1')).rejects.toThrow('expected entity/project/name:version');
    await expect(api.artifact('demo//mnist-train:v1')).rejects.toBeInstanceOf(InvalidPathError);
    await expect(api.artifactCollection('dataset', 'mnist-train:v1')).rejects.toThrow('names a version, not a collection');
    expect(() => bare.run('cnn-run-3')).toThrow(InvalidPathError);
    // Only the fixture's own requests went out; the refused paths sent none.
    const before = sent.length;
    await bare.artifact('x:v1').catch(() => undefined);
    expect(sent.length).toBe(before);
  });

  it('sends the API key as a bearer token on every request', async () => {
    sent.length = 0;
    const keyed = apiWith({ apiKey: TEST_ADMIN_KEY, overrides: { entity: 'demo', project: 'mnist' } });
    const v = await keyed.artifact('cnn:v0');
    await v.delete();
    expect(sent.map((h) => h.get('authorization'))).toEqual([`Bearer ${TEST_ADMIN_KEY}`, `Bearer ${TEST_ADMIN_KEY}`]);
    sent.length = 0;
    await api.artifact('cnn:v1');
    expect(sent[0]!.has('authorization')).toBe(false);
  });
});

describe('Api recipes and typed errors', () => {
  it('run(path).loggedArtifacts() lists what the run logged, in a short or full path', async () => {
    const names: string[] = [];
    for await (const a of api.run('demo/mnist/cnn-run-3').loggedArtifacts()) names.push(a.name);
    expect(names).toEqual(['cnn:v7', 'cnn:v6']);
    const short: string[] = [];
    for await (const a of api.run('cnn-run-1').loggedArtifacts()) short.push(a.name);
    expect(short).toEqual(['cnn:v3', 'cnn:v2']);
  });

  it('a delete refused for its aliases is an AliasesPresentError with .aliases; deleteAliases deletes it; restore brings it back', async () => {
    const a = await api.artifact('cnn:v6');
    const refused = await a.delete().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AliasesPresentError);
    expect(refused).toBeInstanceOf(AtticApiError);
    expect(refused).toMatchObject({ status: 409, code: 'ALIASES_PRESENT', aliases: ['prod'], details: { aliases: ['prod'] } });
    expect((await api.artifact('cnn:v6')).state).toBe('COMMITTED');
    await a.delete({ deleteAliases: true });
    expect(a.state).toBe('PENDING_DELETION');
    await a.restore();
    expect(a).toMatchObject({ state: 'COMMITTED', aliases: ['prod'] });
  });

  it('something missing is a NotFoundError with the server’s code and details', async () => {
    const missing = await api.artifact('mnist-train:v99').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: 'VERSION_NOT_FOUND', details: { collection: 'mnist-train', version: 'v99' } });
    await expect(api.artifactCollection('dataset', 'nope')).rejects.toMatchObject({ name: 'NotFoundError', code: 'COLLECTION_NOT_FOUND' });
    const run = api.run('no-such-run').loggedArtifacts();
    await expect(run.next()).rejects.toMatchObject({ name: 'NotFoundError', code: 'RUN_NOT_FOUND' });
  });

  it('restoring a version garbage collection purged is an AlreadyGarbageCollectedError', async () => {
    const gcServer = await createTestServer({ GC_GRACE_SECONDS: '0' });
    try {
      const gcApi = new Api({ baseUrl: '', fetch: (p, i) => gcServer.fetch(p, i), overrides: { entity: 'demo', project: 'mnist' } });
      await logMnistFixture(gcApi.client);
      const a = await gcApi.artifact('mnist-test:v0');
      await a.delete();
      const run = await gcApi.client.runGc({ dryRun: false, wait: true, pollMs: 20 });
      expect(run).toMatchObject({ status: 'succeeded', versionsPurged: 1 });
      const gone = await a.restore().catch((e: unknown) => e);
      expect(gone).toBeInstanceOf(AlreadyGarbageCollectedError);
      expect(gone).toMatchObject({ status: 409, code: 'ALREADY_GARBAGE_COLLECTED' });
    } finally {
      await gcServer.close();
    }
  });

  it('artifactCollection and artifactVersions check the type: another type is a TypeMismatchError and nothing changes', async () => {
    const wrong = await api.artifactCollection('model', 'demo/mnist/mnist-train').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TypeMismatchError);
    expect(wrong).toMatchObject({ code: 'TYPE_MISMATCH', details: { collection: 'mnist-train', expected: 'model', actual: 'dataset' } });
    await expect(api.artifactVersions('model', 'mnist-train').next()).rejects.toBeInstanceOf(TypeMismatchError);
    await expect(api.artifact('mnist-train:v1', 'model')).rejects.toBeInstanceOf(TypeMismatchError);
    expect(await labels('dataset', 'mnist-train')).toEqual(['v4', 'v3', 'v2', 'v1', 'v0']);
  });

  it('artifactCollection(type, path).delete() deletes every version; restore() undoes it', async () => {
    const collection = await api.artifactCollection('dataset', 'mnist/mnist-test');
    expect(await collection.delete()).toEqual({ versionsDeleted: 3 });
    expect(collection.state).toBe('DELETED');
    expect(await labels('dataset', 'mnist-test', 'PENDING_DELETION')).toEqual(['v2', 'v1', 'v0']);
    expect(await collection.restore()).toMatchObject({ versionsRestored: 3, versionsGone: 0 });
    expect(collection.state).toBe('READY');
    expect(await labels('dataset', 'mnist-test')).toEqual(['v2', 'v1', 'v0']);
  });
});
