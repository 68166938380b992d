// Every API route × every kind of caller: the table in route-rules.ts is what the server does, and
// a route added to the app without a rule fails here. Each request is a real, valid one (its own
// fresh versions, bodies that would succeed), so "allowed" means the change happens and "refused"
// means the refusal comes from access control, not from a bad request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, REQUIRED_ROLE, type EntityRole } from '../../domain';
import { createApp } from '../app';
import { createTestServer, type TestServer } from '../testing';
import { json, logFiles, sha } from '../test/log-helpers';
import { createUser } from './accounts';
import { createApiKey } from './credentials';
import { ensureEntity, setMember } from './roles';
import { ROUTE_RULES, type RouteRule } from './route-rules';

type CallerKind = 'anonymous' | 'outsider' | EntityRole | 'siteAdmin';
const CALLERS: CallerKind[] = ['anonymous', 'outsider', 'viewer', 'member', 'admin', 'siteAdmin'];
const PASSWORD = 'password-for-tests';
const E = 'team';
const P = 'proj';

let server: TestServer;
const keys = new Map<CallerKind, { username: string; key: string; keyId: string }>();
let made = 0;

beforeAll(async () => {
  server = await createTestServer();
  await ensureEntity(server.ctx, server.ctx.db, E);
  for (const kind of CALLERS) {
    if (kind === 'anonymous') continue;
    const username = kind === 'siteAdmin' ? 'root2' : `${kind}-user`;
    await createUser(server.ctx, server.ctx.db, { username, password: PASSWORD, siteAdmin: kind === 'siteAdmin' });
    if (kind !== 'outsider' && kind !== 'siteAdmin') await setMember(server.ctx.db, E, username, kind);
    const created = await createApiKey(server.ctx, server.ctx.db, username, { name: 'tests' });
    keys.set(kind, { username, key: created.key, keyId: created.id });
  }
});
afterAll(async () => server.close());

/** A collection of its own with v0 (alias `keep`) and v1 (latest), committed, for one request. */
async function freshCollection(): Promise<string> {
  const name = `c${++made}`;
  await logFiles(server, E, P, name, { a: `${name} zero` }, { aliases: ['keep'] });
  await logFiles(server, E, P, name, { a: `${name} one` }, { runId: 'run-1' });
  return name;
}

async function deleted(collection: string, version: string) {
  await server.fetch(`${API_BASE}/projects/${E}/${P}/collections/${collection}/versions/${version}?deleteAliases=true`, { method: 'DELETE' });
}

interface Prepared {
  path: string;
  init?: RequestInit;
}

