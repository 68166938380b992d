// The contract's name and path rules on the routes a probe of a running server found without them:
// the entity routes took any entity name (a site admin could give a user a role on "../x", which
// then showed in their roles), a file path with a lone UTF-16 surrogate was logged and stored
// altered (so it could never be downloaded), and the download route answered 404 for paths the
// rules refuse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_BASE, authPaths } from '../../domain';
import { json, logFiles, sha } from '../test/log-helpers';
import { createTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => server.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; details?: Record<string, unknown> } }).error;

describe('entity names on the entity routes', () => {
  it.each([
    ['PUT', '..%2Fx', '/members/someone'],
    ['PUT', '%E2%82%AC', '/protected-aliases'],
    ['PUT', 'a'.repeat(129), '/members/someone'],
    ['GET', '..%2Fy', '/members'],
    ['GET', 'bad%20name', '/audit'],
  ])('%s /entities/%s%s answers 400 INVALID_NAME and makes no entity', async (method, entity, rest) => {
    expect((await server.fetch(authPaths.users(), json('POST', { username: 'someone', password: 'correct horse battery' }))).status).toBe(201);
    const body = rest === '/protected-aliases' ? { aliases: ['x'] } : { role: 'viewer' };
    const res = await server.fetch(`${API_BASE}/entities/${entity}${rest}`, method === 'GET' ? {} : json(method, body));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'INVALID_NAME' });
    const roles = await server.ctx.db.selectFrom('entity_members').select('entity').where('username', '=', 'someone').execute();
    expect(roles).toEqual([]);
  });

  it('a valid name still works', async () => {
    expect((await server.fetch(authPaths.users(), json('POST', { username: 'someone', password: 'correct horse battery' }))).status).toBe(201);
    expect((await server.fetch(authPaths.member('team.a-1', 'someone'), json('PUT', { role: 'viewer' }))).status).toBe(200);
  });
});

describe('file paths', () => {
  it('a path with a lone surrogate is 400 INVALID_PATH when logged, and nothing is logged', async () => {
    const res = await server.fetch(
      `${API_BASE}/projects/e/p/artifacts`,
      json('POST', { type: 'dataset', name: 'ds', files: [{ path: 'a\ud800', digest: sha('hello'), sizeBytes: 5 }] }),
    );
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'INVALID_PATH' });
    expect(await server.ctx.db.selectFrom('versions').select('seq').execute()).toEqual([]);
  });

  const download = `${API_BASE}/projects/e/p/collections/ds/versions/v0/files/`;
  it.each(['..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', 'a%5Cb', '/config.json', '', 'a%2F.%2Fb'])(
    'a download of files/%s answers 400 INVALID_PATH',
    async (path) => {
      await logFiles(server, 'e', 'p', 'ds', { 'data.txt': 'bytes' });
      const res = await server.fetch(`${download}${path}`);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'INVALID_PATH' });
    },
  );

  it('a download of a valid path that the version lacks is still 404 FILE_NOT_FOUND, and one it has is its bytes', async () => {
    await logFiles(server, 'e', 'p', 'ds', { 'dir/data.txt': 'bytes' });
    expect(await errorOf(await server.fetch(`${download}dir/other.txt`))).toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(await (await server.fetch(`${download}dir/data.txt`)).text()).toBe('bytes');
  });
});
