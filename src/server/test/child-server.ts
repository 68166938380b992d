/** A real server in a child process on a DATA_DIR, for tests that kill it (SIGKILL) and restart it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { asAdmin, TEST_AUTH_ENV } from '../testing';
import type { Target } from './log-helpers';

export interface ChildServer extends Target {
  base: string;
  /** Resolves when the server prints a line containing `text` (a test hold, say). */
  printed(text: string): Promise<void>;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
}

export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DEMO_DATA: '0', ...TEST_AUTH_ENV, ...env, PORT: '0' },
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
      printed: (text) => (output.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
      async kill() {
        child.kill('SIGKILL');
        await exited;
      },
    };
  }
}

/** Reads the server's database read-only from the test, as an operator would look at it. */
export function readDatabase<T>(dataDir: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(path.join(dataDir, 'attic.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
