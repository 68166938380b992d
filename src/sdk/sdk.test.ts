// The seed's SDK recipes, against a real server on a temporary DATA_DIR.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../domain';
import { createTestServer, type TestServer } from '../server/testing';
import { AtticClient } from './attic-client';
import { runCli } from './cli/commands';

let server: TestServer;
let attic: AtticClient;
const bytes = (s: string) => new TextEncoder().encode(s);

beforeEach(async () => {
  server = await createTestServer();
  attic = new AtticClient({ baseUrl: '', fetch: (path, init) => server.fetch(path, init) });
  for (let i = 0; i < 6; i++) {
    await attic.log('e/p', {
      type: 'model',
      name: 'net',
      runId: `run-${i % 2}`,
      aliases: i === 2 ? ['prod'] : [],
      files: [
        { path: 'w.bin', bytes: bytes(`weights ${i}`) },
        { path: 'cfg', bytes: bytes('shared') },
      ],
    });
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
    expect(prod.data).toMatchObject({ state: 'COMMITTED', aliases: ['prod'] });
    expect(prod.aliasesNotRestored).toEqual([]);
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

  it('artifact.aliases is editable and saved by artifact.save(), as in the reference platform', async () => {
    const v1 = await attic.artifact('e/p', 'net', 'v1');
    v1.aliases.push('best', 'prod');
    await v1.save();
    expect(v1.data.aliases).toEqual(['best', 'prod']);
    // prod moved here from v2.
    expect((await attic.artifact('e/p', 'net', 'prod')).name).toBe('net:v1');
    expect((await attic.artifact('e/p', 'net', 'v2')).aliases).toEqual([]);
    v1.aliases = v1.aliases.filter((a) => a !== 'best');
    await v1.save();
    expect((await attic.artifact('e/p', 'net', 'v1')).aliases).toEqual(['prod']);
    const latest = await attic.artifact('e/p', 'net', 'latest');
    latest.aliases.splice(0);
    await expect(latest.save()).rejects.toMatchObject({ code: 'ALIAS_MANAGED' });
  });

  it('moveAlias moves an alias to another version; a restore names the aliases another version took meanwhile', async () => {
    const moved = await attic.moveAlias('e/p', 'net', 'prod', 'v0');
    expect(moved.name).toBe('net:v0');
    const v0 = await attic.artifact('e/p', 'net', 'v0');
    await v0.delete({ deleteAliases: true });
    await expect(attic.moveAlias('e/p', 'net', 'prod', 'v3')).rejects.toMatchObject({ code: 'ALIAS_NOT_FOUND' });
    const v3 = await attic.artifact('e/p', 'net', 'v3');
    v3.aliases.push('prod');
    await v3.save();
    await v0.restore();
    expect(v0.aliasesNotRestored).toEqual(['prod']);
    expect(v0.data.aliases).toEqual([]);
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

  it('skips aliased versions of a run without --delete-aliases and exits 3 (refused)', async () => {
    const { code, err } = await cli('delete-run', 'e/p', 'run-1');
    expect(code).toBe(3);
    expect(err).toContain('skipped net:v5');
    expect(await names()).toEqual(['v5', 'v4', 'v2', 'v0']);
  });

  it('adds, removes and moves aliases: attic alias add|rm|mv', async () => {
    expect(await cli('alias', 'add', 'e/p/net:v1', 'best', 'staging')).toMatchObject({ code: 0, out: 'net:v1 aliases: best, staging' });
    expect(await cli('alias', 'rm', 'e/p/net:v1', 'staging')).toMatchObject({ code: 0, out: 'net:v1 aliases: best' });
    expect(await cli('alias', 'mv', 'e/p/net', 'prod', 'v0')).toMatchObject({ code: 0, out: 'prod is now on net:v0' });
    expect((await attic.artifact('e/p', 'net', 'prod')).name).toBe('net:v0');
    expect((await attic.artifact('e/p', 'net', 'v2')).aliases).toEqual([]);
    expect(await cli('alias', 'mv', 'e/p/net', 'nope', 'v0')).toMatchObject({ code: 3, err: expect.stringContaining('attic: ALIAS_NOT_FOUND: ') });
    expect(await cli('alias', 'add', 'e/p/net:v1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('alias add needs a version and at least one alias'),
    });
  });

  it('a delete refused for its aliases names the commands that delete or move them, and exits 3', async () => {
    const { code, err } = await cli('delete', 'e/p/net:v2');
    expect(code).toBe(3);
    expect(err).toContain('net:v2 has the alias prod');
    expect(err).toContain('attic delete e/p/net:v2 --delete-aliases');
    expect(err).toContain('attic alias mv e/p/net prod <version>');
    expect((await attic.artifact('e/p', 'net', 'v2')).data.state).toBe('COMMITTED');
  });

  it('restore says which aliases came back and which stayed where another version holds them', async () => {
    await cli('delete', 'e/p/net:v2', '--delete-aliases');
    const { out } = await cli('restore', 'e/p/net:v2');
    expect(out).toBe('restored net:v2 with its aliases prod');

    await cli('delete', 'e/p/net:v2', '--delete-aliases');
    await cli('alias', 'add', 'e/p/net:v1', 'prod');
    const again = await cli('restore', 'e/p/net:v2');
    expect(again.out).toBe('restored net:v2\n  prod stays where it is now; take it back with: attic alias mv e/p/net prod v2');
    expect((await attic.artifact('e/p', 'net', 'prod')).name).toBe('net:v1');
  });

  it('rejects a malformed address with a message naming the expected form', async () => {
    expect(await cli('delete', 'e/p/net')).toMatchObject({ code: 2, out: '', err: expect.stringContaining('expected entity/project/collection:version') });
  });
});
