// Cross-site requests, DNS rebinding and framing, seen as the server sees them: raw requests on a
// real port, with the Host, Origin and Content-Type a browser on another site would send.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtticClient } from '../../sdk';
import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { ownHostnames } from './own-hosts';
import { createTestServer, type TestServer, TEST_ADMIN_KEY } from '../testing';
import { logFiles, sha } from '../test/log-helpers';
import { errorCode, listen, rawRequest, type Listening } from '../test/raw-http';

let server: TestServer;
let http: Listening;
let project = 0;
let p = '';

beforeAll(async () => {
  server = await createTestServer({ ALLOWED_HOSTS: 'attic.example.org, 10.0.0.7' });
  http = await listen(server);
});
afterAll(async () => {
  await http.close();
  await server.close();
});

// Each test gets its own project holding data:v0 (alias prod), data:v1 (no alias) and data:v2 (latest).
beforeEach(async () => {
  p = `p${++project}`;
  await logFiles(server, 'e', p, 'data', { a: `one ${p}` }, { aliases: ['prod'] });
  await logFiles(server, 'e', p, 'data', { a: `two ${p}` });
  await logFiles(server, 'e', p, 'data', { a: `three ${p}` });
});

async function stateOf(version: string): Promise<string> {
  const res = await server.fetch(`/api/v1/projects/e/${p}/collections/data/versions/${version}`);
  return ((await res.json()) as { state: string }).state;
}

const bulkDeleteBody = () =>
  JSON.stringify({
    items: [
      { collection: 'data', version: 'v0' },
      { collection: 'data', version: 'v1' },
    ],
    deleteAliases: true,
  });

describe('a request body must be JSON', () => {
  it.each(['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp'])(
    'a bulk-delete sent as %s is 415 and deletes nothing, although the body is valid JSON',
    async (type) => {
      const answer = await rawRequest(http, {
        method: 'POST',
        path: `/api/v1/projects/e/${p}/bulk-delete`,
        headers: { 'content-type': type },
        body: bulkDeleteBody(),
      });
      expect(answer.status).toBe(415);
      expect(errorCode(answer)).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(JSON.parse(answer.text).error.message).toContain('application/json');
      expect(await stateOf('v0')).toBe('COMMITTED');
      expect(await stateOf('v1')).toBe('COMMITTED');
    },
  );

  it('a JSON body without a Content-Type is 415 too', async () => {
    const answer = await rawRequest(http, { method: 'POST', path: '/api/v1/gc/runs', body: '{"dryRun":false}' });
    expect(answer.status).toBe(415);
    expect(errorCode(answer)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await server.fetch('/api/v1/gc/runs').then((r) => r.json())).items).toEqual([]);
  });

  it('a body on a body-less route (restore) must be JSON as well', async () => {
    await server.fetch(`/api/v1/projects/e/${p}/collections/data/versions/v1`, { method: 'DELETE' });
    const answer = await rawRequest(http, {
      method: 'POST',
      path: `/api/v1/projects/e/${p}/collections/data/versions/v1/restore`,
      headers: { 'content-type': 'text/plain' },
      body: 'x=1',
    });
    expect(answer.status).toBe(415);
    expect(await stateOf('v1')).toBe('PENDING_DELETION');
  });

  it('accepts application/json with a charset, a body-less restore, and raw bytes for a blob', async () => {
    const withCharset = await rawRequest(http, {
      method: 'POST',
      path: `/api/v1/projects/e/${p}/bulk-delete`,
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: bulkDeleteBody(),
    });
    expect(withCharset.status).toBe(200);
    expect(await stateOf('v0')).toBe('PENDING_DELETION');
    const restore = await rawRequest(http, { method: 'POST', path: `/api/v1/projects/e/${p}/collections/data/versions/v0/restore` });
    expect(restore.status).toBe(200);
    const blob = await rawRequest(http, {
      method: 'PUT',
      path: `/api/v1/projects/e/${p}/blobs/${sha('hello')}`,
      headers: { 'content-type': 'application/octet-stream' },
      body: 'hello',
    });
    expect(blob.status).toBe(201);
  });
});