/** A request that succeeds for a caller allowed to make it. */
async function prepare(rule: RouteRule, caller: CallerKind): Promise<Prepared> {
  const project = `/projects/${E}/${P}`;
  const post = (body: unknown) => json(rule.method, body);
  const p = rule.path;
  if (p === '/auth/login') return { path: p, init: post({ username: 'viewer-user', password: PASSWORD }) };
  if (p === '/auth/password') return { path: p, init: post({ currentPassword: PASSWORD, newPassword: PASSWORD }) };
  if (p === '/auth/api-keys' && rule.method === 'POST') return { path: p, init: post({ name: 'another' }) };
  if (p === '/auth/api-keys/:id') {
    const who = keys.get(caller);
    if (!who) return { path: '/auth/api-keys/key_none', init: { method: 'DELETE' } };
    const spare = await createApiKey(server.ctx, server.ctx.db, who.username, { name: 'spare' });
    return { path: `/auth/api-keys/${spare.id}`, init: { method: 'DELETE' } };
  }
  if (p === '/users' && rule.method === 'POST') return { path: p, init: post({ username: `new-${++made}`, password: PASSWORD }) };
  if (p.startsWith('/entities/:entity/members/:username')) {
    const username = `m-${++made}`;
    await createUser(server.ctx, server.ctx.db, { username, password: PASSWORD, siteAdmin: false });
    await setMember(server.ctx.db, E, username, 'viewer');
    return { path: `/entities/${E}/members/${username}`, init: rule.method === 'PUT' ? post({ role: 'member' }) : { method: 'DELETE' } };
  }
  if (p === '/entities/:entity/protected-aliases' && rule.method === 'PUT')
    return { path: `/entities/${E}/protected-aliases`, init: post({ aliases: ['production'] }) };
  if (p.startsWith('/entities/:entity')) return { path: p.replace(':entity', E) };
  if (p === '/gc/runs' && rule.method === 'POST') {
    await server.gc.engine.idle();
    return { path: p, init: post({ dryRun: true }) };
  }
  if (p === '/gc/runs/:id') {
    const run = await (await server.fetch(`${API_BASE}/gc/runs`, json('POST', { dryRun: true }))).json();
    return { path: `/gc/runs/${run.id}` };
  }
  if (!p.startsWith('/projects/:entity/:project')) return { path: p, init: rule.method === 'GET' ? undefined : { method: rule.method } };

  const collection = await freshCollection();
  const rest = p.slice('/projects/:entity/:project'.length);
  const C = `${project}/collections/${collection}`;
  const V = `${C}/versions/v1`;
  switch (`${rule.method} ${rest}`) {
    case 'GET /types':
    case 'GET /collections':
    case 'GET /pending-deletion':
    case 'GET /storage':
    case 'GET /settings':
      return { path: `${project}${rest}` };
    case 'GET /settings/ttl-preview':
      return { path: `${project}/settings/ttl-preview?defaultTtlDays=30` };
    case 'PUT /settings':
      return { path: `${project}/settings`, init: post({ defaultTtlDays: 90 }) };
    case 'GET /collections/:collection':
    case 'GET /collections/:collection/deletion-preview':
      return { path: `${C}${rest.replace('/collections/:collection', '')}` };
    case 'DELETE /collections/:collection':
      return { path: C, init: { method: 'DELETE' } };
    case 'POST /collections/:collection/restore':
      await server.fetch(`${API_BASE}${C}`, { method: 'DELETE' });
      return { path: `${C}/restore`, init: { method: 'POST' } };
    case 'POST /collections/:collection/aliases/:alias/move':
      return { path: `${C}/aliases/keep/move`, init: post({ to: 'v1' }) };
    case 'GET /collections/:collection/versions':
      return { path: `${C}/versions` };
    case 'GET /collections/:collection/versions/:version':
    case 'GET /collections/:collection/versions/:version/deletion-preview':
    case 'GET /collections/:collection/versions/:version/files':
      return { path: `${V}${rest.replace('/collections/:collection/versions/:version', '')}` };
    case 'GET /collections/:collection/versions/:version/files/*':
      return { path: `${V}/files/a` };
    case 'DELETE /collections/:collection/versions/:version':
      return { path: `${V}?deleteAliases=true`, init: { method: 'DELETE' } };
    case 'POST /collections/:collection/versions/:version/restore':
      await deleted(collection, 'v1');
      return { path: `${V}/restore`, init: { method: 'POST' } };
    case 'PUT /collections/:collection/versions/:version/aliases':
      return { path: `${V}/aliases`, init: post({ aliases: ['latest', 'candidate'] }) };
    case 'PUT /collections/:collection/versions/:version/ttl':
      return { path: `${V}/ttl`, init: post({ mode: 'custom', days: 30 }) };
    case 'GET /runs/:runId/logged-artifacts':
      return { path: `${project}/runs/run-1/logged-artifacts` };
    case 'POST /artifacts': {
      const content = `b${made}`;
      return {
        path: `${project}/artifacts`,
        init: post({ type: 'dataset', name: collection, files: [{ path: 'b', digest: sha(content), sizeBytes: content.length }] }),
      };
    }
    case 'POST /artifacts/:id/commit': {
      const content = `pending ${collection}`;
      const logged = await (
        await server.fetch(
          `${API_BASE}${project}/artifacts`,
          json('POST', { type: 'dataset', name: collection, files: [{ path: 'p', digest: sha(content), sizeBytes: content.length }] }),
        )
      ).json();
      await server.fetch(`${API_BASE}${project}/blobs/${sha(content)}`, { method: 'PUT', body: content });
      return { path: `${project}/artifacts/${logged.version.id}/commit`, init: { method: 'POST' } };
    }
    case 'PUT /blobs/:digest': {
      const content = `blob ${collection}`;
      return { path: `${project}/blobs/${sha(content)}`, init: { method: 'PUT', body: content, headers: { 'content-type': 'application/octet-stream' } } };
    }
    case 'POST /bulk-delete':
      return { path: `${project}/bulk-delete`, init: post({ items: [{ collection, version: 'v1' }], deleteAliases: true }) };
    case 'POST /bulk-restore':
      await deleted(collection, 'v1');
      return { path: `${project}/bulk-restore`, init: post({ items: [{ collection, version: 'v1' }] }) };
    case 'POST /deletion-jobs':
      return { path: `${project}/deletion-jobs`, init: post({ action: 'delete', filter: { collections: [collection], noAliases: true } }) };
    case 'GET /deletion-jobs/:id':
    case 'POST /deletion-jobs/:id/cancel':
    case 'POST /deletion-jobs/:id/undo': {
      const job = await (
        await server.fetch(`${API_BASE}${project}/deletion-jobs`, json('POST', { action: 'delete', filter: { collections: [collection], noAliases: true } }))
      ).json();
      return {
        path: `${project}/deletion-jobs/${job.job.id}${rest.slice('/deletion-jobs/:id'.length)}`,
        init: rule.method === 'POST' ? { method: 'POST' } : undefined,
      };
    }
  }
  throw new Error(`no request prepared for ${rule.method} ${rule.path}: add one here`);
}

