// The `attic` executable as a user starts it: ATTIC_URL, ATTIC_API_KEY, exit codes, stdout with
// --json, and no terminal (stdin and stderr are pipes here), against a small HTTP server that
// records what it was sent.
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin.ts');
let server: Server;
let url: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ items: [{ entity: 'demo', project: 'mnist', collectionCount: 3 }], nextCursor: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function attic(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { env: { ...process.env, ATTIC_URL: url, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the attic executable', () => {
  it('sends ATTIC_API_KEY as a bearer token and prints only JSON on stdout with --json', async () => {
    seen.length = 0;
    const { code, stdout } = await attic(['projects', '--json'], { ATTIC_API_KEY: 'sk-test-1' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ entity: 'demo', project: 'mnist', collectionCount: 3 }]);
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([['/api/v1/projects?limit=500', 'Bearer sk-test-1']]);
  }, 60_000);

  it('without a terminal, a delete by filter without --yes exits 2 and sends nothing', async () => {
    seen.length = 0;
    const { code, stdout, stderr } = await attic(['delete', '--filter', 'demo/mnist', '--no-aliases'], {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('refusing to delete without confirmation');
    expect(seen).toEqual([]);
  }, 60_000);
});
