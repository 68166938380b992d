/**
 * Two servers start together on a new database; a sign-in on one holds on the other. Scheduled work happens once per interval across the fleet, not once per server: two servers on
 * one PostgreSQL database, each with its own timer every second, start one scheduled GC run per
 * interval between them, and the TTL scan likewise (two scanners with their own database pools). The spacing asserted follows from the claim
 * (a run needs the interval's slot, taken in the transaction that records the run), not from timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcRun, Page } from '../../domain';
import { createTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { json } from '../test/log-helpers';
import { sharedPostgres, type SharedPostgres } from '../test/shared-postgres';
import { startTtlScanner } from '../ttl/ttl';
import type { AtticContext } from '../context';
import { openDatabase } from '../store/database';
import { Fleet } from './fleet';

const INTERVAL_MS = 1000;
let database: SharedPostgres;
const servers: TestServer[] = [];

beforeAll(async () => {
  database = await sharedPostgres();
  // Together, on a new database: both migrate, make the admin and its key, without tripping on each other.
  servers.push(
    ...(await Promise.all(
      [0, 1].map(() => createTestServer({ DATABASE_URL: database.url, GC_INTERVAL_SECONDS: String(INTERVAL_MS / 1000), TTL_INTERVAL_SECONDS: '1' })),
    )),
  );
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.close();
  await database?.drop();
});

describe('two servers on one database', () => {
  it('lets two servers start together on a new database, with one site admin whose key works on both', async () => {
    for (const server of servers) expect((await server.fetch('/api/v1/auth/me')).status).toBe(200);
    const admins = await servers[0]!.ctx.db.selectFrom('users').select('username').where('site_admin', '=', 1).execute();
    expect(admins).toEqual([{ username: 'admin' }]);
  });

  it('keeps a sign-in made on one server valid on the other, and a sign-out on the other ends it on both', async () => {
    const login = await servers[0]!.fetchAnonymous('/api/v1/auth/login', json('POST', { username: 'admin', password: TEST_ADMIN_PASSWORD }));
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await servers[1]!.fetchAnonymous('/api/v1/auth/me', { headers: { cookie } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
    expect((await servers[1]!.fetchAnonymous('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBeLessThan(300);
    expect((await servers[0]!.fetchAnonymous('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('starts one scheduled GC run per interval between two servers, never one each', async () => {
    let runs: GcRun[] = [];
    // Waits on state: four scheduled runs recorded, whichever servers started them.
    while (runs.length < 4) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      runs = ((await (await servers[0]!.fetch('/api/v1/gc/runs?limit=50')).json()) as Page<GcRun>).items.filter((r) => r.trigger === 'schedule');
    }
    const starts = runs.map((r) => Date.parse(r.startedAt)).sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS * 0.99);
    const schedule = await servers[1]!.ctx.db.selectFrom('schedules').select(['name', 'next_at']).orderBy('name').execute();
    expect(schedule.map((s) => s.name)).toEqual(['gc', 'ttl']);
  }, 60_000);
});

describe('TTL scans across a fleet', () => {
  it('happen once per interval between two servers, never once each', async () => {
    // Two servers' scanners (a connection pool each, as two servers have) on a database of their
    // own, each counting its scans, with a one-second interval: both claim the same slot, so no
    // two scans come closer than the interval, whichever server makes them.
    const own = await sharedPostgres();
    const scans: number[] = [];
    const stores = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: own.url, sqliteFile: '' })));
    const stops = stores.map(({ db }) => {
      // The time each claim was made at (the fleet reads the clock once per claim, and the scan
      // follows its claim with no timer between): what the slot spaces, whatever the commit's delay.
      let claimedAt = 0;
      const clock = () => {
        claimedAt = Date.now();
        return claimedAt;
      };
      const ctx = { db, clock, config: { ttlIntervalSeconds: INTERVAL_MS / 1000 } } as unknown as AtticContext;
      return startTtlScanner(ctx, new Fleet(ctx, 30_000), async () => scans.push(claimedAt));
    });
    try {
      while (scans.length < 4) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      for (const stop of stops) stop();
      for (const store of stores) await store.close();
      await own.drop();
    }
    scans.sort((a, b) => a - b);
    for (let i = 1; i < scans.length; i++) expect(scans[i]! - scans[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS * 0.99);
  }, 60_000);
});