describe('mutating requests from another origin are refused', () => {
  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['another port of the same host (same-site, not same-origin)', { origin: 'http://127.0.0.1:1' }],
    ['Origin: null (a sandboxed frame or a file)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site without an Origin', { 'sec-fetch-site': 'cross-site' }],
  ])('%s: 403 FORBIDDEN saying why, and nothing changes', async (_, headers) => {
    const answer = await rawRequest(http, {
      method: 'POST',
      path: `/api/v1/projects/e/${p}/bulk-delete`,
      headers: { 'content-type': 'application/json', ...headers },
      body: bulkDeleteBody(),
    });
    expect(answer.status).toBe(403);
    expect(errorCode(answer)).toBe('FORBIDDEN');
    expect(JSON.parse(answer.text).error.message).toMatch(/another site|origin/i);
    expect(await stateOf('v0')).toBe('COMMITTED');
  });

  it.each([
    ['DELETE', 'collections/data/versions/v1'],
    ['DELETE', 'collections/data'],
    ['PUT', 'settings'],
  ])('%s .../%s from a foreign Origin is refused too', async (method, rest) => {
    const body = method === 'PUT' ? '{"defaultTtlDays":1}' : undefined;
    const answer = await rawRequest(http, {
      method,
      path: `/api/v1/projects/e/${p}/${rest}`,
      headers: { origin: 'http://evil.example', ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
    });
    expect(answer.status).toBe(403);
    expect(await stateOf('v1')).toBe('COMMITTED');
  });

  it('the Vite dev proxy (Origin and Host both 127.0.0.1:5173) and same-origin pages still work', async () => {
    const viaVite = await rawRequest(http, {
      method: 'DELETE',
      path: `/api/v1/projects/e/${p}/collections/data/versions/v1`,
      headers: { host: '127.0.0.1:5173', origin: 'http://127.0.0.1:5173', 'sec-fetch-site': 'same-origin' },
    });
    expect(viaVite.status).toBe(200);
    const sameOrigin = await rawRequest(http, {
      method: 'POST',
      path: `/api/v1/projects/e/${p}/collections/data/versions/v1/restore`,
      headers: { origin: `http://${http.host}` },
    });
    expect(sameOrigin.status).toBe(200);
    expect(await stateOf('v1')).toBe('COMMITTED');
  });

  it('the SDK (Node fetch, no Origin) still deletes and restores', async () => {
    const attic = new AtticClient({ baseUrl: `http://${http.host}`, apiKey: TEST_ADMIN_KEY });
    const result = await attic.bulkDelete(`e/${p}`, [{ collection: 'data', version: 'v1' }]);
    expect(result.succeeded).toBe(1);
    await (await attic.artifact(`e/${p}`, 'data', 'v1')).restore();
    expect(await stateOf('v1')).toBe('COMMITTED');
  });
});

describe('only the server’s own names are answered (DNS rebinding)', () => {
  it.each(['/api/v1/health', `/api/v1/projects/e/p1/collections`, '/'])('Host: evil.example is refused on %s', async (path) => {
    const answer = await rawRequest(http, { path, headers: { host: 'evil.example' } });
    expect(answer.status).toBe(421);
    expect(errorCode(answer)).toBe('UNKNOWN_HOST');
    expect(JSON.parse(answer.text).error.message).toContain('ALLOWED_HOSTS');
  });

  it('a mutating request with a rebound Host changes nothing', async () => {
    const answer = await rawRequest(http, {
      method: 'DELETE',
      path: `/api/v1/projects/e/${p}/collections/data/versions/v1`,
      headers: { host: `evil.example:${http.port}` },
    });
    expect(answer.status).toBe(421);
    expect(await stateOf('v1')).toBe('COMMITTED');
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]', 'attic.example.org', '10.0.0.7'])('Host %s (with the port) is answered', async (name) => {
    const answer = await rawRequest(http, { path: '/api/v1/health', headers: { host: `${name}:${http.port}` } });
    expect(answer.status).toBe(200);
  });

  it.each(['0.0.0.0', 'localhost.evil.example', '127.0.0.1.nip.io'])('Host %s is not one of the names', async (name) => {
    expect((await rawRequest(http, { path: '/api/v1/health', headers: { host: name } })).status).toBe(421);
  });
});

describe('security headers on every answer', () => {
  let webRoot: string;
  let web: ReturnType<typeof createApp>;
  beforeAll(() => {
    webRoot = mkdtempSync(path.join(os.tmpdir(), 'attic-web-'));
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    web = createApp(server.ctx, server.gc, { webRoot });
  });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  function directives(csp: string | null): Map<string, string> {
    return new Map(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values.join(' ')]),
    );
  }

  it.each([
    ['an API answer', '/api/v1/health', 200],
    ['an API error', '/api/v1/nothing-here', 404],
    ['the app shell', '/', 200],
    ['a deep link (the app shell again)', '/e/p/artifacts/data/x', 200],
    ['a script asset', '/assets/app.js', 200],
  ])('%s: CSP without inline scripts and no framing, nosniff, a referrer policy', async (_, url, status) => {
    const res = await web.request(url);
    expect(res.status).toBe(status);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('refusals carry them too', async () => {
    const answer = await rawRequest(http, { path: '/', headers: { host: 'evil.example' } });
    expect(answer.status).toBe(421);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('the server’s names', () => {
  it('are HOST (unless it binds every interface), the loopback names and ALLOWED_HOSTS', () => {
    expect([...ownHostnames('192.168.1.20', [])]).toContain('192.168.1.20');
    expect([...ownHostnames('0.0.0.0', [])].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect([...ownHostnames('::', [])].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(loadConfig({ ALLOWED_HOSTS: ' Attic.Example.org ,fe80::1,' }).allowedHosts).toEqual(['attic.example.org', '[fe80::1]']);
  });

  it.each(['http://attic.example.org', 'attic.example.org:8080', 'a b', 'attic.example.org/x'])(
    'ALLOWED_HOSTS=%s stops start-up naming the variable',
    (value) => {
      expect(() => loadConfig({ ALLOWED_HOSTS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ALLOWED_HOSTS: value })).toThrow('ALLOWED_HOSTS=');
    },
  );
});
