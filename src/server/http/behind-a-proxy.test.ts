// Behind a TLS-terminating proxy (decision 199): with TRUST_PROXY=true the server believes what the
// proxy says about the client (X-Forwarded-Proto, the last X-Forwarded-For entry); without it,
// those headers are the client's own words and change nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { authPaths } from '../../domain';
import { THROTTLE } from '../auth/throttle';
import { ConfigError, loadConfig } from '../config';
import { createTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function signIn(username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return server!.fetchAnonymous(authPaths.login(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
}

/** Creates an API key as the admin from a page whose Origin is `origin`; the status, and whether the key exists. */
async function createKeyFrom(origin: string, headers: Record<string, string>): Promise<{ status: number; made: boolean }> {
  const name = `from ${origin} ${JSON.stringify(headers)}`;
  const res = await server!.fetch(authPaths.apiKeys(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify({ name }),
  });
  const keys = (await (await server!.fetch(authPaths.apiKeys())).json()).items as { name: string }[];
  return { status: res.status, made: keys.some((k) => k.name === name) };
}

async function failFrom(count: number, headers: (i: number) => Record<string, string>): Promise<void> {
  for (let i = 0; i < count; i++) expect((await signIn(`guess${i}`, 'wrong', headers(i))).status).toBe(401);
}

describe('TRUST_PROXY off (the default): X-Forwarded-* are ignored', () => {
  it('X-Forwarded-Proto: https does not make the session cookie Secure on a plain-http connection', async () => {
    server = await createTestServer();
    const res = await signIn('admin', TEST_ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('a client cannot escape the per-address throttle by sending a new X-Forwarded-For each time', async () => {
    server = await createTestServer();
    await failFrom(THROTTLE.perAddress, (i) => ({ 'x-forwarded-for': `10.0.0.${i}` }));
    const res = await signIn('admin', TEST_ADMIN_PASSWORD, { 'x-forwarded-for': '10.0.1.1' });
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a write from the server’s own origin passes whatever X-Forwarded-Proto a client sends', async () => {
    server = await createTestServer();
    expect(await createKeyFrom('http://localhost', { 'x-forwarded-proto': 'https' })).toEqual({ status: 201, made: true });
  });
});

describe('TRUST_PROXY=true: what the proxy reports is believed', () => {
  it('the session cookie is Secure when the proxy says the client came over https, and not when it says http', async () => {
    server = await createTestServer({ TRUST_PROXY: 'true' });
    const secure = await signIn('admin', TEST_ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(secure.status).toBe(200);
    expect(secure.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await signIn('admin', TEST_ADMIN_PASSWORD, { 'x-forwarded-proto': 'http' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('a write is accepted from the https origin the proxy serves, and refused from http on the same host (changing nothing)', async () => {
    server = await createTestServer({ TRUST_PROXY: 'true' });
    const overTls = { 'x-forwarded-proto': 'https' };
    expect(await createKeyFrom('https://localhost', overTls)).toEqual({ status: 201, made: true });
    expect(await createKeyFrom('http://localhost', overTls)).toEqual({ status: 403, made: false });
    // A proxy serving plain http: the http origin is the server's own, the https one is not.
    expect(await createKeyFrom('http://localhost', { 'x-forwarded-proto': 'http' })).toEqual({ status: 201, made: true });
    expect(await createKeyFrom('https://localhost', { 'x-forwarded-proto': 'http' })).toEqual({ status: 403, made: false });
  });

  it('the throttle counts per client address, the last X-Forwarded-For entry (the proxy’s), not per proxy; a client’s own entries are ignored', async () => {
    server = await createTestServer({ TRUST_PROXY: 'true' });
    const attacker = '203.0.113.5';
    // The attacker writes entries of its own in front; the proxy appends the address it saw.
    await failFrom(THROTTLE.perAddress, (i) => ({ 'x-forwarded-for': `10.0.0.${i}, ${attacker}` }));
    const blocked = await signIn('admin', TEST_ADMIN_PASSWORD, { 'x-forwarded-for': `10.9.9.9, ${attacker}` });
    expect(blocked.status).toBe(429);
    // Another user behind the same proxy still signs in, even when a spoofed first entry names the attacker.
    const colleague = await signIn('admin', TEST_ADMIN_PASSWORD, { 'x-forwarded-for': `${attacker}, 198.51.100.7` });
    expect(colleague.status).toBe(200);
    const audit = (await (await server!.fetch('/api/v1/audit?action=auth.login')).json()).items as { outcome: string; details: { address: string } }[];
    expect(audit[0]).toMatchObject({ outcome: 'success', details: { address: '198.51.100.7' } });
    expect(audit[1]).toMatchObject({ outcome: 'denied', details: { address: attacker } });
  });
});

describe('TRUST_PROXY at start', () => {
  it('is true or false; anything else stops start-up naming it', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY/);
  });
});