function allowed(rule: RouteRule, caller: CallerKind): boolean {
  const { access } = rule;
  if (access.kind === 'public') return true;
  if (caller === 'anonymous') return false;
  if (access.kind === 'signedIn' || caller === 'siteAdmin') return true;
  if (caller === 'outsider') return false;
  const needed = REQUIRED_ROLE[access.permission];
  if (needed === 'siteAdmin') return false;
  const rank = { viewer: 1, member: 2, admin: 3 };
  return rank[caller] >= rank[needed];
}

async function send(caller: CallerKind, prepared: Prepared): Promise<Response> {
  const headers = new Headers(prepared.init?.headers);
  const key = keys.get(caller);
  if (key) headers.set('authorization', `Bearer ${key.key}`);
  return server.fetchAnonymous(`${API_BASE}${prepared.path}`, { ...prepared.init, headers });
}

describe('access control: every route has a rule', () => {
  it('the rules name exactly the routes the app has', async () => {
    const app = createApp(server.ctx, server.gc) as unknown as { routes: { method: string; path: string }[] };
    const routes = new Set(
      app.routes.filter((r) => r.path.startsWith(`${API_BASE}/`) && r.method !== 'ALL').map((r) => `${r.method} ${r.path.slice(API_BASE.length)}`),
    );
    const rules = new Set(ROUTE_RULES.map((r) => `${r.method} ${r.path}`));
    expect(
      [...routes].filter((r) => !rules.has(r)),
      'routes without an access rule',
    ).toEqual([]);
    expect(
      [...rules].filter((r) => !routes.has(r)),
      'rules for routes that do not exist',
    ).toEqual([]);
  });
});

describe.each(CALLERS)('access control as %s', (caller) => {
  it.each(ROUTE_RULES.map((rule) => [`${rule.method} ${rule.path}`, rule] as const))('%s', async (_name, rule) => {
    const prepared = await prepare(rule, caller);
    const res = await send(caller, prepared);
    const body = await res.text();
    const said = `${rule.method} ${prepared.path} as ${caller}: ${res.status} ${body.slice(0, 200)}`;
    if (allowed(rule, caller)) {
      expect(res.status, said).toBeLessThan(300);
      return;
    }
    const error = JSON.parse(body).error as { code: string; message: string };
    if (caller === 'anonymous') {
      expect([res.status, error.code], said).toEqual([401, 'UNAUTHENTICATED']);
    } else if (rule.access.kind === 'entity' && caller === 'outsider') {
      // Exactly what a caller gets for an entity that does not exist.
      expect(res.status, said).toBe(404);
      const missing = await send(caller, { ...prepared, path: prepared.path.replace(`/${E}/`, '/no-such-entity/').replace(`/${E}`, '/no-such-entity') });
      expect((await missing.json()).error.code, said).toBe(error.code);
    } else {
      expect([res.status, error.code], said).toEqual([403, 'FORBIDDEN']);
      const needed = rule.access.kind === 'public' || rule.access.kind === 'signedIn' ? null : REQUIRED_ROLE[rule.access.permission];
      expect(error.message, said).toMatch(needed === 'siteAdmin' ? /site admins/ : new RegExp(`${needed} role`));
    }
  });
});
