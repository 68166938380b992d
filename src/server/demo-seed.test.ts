// The demo seed survives a kill -9: a server SIGKILLed mid-seed completes the demo when it starts
// again (issue 7, item 10). A real child process, a real SQLite file polled read-only.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ENTITY, demoArtifacts } from '../domain/demo';
import { asAdmin, TEST_AUTH_ENV } from './testing';

const children: ChildProcessWithoutNullStreams[] = [];
let dataDir = '';

function start() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, ...TEST_AUTH_ENV, PORT: '0', DEMO_DATA: '1', DATA_DIR: dataDir, GC_INTERVAL_SECONDS: '86400' },
  });
  children.push(child);
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const listening = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`server exited: ${output}`)));
  });
  listening.catch(() => undefined);
  return { child, exited, listening };
}

/** Demo versions in the database file so far, read by a read-only connection of our own. */
function demoVersionsOnDisk(): number {
  const file = path.join(dataDir, 'attic.db');
  if (!existsSync(file)) return 0;
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM versions WHERE entity = ?').get(DEMO_ENTITY) as { n: number }).n;
  } catch {
    return 0; // the schema is not there yet
  } finally {
    db.close();
  }
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('demo seed', () => {
  it('a server killed mid-seed completes the demo when it starts again', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-seed-'));
    const expected = new Map<string, number>();
    for (const a of demoArtifacts()) expected.set(`${a.project}/${a.name}`, (expected.get(`${a.project}/${a.name}`) ?? 0) + 1);
    const total = [...expected.values()].reduce((s, n) => s + n, 0);

    const first = start();
    // Kill once part of the demo is in the file: a state, not a delay.
    while (demoVersionsOnDisk() < 100) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = demoVersionsOnDisk();
    expect(partial).toBeGreaterThanOrEqual(100);
    expect(partial).toBeLessThan(total);

    const port = await start().listening;
    const found = new Map<string, number>();
    let pending = 0;
    for (const project of ['mnist', 'llm-finetune']) {
      const base = `http://127.0.0.1:${port}/api/v1/projects/${DEMO_ENTITY}/${project}`;
      const collections = (await (await fetch(`${base}/collections?limit=500`, asAdmin())).json()) as { items: { name: string; versionCount: number }[] };
      for (const c of collections.items) {
        found.set(`${project}/${c.name}`, c.versionCount);
        const all = (await (await fetch(`${base}/collections/${c.name}/versions?state=ALL&limit=500`, asAdmin())).json()) as { items: { state: string }[] };
        pending += all.items.filter((v) => v.state !== 'COMMITTED').length;
      }
      if (project === 'llm-finetune') {
        const latest = (await (await fetch(`${base}/collections/eval-logs/versions/latest`, asAdmin())).json()) as { version: string };
        expect(latest.version).toBe('v1999');
      }
    }
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected));
    expect(pending).toBe(0);
    expect(demoVersionsOnDisk()).toBe(total);
  }, 240_000);
});
