/**
 * Two servers started together on a new PostgreSQL database with DEMO_DATA=1 (the default) seed
 * the demo once between them: the one seeding holds the seed's lease, the other starts without
 * seeding. Both then serve the same demo, every collection with exactly its versions, and the demo
 * accounts exist once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEMO_ENTITY, demoArtifacts } from '../../domain/demo';
import { startChildServer, type ChildServer } from '../test/child-server';
import { sharedPostgres, type SharedPostgres } from '../test/shared-postgres';

let database: SharedPostgres | null = null;
const servers: ChildServer[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-fleet-demo-'));

afterAll(async () => {
  for (const server of servers) await server.kill();
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
});

it('seeds the demo once when two servers start together on a new database', async () => {
  database = await sharedPostgres();
  // One DATA_DIR for both: their blob files on a shared disk, their rows in the shared database.
  const env = { DATABASE_URL: database.url, DEMO_DATA: '1', DATA_DIR: dataDir, GC_INTERVAL_SECONDS: '86400' };
  servers.push(...(await Promise.all([startChildServer(env), startChildServer(env)])));
  const expected = new Map<string, number>();
  for (const a of demoArtifacts()) expected.set(`${a.project}/${a.name}`, (expected.get(`${a.project}/${a.name}`) ?? 0) + 1);
  for (const server of servers) {
    const found = new Map<string, number>();
    for (const project of ['mnist', 'llm-finetune']) {
      const collections = (await (await server.fetch(`/api/v1/projects/${DEMO_ENTITY}/${project}/collections?limit=500`)).json()) as {
        items: { name: string; versionCount: number }[];
      };
      for (const c of collections.items) found.set(`${project}/${c.name}`, c.versionCount);
    }
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected));
    const demoUsers = (await (await server.fetch('/api/v1/auth/demo-users')).json()) as { items: { username: string }[] };
    expect(demoUsers.items.map((u) => u.username).sort()).toEqual(['demo-admin', 'demo-member', 'demo-viewer']);
  }
}, 240_000);
