// Accounts as a team uses them: signing in, sessions, keys, throttling, protected aliases, the
// audit log next to its change, and what each caller sees.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_BASE, authPaths } from '../../domain';
import { createTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { json, logFiles } from '../test/log-helpers';
import { THROTTLE } from './throttle';

let server: TestServer;
const PASSWORD = 'correct horse battery';

beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => server.close());

async function makeUser(username: string, role?: 'viewer' | 'member' | 'admin', entity = 'team') {
  expect((await server.fetch(authPaths.users(), json('POST', { username, password: PASSWORD }))).status).toBe(201);
  if (role) expect((await server.fetch(authPaths.member(entity, username), json('PUT', { role }))).status).toBe(200);
}

/** Signs in through the route and returns the session cookie (name=value). */
async function signIn(username: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<{ res: Response; cookie: string }> {
  const res = await server.fetchAnonymous(authPaths.login(), {
    ...json('POST', { username, password }),
    headers: { 'content-type': 'application/json', ...headers },
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { res, cookie };
}

const as = (cookie: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string>), cookie } });

async function auditOf(entity: string, query = '') {
  const res = await server.fetch(`${authPaths.audit(entity)}${query}`);
  expect(res.status).toBe(200);
  return (await res.json()).items as { actor: string; action: string; target: string; outcome: string; details: Record<string, unknown> }[];
}

describe('signing in', () => {
  it('answers the user and a session cookie that is HttpOnly and SameSite=Lax; the cookie then works, and sign-out ends it', async () => {
    await makeUser('ana', 'viewer');
    const { res, cookie } = await signIn('ana');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { username: 'ana', siteAdmin: false } });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; https requests get Secure
    const me = await server.fetchAnonymous(authPaths.me(), as(cookie));
    expect(await me.json()).toEqual({ user: { username: 'ana', siteAdmin: false }, roles: [{ entity: 'team', role: 'viewer' }] });
    expect((await server.fetchAnonymous(authPaths.logout(), as(cookie, { method: 'POST' }))).status).toBe(200);
    expect((await server.fetchAnonymous(authPaths.me(), as(cookie))).status).toBe(401);
  });

  it('a wrong password and an unknown name are the same 401 INVALID_CREDENTIALS, and the password is never echoed or stored in clear', async () => {
    await makeUser('ana');
    const wrong = await signIn('ana', 'not the password');
    const unknown = await signIn('nobody', 'not the password');
    expect([wrong.res.status, unknown.res.status]).toEqual([401, 401]);
    const [a, b] = [await wrong.res.json(), await unknown.res.json()];
    expect(a).toEqual(b);
    expect(a.error.code).toBe('INVALID_CREDENTIALS');
    const stored = await server.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'ana').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(PASSWORD);
    const audit = JSON.stringify((await sql`SELECT * FROM audit_log`.execute(server.ctx.db)).rows);
    expect(audit).not.toContain('not the password');
    expect(audit).not.toContain(PASSWORD);
  });

  it('sessions expire', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    await server.close();
    server = await createTestServer({ SESSION_TTL_SECONDS: '3600' }, () => now);
    await makeUser('ana', 'viewer');
    const { cookie } = await signIn('ana');
    now += 3599_000;
    expect((await server.fetchAnonymous(authPaths.me(), as(cookie))).status).toBe(200);
    now += 2_000;
    expect((await server.fetchAnonymous(authPaths.me(), as(cookie))).status).toBe(401);
  });

  it('a password change ends every other session of the user and keeps the one that changed it signed in', async () => {
    await makeUser('ana', 'viewer');
    const laptop = (await signIn('ana')).cookie;
    const phone = (await signIn('ana')).cookie;
    const change = await server.fetchAnonymous(
      authPaths.password(),
      as(laptop, json('POST', { currentPassword: PASSWORD, newPassword: 'a new long password' })),
    );
    expect(change.status).toBe(200);
    const renewed = (change.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await server.fetchAnonymous(authPaths.me(), as(phone))).status).toBe(401);
    expect((await server.fetchAnonymous(authPaths.me(), as(laptop))).status).toBe(401);
    expect((await server.fetchAnonymous(authPaths.me(), as(renewed))).status).toBe(200);
    expect((await signIn('ana')).res.status).toBe(401);
    expect((await signIn('ana', 'a new long password')).res.status).toBe(200);
  });

  it('a wrong current password is 400 INVALID_CREDENTIALS (not 401: the session is still good), and changes nothing', async () => {
    await makeUser('ana', 'viewer');
    const { cookie } = await signIn('ana');
    const change = await server.fetchAnonymous(
      authPaths.password(),
      as(cookie, json('POST', { currentPassword: 'not it', newPassword: 'a new long password' })),
    );
    expect(change.status).toBe(400);
    expect((await change.json()).error).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'currentPassword' } });
    expect((await server.fetchAnonymous(authPaths.me(), as(cookie))).status).toBe(200);
    expect((await signIn('ana')).res.status).toBe(200);
  });

  it(`after ${THROTTLE.perUser} failures for a user, even the right password is 429 TOO_MANY_ATTEMPTS until the window passes`, async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    await server.close();
    server = await createTestServer({}, () => now);
    await makeUser('ana', 'viewer');
    for (let i = 0; i < THROTTLE.perUser; i++) expect((await signIn('ana', `guess ${i}`)).res.status).toBe(401);
    const refused = await signIn('ana');
    expect(refused.res.status).toBe(429);
    expect((await refused.res.json()).error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.res.headers.get('retry-after')).toBe(String(THROTTLE.windowSeconds));
    expect(refused.cookie).toBe('');
    now += THROTTLE.windowSeconds * 1000 + 1000;
    expect((await signIn('ana')).res.status).toBe(200);
  });

  it(`failures from one address across many names are throttled per address too`, async () => {
    for (let i = 0; i < THROTTLE.perAddress; i++) expect((await signIn(`name${i}`, 'guess')).res.status).toBe(401);
    expect((await signIn('admin', TEST_ADMIN_PASSWORD)).res.status).toBe(429);
  });
});

