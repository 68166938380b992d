// Protected aliases reach a version by two more paths than giving, moving and logging: a commit
// (which gives the aliases the log asked for) and a restore (which gives back what the deletion
// removed). Found by probing a running server: a member committed a version that had asked for an
// alias protected meanwhile, and took it from the version an admin had given it to; a member's
// restore gave back a protected alias an admin's delete had taken away.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { API_BASE, authPaths } from '../../domain';
import { json, logFiles, sha } from '../test/log-helpers';
import { createTestServer, type TestServer } from '../testing';

let server: TestServer;
const PASSWORD = 'correct horse battery';
const project = `${API_BASE}/projects/team/p`;
const versionUrl = (v: string) => `${project}/collections/model/versions/${v}`;

beforeEach(async () => {
  server = await createTestServer();
  await logFiles(server, 'team', 'p', 'model', { w: 'one' }, { type: 'model' });
  await logFiles(server, 'team', 'p', 'model', { w: 'two' }, { type: 'model' });
  for (const [username, role] of [
    ['mel', 'member'],
    ['ada', 'admin'],
  ] as const) {
    expect((await server.fetch(authPaths.users(), json('POST', { username, password: PASSWORD }))).status).toBe(201);
    expect((await server.fetch(authPaths.member('team', username), json('PUT', { role }))).status).toBe(200);
  }
});
afterEach(async () => server.close());

/** A fetch as `username`, signed in through the route with its session cookie. */
async function as(username: string): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await server.fetchAnonymous(authPaths.login(), json('POST', { username, password: PASSWORD }));
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (path, init = {}) => server.fetchAnonymous(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
}

const protect = async (aliases: string[]) => expect((await server.fetch(authPaths.protectedAliases('team'), json('PUT', { aliases }))).status).toBe(200);
const aliasesOf = async (v: string) => ((await (await server.fetch(versionUrl(v))).json()) as { aliases: string[] }).aliases;

describe('a commit', () => {
  /** Logs, as `fetch`, a version asking for `gold` whose one file is not uploaded yet: it stays PENDING. */
  async function logPending(fetch: (path: string, init?: RequestInit) => Promise<Response>, content: string) {
    const res = await fetch(
      `${project}/artifacts`,
      json('POST', { type: 'model', name: 'model', aliases: ['gold'], files: [{ path: 'w', digest: sha(content), sizeBytes: content.length }] }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { version: { id: string; state: string } };
    expect(body.version.state).toBe('PENDING');
    expect((await fetch(`${project}/blobs/${sha(content)}`, { method: 'PUT', body: content })).status).toBe(201);
    return body.version.id;
  }

  it('by a member, of a version that asked for an alias protected since, is 403 PROTECTED_ALIAS, and the alias stays where an admin put it', async () => {
    const mel = await as('mel');
    const id = await logPending(mel, 'pending gold');
    await protect(['gold']);
    expect((await server.fetch(`${versionUrl('v0')}/aliases`, json('PUT', { aliases: ['gold'] }))).status).toBe(200);

    const commit = await mel(`${project}/artifacts/${id}/commit`, { method: 'POST' });
    expect(commit.status).toBe(403);
    const error = (await commit.json()).error;
    expect(error).toMatchObject({ code: 'PROTECTED_ALIAS', details: { aliases: ['gold'] } });
    expect(await aliasesOf('v0')).toEqual(['gold']);
    // Nothing changed: still PENDING, no new index.
    expect(await (await server.fetch(`${project}/collections/model/versions?limit=10`)).json()).toMatchObject({
      items: [{ version: 'v1' }, { version: 'v0' }],
    });
  });

  it('by an admin, of the same version, gives it the alias', async () => {
    const mel = await as('mel');
    const id = await logPending(mel, 'pending gold');
    await protect(['gold']);
    const ada = await as('ada');
    const commit = await ada(`${project}/artifacts/${id}/commit`, { method: 'POST' });
    expect(commit.status).toBe(200);
    expect(await commit.json()).toMatchObject({ version: 'v2', state: 'COMMITTED', aliases: ['latest', 'gold'] });
  });
});

describe('a restore', () => {
  beforeEach(async () => {
    expect((await server.fetch(`${versionUrl('v0')}/aliases`, json('PUT', { aliases: ['production', 'candidate'] }))).status).toBe(200);
    await protect(['production']);
    const ada = await as('ada');
    expect((await ada(`${versionUrl('v0')}?deleteAliases=true`, { method: 'DELETE' })).status).toBe(200);
  });

  it("by a member, that would give back a protected alias an admin's delete took, is 403 PROTECTED_ALIAS and leaves the version pending deletion", async () => {
    const mel = await as('mel');
    const res = await mel(`${versionUrl('v0')}/restore`, { method: 'POST' });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: 'PROTECTED_ALIAS', details: { aliases: ['production'] } });
    expect(await (await server.fetch(versionUrl('v0'))).json()).toMatchObject({ state: 'PENDING_DELETION', aliases: [] });
  });

  it('by a member, when another version holds that alias now (so it would not come back), goes through', async () => {
    const ada = await as('ada');
    expect((await ada(`${versionUrl('v1')}/aliases`, json('PUT', { aliases: ['latest', 'production'] }))).status).toBe(200);
    const mel = await as('mel');
    const res = await mel(`${versionUrl('v0')}/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'COMMITTED', aliases: ['candidate'], aliasesNotRestored: ['production'] });
  });

  it('by an admin, gives it back', async () => {
    const ada = await as('ada');
    const res = await ada(`${versionUrl('v0')}/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'COMMITTED', aliases: ['candidate', 'production'], aliasesNotRestored: [] });
  });
});
