// The server as a process: start-up messages, the DATA_DIR lock across processes, graceful SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, PORT: '0', DEMO_DATA: '0', ...env } });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`server exited: ${output}`)));
  });
  // Callers that expect an exit never await `listening`.
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => output };
}

function tempDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'attic-proc-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('server process', () => {
  it('serves, refuses a second server on its DATA_DIR, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const first = startServer({ DATA_DIR: dataDir });
    const port = await first.listening;
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok' });

    const second = startServer({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`DATA_DIR ${dataDir} is already in use by another Attic server`);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // The lock died with the process: a new server starts on the same directory.
    const third = startServer({ DATA_DIR: dataDir });
    await third.listening;
  }, 30_000);

  it('names the bad variable when the configuration is wrong', async () => {
    const bad = startServer({ DATA_DIR: tempDir(), GC_GRACE_SECONDS: 'soon' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('GC_GRACE_SECONDS="soon" is not valid');
  }, 30_000);
});