describe('the built-in admin', () => {
  it('ADMIN_PASSWORD sets its password at every start; without it a fresh store gets a random one, printed once', async () => {
    expect((await signIn('admin', TEST_ADMIN_PASSWORD)).res.status).toBe(200);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const fresh = await createTestServer({ ADMIN_PASSWORD: '' });
      const printed = log.mock.calls.map((c) => c.join(' ')).find((line) => line.includes('site admin'));
      await fresh.close();
      const password = /password (\S+)/.exec(printed ?? '')?.[1];
      expect(password?.length).toBeGreaterThanOrEqual(16);
    } finally {
      log.mockRestore();
    }
  });
});

describe('API keys', () => {
  it('are shown once, listed without the key, used as bearer tokens, and revoked at once', async () => {
    await makeUser('ana', 'viewer');
    const { cookie } = await signIn('ana');
    const created = await server.fetchAnonymous(authPaths.apiKeys(), as(cookie, json('POST', { name: 'laptop' })));
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key.key).toMatch(/^attic_/);
    const listed = await (await server.fetchAnonymous(authPaths.apiKeys(), as(cookie))).json();
    expect(listed.items).toEqual([{ id: key.id, name: 'laptop', createdAt: key.createdAt, lastUsedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(key.key);
    const bearer = { headers: { authorization: `Bearer ${key.key}` } };
    expect(await (await server.fetchAnonymous(authPaths.me(), bearer)).json()).toMatchObject({ user: { username: 'ana' } });
    expect((await (await server.fetchAnonymous(authPaths.apiKeys(), as(cookie))).json()).items[0].lastUsedAt).not.toBeNull();
    expect((await server.fetchAnonymous(authPaths.apiKey(key.id), as(cookie, { method: 'DELETE' }))).status).toBe(204);
    const after = await server.fetchAnonymous(authPaths.me(), bearer);
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('UNAUTHENTICATED');
  });

  it("a user cannot revoke another user's key", async () => {
    await makeUser('ana');
    await makeUser('bob');
    const ana = (await signIn('ana')).cookie;
    const key = await (await server.fetchAnonymous(authPaths.apiKeys(), as(ana, json('POST', { name: 'ci' })))).json();
    const bob = (await signIn('bob')).cookie;
    expect((await server.fetchAnonymous(authPaths.apiKey(key.id), as(bob, { method: 'DELETE' }))).status).toBe(404);
    expect((await server.fetchAnonymous(authPaths.me(), { headers: { authorization: `Bearer ${key.key}` } })).status).toBe(200);
  });
});

describe('what a caller sees', () => {
  it('GET /projects lists only the entities the caller has a role on; a site admin sees all', async () => {
    await logFiles(server, 'team', 'p', 'c', { a: '1' });
    await logFiles(server, 'other', 'q', 'c', { a: '2' });
    await makeUser('ana', 'viewer');
    const { cookie } = await signIn('ana');
    const mine = await (await server.fetchAnonymous(`${API_BASE}/projects`, as(cookie))).json();
    expect(mine.items.map((p: { entity: string }) => p.entity)).toEqual(['team']);
    const all = await (await server.fetch(`${API_BASE}/projects`)).json();
    expect(all.items.map((p: { entity: string }) => p.entity)).toEqual(['other', 'team']);
  });

  it('a site admin logging into an entity nobody has made yet makes it, and a member may not', async () => {
    await makeUser('ana', 'member');
    const { cookie } = await signIn('ana');
    expect(
      (await server.fetchAnonymous(`${API_BASE}/projects/brand-new/p/artifacts`, as(cookie, json('POST', { type: 't', name: 'n', files: [] })))).status,
    ).toBe(404);
    await logFiles(server, 'brand-new', 'p', 'c', { a: 'x' });
    expect((await server.fetch(authPaths.members('brand-new'))).status).toBe(200);
  });
});

describe('protected aliases', () => {
  beforeEach(async () => {
    await logFiles(server, 'team', 'p', 'model', { w: 'one' }, { aliases: ['production'] });
    await logFiles(server, 'team', 'p', 'model', { w: 'two' });
    expect((await server.fetch(authPaths.protectedAliases('team'), json('PUT', { aliases: ['production'] }))).status).toBe(200);
    await makeUser('mel', 'member');
    await makeUser('ada', 'admin');
  });
  const v0 = `${API_BASE}/projects/team/p/collections/model/versions/v0`;

  it("a member's delete of a version holding one is 403 PROTECTED_ALIAS naming it, even with deleteAliases, and changes nothing", async () => {
    const mel = (await signIn('mel')).cookie;
    const res = await server.fetchAnonymous(`${v0}?deleteAliases=true`, as(mel, { method: 'DELETE' }));
    expect(res.status).toBe(403);
    const error = (await res.json()).error;
    expect(error.code).toBe('PROTECTED_ALIAS');
    expect(error.details.aliases).toEqual(['production']);
    expect(await (await server.fetch(v0)).json()).toMatchObject({ state: 'COMMITTED', aliases: ['production'] });
    const [entry] = await auditOf('team', '?action=version.delete');
    expect(entry).toMatchObject({ actor: 'mel', outcome: 'denied', target: 'team/p/model:v0', details: { code: 'PROTECTED_ALIAS' } });
  });

  it('a member may not give, take or move it; an admin may delete the version with deleteAliases, and deletedBy names them', async () => {
    const mel = (await signIn('mel')).cookie;
    const give = await server.fetchAnonymous(
      `${API_BASE}/projects/team/p/collections/model/versions/v1/aliases`,
      as(mel, json('PUT', { aliases: ['latest', 'production'] })),
    );
    expect((await give.json()).error.code).toBe('PROTECTED_ALIAS');
    const move = await server.fetchAnonymous(`${API_BASE}/projects/team/p/collections/model/aliases/production/move`, as(mel, json('POST', { to: 'v1' })));
    expect((await move.json()).error.code).toBe('PROTECTED_ALIAS');
    const log = await server.fetchAnonymous(
      `${API_BASE}/projects/team/p/artifacts`,
      as(mel, json('POST', { type: 'model', name: 'model', aliases: ['production'], files: [] })),
    );
    expect((await log.json()).error.code).toBe('PROTECTED_ALIAS');
    const ada = (await signIn('ada')).cookie;
    const res = await server.fetchAnonymous(`${v0}?deleteAliases=true`, as(ada, { method: 'DELETE' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ada' });
  });
});

describe('the audit log', () => {
  it('has the entry of a change with its actor and key, and none when the change failed', async () => {
    await makeUser('mel', 'member');
    const { cookie } = await signIn('mel');
    const key = await (await server.fetchAnonymous(authPaths.apiKeys(), as(cookie, json('POST', { name: 'trainer' })))).json();
    const bearer = (init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key.key}` } });
    await logFiles({ fetch: (p, init) => server.fetchAnonymous(p, bearer(init)) }, 'team', 'p', 'data', { a: 'one' }, { aliases: ['best'] });
    const refused = await server.fetchAnonymous(`${API_BASE}/projects/team/p/collections/data/versions/v0`, bearer({ method: 'DELETE' }));
    expect(refused.status).toBe(409);
    const entries = await auditOf('team');
    expect(entries.map((e) => [e.action, e.outcome])).toEqual([
      ['version.delete', 'failed'],
      ['version.commit', 'success'],
      ['version.log', 'success'],
      ['member.set', 'success'],
    ]);
    expect(entries[0]).toMatchObject({ actor: 'mel', details: { code: 'ALIASES_PRESENT', key: 'trainer' } });
    expect(entries[2]).toMatchObject({ actor: 'mel', target: 'team/p/data', details: { key: 'trainer', name: 'data' } });
    expect(entries.filter((e) => e.action === 'version.delete' && e.outcome === 'success')).toEqual([]);
  });

  it('is append-only in the database itself', async () => {
    await makeUser('mel', 'member');
    await expect(sql`UPDATE audit_log SET actor = 'someone else'`.execute(server.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(server.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('is filtered by actor, action, target and time, paged newest first, and exported as CSV and JSON lines', async () => {
    await logFiles(server, 'team', 'p', 'a', { x: '1' });
    await logFiles(server, 'team', 'p', 'b', { x: '2' });
    await server.fetch(`${API_BASE}/projects/team/p/collections/b/versions/v0?deleteAliases=true`, { method: 'DELETE' });
    expect((await auditOf('team', '?action=version.delete')).map((e) => e.target)).toEqual(['team/p/b:v0']);
    expect((await auditOf('team', '?target=team/p/b')).map((e) => e.action)).toEqual(['version.delete', 'version.commit', 'version.log']);
    expect((await auditOf('team', '?actor=nobody')).length).toBe(0);
    expect((await auditOf('team', '?until=2000-01-01T00:00:00Z')).length).toBe(0);
    const first = await (await server.fetch(`${authPaths.audit('team')}?limit=3`)).json();
    const second = await (await server.fetch(`${authPaths.audit('team')}?limit=3&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((e: { id: string }) => e.id)).toEqual((await auditOf('team')).map((e) => (e as unknown as { id: string }).id));
    expect((await server.fetch(`${authPaths.audit('team')}?since=yesterday`)).status).toBe(400);

    const csv = await server.fetch(`${authPaths.auditExport('team')}?format=csv&action=version.delete`);
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,outcome,details');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',admin,version.delete,team/p/b:v0,success,');
    const jsonl = await (await server.fetch(`${authPaths.auditExport('team')}?format=jsonl`)).text();
    expect(
      jsonl
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).action),
    ).toEqual((await auditOf('team')).map((e) => e.action));
  });
});

describe('cookie sessions and other sites', () => {
  it('a change sent with the session cookie from another origin is refused and changes nothing', async () => {
    await logFiles(server, 'team', 'p', 'c', { a: '1' });
    await makeUser('ada', 'admin');
    const { cookie } = await signIn('ada');
    const res = await server.fetchAnonymous(
      `${API_BASE}/projects/team/p/collections/c`,
      as(cookie, { method: 'DELETE', headers: { origin: 'http://evil.example', cookie } }),
    );
    expect(res.status).toBe(403);
    expect((await (await server.fetch(`${API_BASE}/projects/team/p/collections/c`)).json()).state).toBe('READY');
  });
});
