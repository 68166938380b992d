// The seed's SDK recipes, against a real server on a temporary DATA_DIR.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../domain';
import { createTestServer, type TestServer } from '../server/testing';
import { AtticClient } from './client';
import { runCli } from './cli/commands';

let server: TestServer;
let attic: AtticClient;
const bytes = (s: string) => new TextEncoder().encode(s);

beforeEach(async () => {
  server = await createTestServer();
  attic = new AtticClient({ baseUrl: '', fetch: (path, init) => server.fetch(path, init) });
  for (let i = 0; i < 6; i++) {
    await attic.log('e/p', { type: 'model', name: 'net', runId: `run-${i % 2}`, aliases: i === 2 ? ['prod'] : [], files: [{ path: 'w.bin', bytes: bytes(`weights ${i}`) }, { path: 'cfg', bytes: bytes('shared') }] });
  }
});
afterEach(async () => {
  await server.close();
});

async function names(state: 'COMMITTED' | 'PENDING_DELETION' = 'COMMITTED') {
  const out: string[] = [];
  for await (const v of attic.versions('e/p', 'net', { state })) out.push(v.data.version!);
  return out;
}

describe('SDK recipes from the seed', () => {
  it('logs with deduplication: a second version uploads only what changed', async () => {
    const v = await attic.artifact('e/p', 'net', 'latest');
    expect(v.name).toBe('net:v5');
    expect(new TextDecoder().decode(await attic.download('e/p', 'net', 'v5', 'cfg'))).toBe('shared');
    expect((await attic.collection('e/p', 'net')).sizeBytes).toBe(6 * 'weights 0'.length + 'shared'.length);
  });

  it('artifact.delete() fails on aliases unless deleteAliases is passed', async () => {
    const prod = await attic.artifact('e/p', 'net', 'prod');
    await expect(prod.delete()).rejects.toMatchObject({ code: 'ALIASES_PRESENT', details: { aliases: ['prod'] } });
    await prod.delete({ deleteAliases: true });
    expect(prod.data.state).toBe('PENDING_DELETION');
    await prod.restore();
    expect(prod.data).toMatchObject({ state: 'COMMITTED', aliases: [] });
  });

  it('deletes every artifact a run logged', async () => {
    for await (const artifact of attic.loggedArtifacts('e/p', 'run-1')) await artifact.delete({ deleteAliases: true });
    expect(await names()).toEqual(['v4', 'v2', 'v0']);
  });

  it('deletes the versions whose name ends in v3 or v4', async () => {
    for await (const artifact of attic.loggedArtifacts('e/p', 'run-1')) {
      if (artifact.name.endsWith('v3') || artifact.name.endsWith('v4')) await artifact.delete({ deleteAliases: true });
    }
    for await (const artifact of attic.loggedArtifacts('e/p', 'run-0')) {
      if (artifact.name.endsWith('v3') || artifact.name.endsWith('v4')) await artifact.delete({ deleteAliases: true });
    }
    expect(await names()).toEqual(['v5', 'v2', 'v1', 'v0']);
  });

  it('deletes every version without aliases', async () => {
    const all = [];
    for await (const v of attic.versions('e/p', 'net')) all.push(v);
    for (const v of all) if (v.aliases.length === 0) await v.delete();
    expect(await names()).toEqual(['v5', 'v2']);
  });

  it('deletes a whole collection, and undoes it', async () => {
    const result = await attic.deleteCollection('e/p', 'net');
    expect(result.versionsDeleted).toBe(6);
    expect(await names('PENDING_DELETION')).toHaveLength(6);
    const restored = await attic.restoreCollection('e/p', 'net');
    expect(restored).toMatchObject({ versionsRestored: 6, collection: { state: 'READY', versionCount: 6 } });
    expect(await names()).toEqual(['v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
  });

  it('reports server errors as ApiError with the server’s code', async () => {
    await expect(attic.artifact('e/p', 'nope', 'v0')).rejects.toBeInstanceOf(ApiError);
    await expect(attic.artifact('e/p', 'nope', 'v0')).rejects.toMatchObject({ status: 404, code: 'COLLECTION_NOT_FOUND' });
  });
});

describe('CLI', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, attic, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('previews a delete with --dry-run and changes nothing', async () => {
    const { code, out } = await cli('delete', 'e/p/net:v5', '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('frees 9 B once garbage-collected');
    expect(out).toContain('6 B stays, shared with net:v4');
    expect(out).toContain('latest moves to v4');
    expect(await names()).toHaveLength(6);
  });

  it('deletes the unaliased versions and reports how many', async () => {
    const { code, out } = await cli('delete-unaliased', 'e/p/net');
    expect(code).toBe(0);
    expect(out).toContain('4 versions deleted.');
    expect(await names()).toEqual(['v5', 'v2']);
  });

  it('skips aliased versions of a run without --delete-aliases and exits 1', async () => {
    const { code, err } = await cli('delete-run', 'e/p', 'run-1');
    expect(code).toBe(1);
    expect(err).toContain('skipped net:v5');
    expect(await names()).toEqual(['v5', 'v4', 'v2', 'v0']);
  });

  it('rejects a malformed address with a message naming the expected form', async () => {
    await expect(cli('delete', 'e/p/net')).rejects.toThrow('expected entity/project/collection:version');
  });
});
