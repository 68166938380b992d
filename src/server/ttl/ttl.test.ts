import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Version } from '../../domain';
import { asAdmin, createTestServer, type TestServer } from '../testing';
import { json, logFiles } from '../test/log-helpers';
import { oneFileVersions, seedVersions } from '../test/seed-rows';
import { listen } from '../test/wire';
import { expireVersions } from './ttl';

const DAY = 86_400_000;
let now = Date.parse('2026-03-01T00:00:00Z');
let server: TestServer;
const base = '/api/v1/projects/e/p/collections/data/versions';

beforeEach(async () => {
  now = Date.parse('2026-03-01T00:00:00Z');
  server = await createTestServer({}, () => now);
  await logFiles(server, 'e', 'p', 'data', { a: 'zero' });
  await logFiles(server, 'e', 'p', 'data', { a: 'one' }, { aliases: ['prod'] });
  await logFiles(server, 'e', 'p', 'data', { a: 'two' });
});
afterEach(async () => {
  await server.close();
});

async function version(ref: string): Promise<Version> {
  return (await (await server.fetch(`${base}/${ref}`)).json()) as Version;
}

describe('TTL', () => {
  it('expires from creation time: custom days, the project default for inherit, never when disabled', async () => {
    now += 10 * DAY;
    const custom = await server.fetch(`${base}/v0/ttl`, json('PUT', { mode: 'custom', days: 1.5 }));
    expect(custom.status).toBe(200);
    // Counted from createdAt, even though the TTL was set ten days later.
    expect(((await custom.json()) as Version).ttl).toEqual({ mode: 'custom', days: 1.5, expiresAt: '2026-03-02T12:00:00.000Z' });
    await server.fetch(`${base}/v2/ttl`, json('PUT', { mode: 'disabled' }));
    const settings = await server.fetch('/api/v1/projects/e/p/settings', json('PUT', { defaultTtlDays: 30 }));
    expect(await settings.json()).toEqual({ defaultTtlDays: 30 });
    expect((await version('v1')).ttl).toMatchObject({ mode: 'inherit', days: 30 });

    expect(await expireVersions(server.ctx)).toBe(1);
    expect(await version('v0')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl' });

    now += 30 * DAY;
    expect(await expireVersions(server.ctx)).toBe(1);
    const v1 = await version('v1');
    expect(v1).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl', aliases: [] });
    expect((await version('v2')).state).toBe('COMMITTED');
    expect(await expireVersions(server.ctx)).toBe(0);
  });

  it('rejects a custom TTL without positive days, and a bad default, with 400 INVALID_TTL', async () => {
    for (const body of [{ mode: 'custom' }, { mode: 'custom', days: 0 }, { mode: 'custom', days: -2 }, { mode: 'forever' }]) {
      const res = await server.fetch(`${base}/v0/ttl`, json('PUT', body));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_TTL');
    }
    const res = await server.fetch('/api/v1/projects/e/p/settings', json('PUT', { defaultTtlDays: 'soon' }));
    expect(res.status).toBe(400);
  });
});

describe('TTL that respects a restore (issue 9)', () => {
  it('a version with a 1-day TTL and alias best, deleted by the scan and restored, gets best back and the next scan leaves it', async () => {
    await server.fetch(`${base}/v1/aliases`, json('PUT', { aliases: ['best'] }));
    await server.fetch(`${base}/best/ttl`, json('PUT', { mode: 'custom', days: 1 }));
    now += DAY;
    expect(await expireVersions(server.ctx)).toBe(1);
    expect(await version('v1')).toMatchObject({ state: 'PENDING_DELETION', deletedBy: 'ttl', aliases: [], deletedAliases: ['best'] });
    expect((await server.fetch(`${base}/best`)).status).toBe(404);

    const restore = await server.fetch(`${base}/v1/restore`, { method: 'POST' });
    expect(await restore.json()).toMatchObject({
      version: 'v1',
      state: 'COMMITTED',
      aliases: ['best'],
      aliasesNotRestored: [],
      ttlDisabled: true,
      ttl: { mode: 'disabled', expiresAt: null },
    });
    now += 60_000;
    expect(await expireVersions(server.ctx)).toBe(0);
    // Not even a project default reaches it: its TTL is off.
    await server.fetch('/api/v1/projects/e/p/settings', json('PUT', { defaultTtlDays: 30 }));
    now += 365 * DAY;
    expect(await expireVersions(server.ctx)).toBe(2);
    expect(await version('best')).toMatchObject({ version: 'v1', state: 'COMMITTED', deletedBy: null });
  });

  it('previews how many versions a default would expire now, by their age', async () => {
    now += 5 * DAY;
    await logFiles(server, 'e', 'p', 'data', { a: 'three' });
    await server.fetch(`${base}/v0/ttl`, json('PUT', { mode: 'custom', days: 2 }));
    const preview = async (days: number) => (await server.fetch(`/api/v1/projects/e/p/settings/ttl-preview?defaultTtlDays=${days}`)).json();
    // v1 and v2 are 5 days old, v3 brand new, v0's own TTL ran out 3 days ago.
    expect(await preview(7)).toEqual({ defaultTtlDays: 7, versionsInheriting: 3, versionsExpiringNow: 1 });
    expect(await preview(5)).toEqual({ defaultTtlDays: 5, versionsInheriting: 3, versionsExpiringNow: 3 });
    expect(await preview(0.5)).toEqual({ defaultTtlDays: 0.5, versionsInheriting: 3, versionsExpiringNow: 3 });
    expect(await (await server.fetch('/api/v1/projects/e/p/settings')).json()).toEqual({ defaultTtlDays: null });
  });
});

describe('TTL bounds', () => {
  it('refuses days beyond a century instead of storing an expiry no date can hold', async () => {
    const version = await server.fetch(`${base}/v0/ttl`, json('PUT', { mode: 'custom', days: 1e9 }));
    expect(version.status).toBe(400);
    const settings = await server.fetch('/api/v1/projects/e/p/settings', json('PUT', { defaultTtlDays: 1e9 }));
    expect(settings.status).toBe(400);
    expect((await server.fetch(`${base}/v0`)).status).toBe(200);
    const inherit = await server.fetch(`${base}/v0/ttl`, json('PUT', { mode: 'inherit' }));
    expect(inherit.status).toBe(200);
  });

  it('answers GET /health over HTTP while a scan expires a backlog, between its batches', async () => {
    const backlog = 100;
    // A store of its own: the seeded rows take their own version numbers.
    await server.close();
    server = await createTestServer({}, () => now);
    await seedVersions(server.ctx.db, 'e', 'bulk', oneFileVersions('old', backlog));
    expect((await server.fetch('/api/v1/projects/e/bulk/settings', json('PUT', { defaultTtlDays: 1 }))).status).toBe(200);
    now += 400 * DAY;
    const http = await listen(server);
    try {
      let expired: number | null = null;
      // Two versions a batch: fifty batches.
      const scan = expireVersions(server.ctx, 2).then((n) => {
        expired = n;
        return n;
      });
      const health = await fetch(`http://127.0.0.1:${http.port}/api/v1/health`, asAdmin());
      const expiredWhenAnswered = expired;
      expect(health.status).toBe(200);
      expect(await scan).toBe(backlog);
      // Answered while the scan still had batches to do.
      expect(expiredWhenAnswered).toBeNull();
    } finally {
      await http.close();
    }
  });
});
