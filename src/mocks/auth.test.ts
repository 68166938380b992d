import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authPaths, apiPaths, withQuery } from '../domain/api-paths';
import { forbiddenReason, MeSchema } from '../domain/auth';
import { ErrorBodySchema } from '../domain/schemas';
import { setupServer } from 'msw/node';
import { forkMockDb, type MockDb } from './db';
import { createHandlers, routeHandlers } from './handlers';
import { API_PATTERN } from './handlers/route';
import { findRule } from './auth/guard';
import { ROUTE_RULES } from './auth/rules';
import { signInAs } from './auth/session';
import { createSeededMockDb } from './node';

const ORIGIN = 'http://attic.test';
const mnist = { entity: 'demo', project: 'mnist' };

describe('mock access control', () => {
  const seeded = createSeededMockDb();
  const server = setupServer();
  let db: MockDb;
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    db = forkMockDb(seeded);
    server.resetHandlers(...createHandlers(db));
  });
  afterAll(() => server.close());

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${ORIGIN}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...init.headers } });
  const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;

  it('name a rule for every mock route, so a route added without one fails here', () => {
    const routes = routeHandlers(db).map((h) => h.info as { method: string; path: string });
    const unruled = routes
      .filter((r) => r.path !== `${API_PATTERN}/*`)
      .filter((r) => !ROUTE_RULES.some((rule) => rule.method === r.method && `${API_PATTERN}${rule.path}` === r.path));
    expect(unruled).toEqual([]);
    // And every rule has a route: no dead rules that could shadow a path.
    expect(ROUTE_RULES.length).toBe(routes.length - 4);
    expect(findRule('GET', new URL(`${ORIGIN}${apiPaths.file(mnist, 'cnn', 'v0', 'a/b.bin')}`))?.rule.access).toBe('download');
  });

  it('answer 401 UNAUTHENTICATED without a session, except health, sign-in and the demo users', async () => {
    signInAs(db, null);
    const projects = await call(apiPaths.projects());
    expect(projects.status).toBe(401);
    expect((await errorOf(projects)).code).toBe('UNAUTHENTICATED');
    expect((await call(authPaths.me())).status).toBe(401);
    expect((await call(apiPaths.health())).status).toBe(200);
    const demo = await (await call(authPaths.demoUsers())).json();
    expect(demo.items.map((u: { username: string }) => u.username)).toEqual(['demo-viewer', 'demo-member', 'demo-admin']);
  });

  it('sign in with the right password, refuse a wrong one, and throttle after five failures', async () => {
    signInAs(db, null);
    const login = (password: string) => call(authPaths.login(), { method: 'POST', body: JSON.stringify({ username: 'demo-viewer', password }) });
    const wrong = await login('nope');
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('INVALID_CREDENTIALS');
    const ok = await login('attic-demo');
    expect(await ok.json()).toEqual({ user: { username: 'demo-viewer', siteAdmin: false } });
    expect(MeSchema.parse(await (await call(authPaths.me())).json()).roles).toEqual([{ entity: 'demo', role: 'viewer' }]);
    for (let i = 0; i < 5; i++) expect((await login('nope')).status).toBe(401);
    const throttled = await login('attic-demo');
    expect(throttled.status).toBe(429);
    expect((await errorOf(throttled)).code).toBe('TOO_MANY_ATTEMPTS');
  });

  it("refuse a viewer's delete with 403 FORBIDDEN naming the role, change nothing, and audit the denial", async () => {
    signInAs(db, 'viewer');
    const response = await call(apiPaths.version(mnist, 'cnn', 'v0'), { method: 'DELETE' });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'FORBIDDEN', message: forbiddenReason('deleteVersion') });
    expect(db.getVersion(mnist, 'cnn', 'v0').state).toBe('COMMITTED');
    expect(db.auth.audit.get('demo')?.at(-1)).toMatchObject({ actor: 'demo-viewer', action: 'version.delete', target: 'demo/mnist/cnn:v0', outcome: 'denied' });
  });

  it('hide an entity from a user without a role on it: 404 and not listed', async () => {
    signInAs(db, 'outsider');
    const projects = await (await call(apiPaths.projects())).json();
    expect(projects.items).toEqual([]);
    const response = await call(apiPaths.collections(mnist));
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('PROJECT_NOT_FOUND');
    expect((await call(authPaths.members('demo'))).status).toBe(404);
  });

  it("refuse a member's delete of a version holding a protected alias even with deleteAliases; let an admin do it", async () => {
    db.setVersionAliases(mnist, 'cnn', 'v0', { aliases: ['production'] });
    signInAs(db, 'member');
    const path = withQuery(apiPaths.version(mnist, 'cnn', 'v0'), { deleteAliases: true });
    const refused = await call(path, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'PROTECTED_ALIAS', details: { aliases: ['production'] } });
    expect(db.getVersion(mnist, 'cnn', 'v0')).toMatchObject({ state: 'COMMITTED', aliases: ['production'] });
    // Nor may a member take the alias off by editing aliases.
    const edit = await call(`${apiPaths.version(mnist, 'cnn', 'v0')}/aliases`, { method: 'PUT', body: JSON.stringify({ aliases: [] }) });
    expect((await errorOf(edit)).code).toBe('PROTECTED_ALIAS');
    signInAs(db, 'admin');
    expect((await call(path, { method: 'DELETE' })).status).toBe(200);
    expect(db.auth.audit.get('demo')?.at(-1)).toMatchObject({ actor: 'demo-admin', action: 'version.delete', outcome: 'success' });
  });

  it("refuse a member's restore that would give back a protected alias an admin's delete took, as the server does", async () => {
    db.setVersionAliases(mnist, 'cnn', 'v0', { aliases: ['production'] });
    signInAs(db, 'admin');
    expect((await call(withQuery(apiPaths.version(mnist, 'cnn', 'v0'), { deleteAliases: true }), { method: 'DELETE' })).status).toBe(200);
    signInAs(db, 'member');
    const restore = await call(`${apiPaths.version(mnist, 'cnn', 'v0')}/restore`, { method: 'POST' });
    expect(restore.status).toBe(403);
    expect(await errorOf(restore)).toMatchObject({ code: 'PROTECTED_ALIAS', details: { aliases: ['production'] } });
    expect(db.getVersion(mnist, 'cnn', 'v0')).toMatchObject({ state: 'PENDING_DELETION', aliases: [] });
    signInAs(db, 'admin');
    const byAdmin = await call(`${apiPaths.version(mnist, 'cnn', 'v0')}/restore`, { method: 'POST' });
    expect(await byAdmin.json()).toMatchObject({ state: 'COMMITTED', aliases: ['production'] });
  });

  it("record a change once, with its collection as the target, as the server's audit log does", async () => {
    signInAs(db, 'admin');
    const v0 = apiPaths.version(mnist, 'cnn', 'v0');
    const restore = () => call(`${v0}/restore`, { method: 'POST' });
    const remove = () => call(withQuery(v0, { deleteAliases: true }), { method: 'DELETE' });
    for (const send of [restore, remove, remove, restore, restore]) expect((await send()).status).toBe(200);
    expect((await call(apiPaths.artifacts(mnist), { method: 'POST', body: JSON.stringify({ type: 'model', name: 'fresh', files: [] }) })).status).toBe(201);
    const entries = (db.auth.audit.get('demo') ?? []).map(({ action, target, outcome }) => `${action} ${target} ${outcome}`);
    expect(entries.slice(-3)).toEqual([
      'version.delete demo/mnist/cnn:v0 success',
      'version.restore demo/mnist/cnn:v0 success',
      'version.log demo/mnist/fresh success',
    ]);
  });

  it('show a created API key once, accept it as a bearer, and refuse it once revoked', async () => {
    signInAs(db, 'member');
    const created = await (await call(authPaths.apiKeys(), { method: 'POST', body: JSON.stringify({ name: 'ci' }) })).json();
    const listed = await (await call(authPaths.apiKeys())).json();
    expect(listed.items).toEqual([{ id: created.id, name: 'ci', createdAt: created.createdAt, lastUsedAt: null }]);
    signInAs(db, null);
    const bearer = { Authorization: `Bearer ${created.key}` };
    const me = MeSchema.parse(await (await call(authPaths.me(), { headers: bearer })).json());
    expect(me.user.username).toBe('demo-member');
    signInAs(db, 'member');
    expect((await call(authPaths.apiKey(created.id), { method: 'DELETE' })).status).toBe(204);
    signInAs(db, null);
    expect((await call(authPaths.me(), { headers: bearer })).status).toBe(401);
  });

  it("let an admin set members and read the entity's audit log, filtered, newest first, paged and exported", async () => {
    signInAs(db, 'admin');
    const put = await call(authPaths.member('demo', 'demo-viewer'), { method: 'PUT', body: JSON.stringify({ role: 'member' }) });
    expect(await put.json()).toEqual({ username: 'demo-viewer', role: 'member' });
    const unknown = await call(authPaths.member('demo', 'ghost'), { method: 'PUT', body: JSON.stringify({ role: 'member' }) });
    expect((await errorOf(unknown)).code).toBe('USER_NOT_FOUND');
    await call(apiPaths.version(mnist, 'cnn', 'v0'), { method: 'DELETE' });
    const all = await (await call(authPaths.audit('demo'))).json();
    expect(all.items.map((e: { action: string }) => e.action)).toEqual(['version.delete', 'member.set', 'member.set']);
    expect(all.items.map((e: { outcome: string }) => e.outcome)).toEqual(['success', 'failed', 'success']);
    const filtered = await (await call(withQuery(authPaths.audit('demo'), { action: 'member.set', limit: 1 }))).json();
    expect(filtered.items).toHaveLength(1);
    expect(filtered.items[0].target).toBe('ghost');
    const next = await (await call(withQuery(authPaths.audit('demo'), { action: 'member.set', limit: 1, cursor: filtered.nextCursor }))).json();
    expect(next.items.map((e: { target: string }) => e.target)).toEqual(['demo-viewer']);
    expect(next.nextCursor).toBeNull();
    const csv = await call(withQuery(authPaths.auditExport('demo'), { format: 'csv', action: 'version.delete' }));
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="demo-audit.csv"');
    expect((await csv.text()).split('\n')[1]).toContain('demo-admin,version.delete,demo/mnist/cnn:v0,success');
  });

  it('keep users and GC runs to site admins', async () => {
    signInAs(db, 'admin');
    const users = await call(authPaths.users());
    expect(await errorOf(users)).toMatchObject({ code: 'FORBIDDEN', message: forbiddenReason('manageUsers') });
    expect((await call('/api/v1/gc/runs', { method: 'POST', body: JSON.stringify({ dryRun: true }) })).status).toBe(403);
    signInAs(db, 'siteAdmin');
    const created = await call(authPaths.users(), { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'long-enough' }) });
    expect(created.status).toBe(201);
    const again = await call(authPaths.users(), { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'long-enough' }) });
    expect((await errorOf(again)).code).toBe('USER_EXISTS');
  });
});
