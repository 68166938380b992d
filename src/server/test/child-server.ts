/** A real server in a child process on a DATA_DIR, for tests that kill it (SIGKILL) and restart it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { asAdmin, TEST_AUTH_ENV } from '../testing';
import { backendEnv } from './backend';
import type { Target } from './log-helpers';

export interface ChildServer extends Target {
  base: string;
  /** Resolves when the server prints a line containing `text` (a test hold, say). */
  printed(text: string): Promise<void>;
  /** Everything the server printed so far (for a failing test's message). */
  output(): string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
}

/** A server on the test backend (backend.ts) of `env.DATA_DIR`. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  // A test that names its own database (several servers on one, fleet/) gets exactly that, on every tier.
  const backend = env.DATA_DIR === undefined || env.DATABASE_URL !== undefined ? {} : await backendEnv(env.DATA_DIR);
  const childEnv: Record<string, string | undefined> = { ...process.env, DEMO_DATA: '0', ...TEST_AUTH_ENV, ...backend, ...env, PORT: '0' };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      for (const w of [...waiters]) if (output.includes(w.text)) waiters.splice(waiters.indexOf(w), 1) && w.resolve();
      const match = /listening on (http:\/\/[^ ]+)/.exec(output);
      if (match) resolve(server(match[1]!));
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${output}`)));
  });

  function server(base: string): ChildServer {
    return {
      base,
      fetch: (p, init) => fetch(`${base}${p}`, asAdmin(init)),
      output: () => output,
      printed: (text) => (output.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
      async kill() {
        child.kill('SIGKILL');
        await exited;
      },
    };
  }
}
