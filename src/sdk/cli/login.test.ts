// `attic login` against a real server: the password from standard input (no terminal here), a key
// made for this machine and stored for the user alone, then used by the next command.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authPaths } from '../../domain';
import { json, logFiles } from '../../server/test/log-helpers';
import { createTestServer, type TestServer } from '../../server/testing';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin.ts');
let server: TestServer;
let listening: ServerType;
let url: string;
let configDir: string;

beforeEach(async () => {
  server = await createTestServer();
  await new Promise<void>((resolve) => {
    listening = serve({ fetch: server.handler, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  configDir = mkdtempSync(path.join(os.tmpdir(), 'attic-cli-config-'));
  await server.fetch(authPaths.users(), json('POST', { username: 'ana', password: 'ana password' }));
  await server.fetch(authPaths.member('team', 'ana'), json('PUT', { role: 'viewer' }));
  await logFiles(server, 'team', 'models', 'weights', { a: '1' });
});
afterEach(async () => {
  await new Promise((resolve) => listening.close(resolve));
  await server.close();
  rmSync(configDir, { recursive: true, force: true });
});

function attic(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ATTIC_URL: url, ATTIC_CONFIG_DIR: configDir };
    delete env.ATTIC_API_KEY;
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('attic login', () => {
  it('stores a key for this machine, readable by the user alone, that the next commands use', async () => {
    expect((await attic(['projects', '--json'])).code).toBe(3); // no key yet: 401
    const login = await attic(['login', '--username', 'ana'], 'ana password\n');
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Signed in');
    const file = path.join(configDir, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8'))[url];
    expect(stored).toMatchObject({ username: 'ana' });
    expect(readFileSync(file, 'utf8')).not.toContain('ana password');

    const projects = await attic(['projects', '--json']);
    expect(projects.code, projects.stderr).toBe(0);
    expect(JSON.parse(projects.stdout)).toEqual([{ entity: 'team', project: 'models', collectionCount: 1 }]);
    // The key is hers, listed under her account by the machine's name.
    const keys = await server.ctx.db.selectFrom('api_keys').select(['username', 'name']).where('username', '=', 'ana').execute();
    expect(keys).toEqual([{ username: 'ana', name: stored.keyName }]);
  }, 60_000);

  it('a wrong password exits 3 and stores nothing', async () => {
    const login = await attic(['login', '--username', 'ana'], 'not it\n');
    expect(login.code).toBe(3);
    expect(login.stderr).toContain('wrong');
    expect(() => statSync(path.join(configDir, 'credentials.json'))).toThrow();
  }, 60_000);
});
