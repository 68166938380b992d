// The schedule: a run every GC_INTERVAL_SECONDS that nobody starts, a warning (and the next try)
// when one is already going, nothing scheduled once stopped, and the expected purge times that the
// pending-deletion review derives from it. The schedule's timers are faked (only setTimeout and
// clearTimeout, which nothing else on the server uses) and the clock injected, so "an hour later"
// is a step of the test, not a wait.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { GcRun, GcStatus, PendingDeletionPage } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { holdRunAt, releaseHeldRuns } from '../test/gc-hold';
import { logFiles } from '../test/log-helpers';
import { Fleet } from '../fleet/fleet';
import { GcEngine } from './engine';
import type { GcTestHooks } from './hooks';
import { GcScheduler } from './scheduler';

let server: TestServer | undefined;
let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.useRealTimers();
  releaseHeldRuns();
  await server?.close();
  server = undefined;
  warn.mockRestore();
});

const base = '/api/v1/projects/e/p/collections/data';
const HOUR = 3600_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

async function body<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

async function runs(s: TestServer): Promise<GcRun[]> {
  return (await body<{ items: GcRun[] }>(s.fetch('/api/v1/gc/runs?limit=100'))).items;
}

/** A server whose clock and schedule move only when the test says so. */
async function scheduledServer(env: Record<string, string>, hooks?: GcTestHooks) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let now = T0;
  const s = await createTestServer({ GC_INTERVAL_SECONDS: '3600', ...env }, () => now, { hooks });
  /**
   * Waits until the schedule is armed for the next hour (it re-arms once a start has settled,
   * which on PostgreSQL takes real I/O), or stopped: a state, not a number of ticks.
   */
  const armed = async () => {
    await vi.waitFor(() => expect([null, now + HOUR]).toContain(s.gc.nextRunAt));
  };
  /** Moves the clock and the timers on by `ms`: a scheduled run due by then, if any, starts. */
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };
  return {
    s,
    advance,
    /** Moves the clock and the timers on by an hour: a scheduled run, if any, starts. */
    nextHour: () => advance(HOUR),
    armed,
    /** Waits for the run in progress, if any, and for the schedule to be armed again. */
    async afterRun() {
      await s.gc.engine.idle();
      await armed();
    },
  };
}

describe('the garbage-collection schedule', () => {
  it('runs every GC_INTERVAL_SECONDS without anyone starting a run, purges what is due and says when the next run is', async () => {
    const { s, nextHour, afterRun } = await scheduledServer({ GC_GRACE_SECONDS: '0' });
    server = s;
    await logFiles(s, 'e', 'p', 'data', { own: 'zero' });
    await logFiles(s, 'e', 'p', 'data', { own: 'one!' });
    expect((await s.fetch(`${base}/versions/v0`, { method: 'DELETE' })).status).toBe(200);
    expect((await body<GcStatus>(s.fetch('/api/v1/gc'))).nextRunAt).toBe('2026-01-01T01:00:00.000Z');
    expect(await runs(s)).toEqual([]);

    nextHour();
    await afterRun();
    expect(await runs(s)).toEqual([expect.objectContaining({ trigger: 'schedule', dryRun: false, status: 'succeeded', versionsPurged: 1, blobsDeleted: 1 })]);
    expect((await s.fetch(`${base}/versions/v0/files/own`)).status).toBe(410);
    expect(await (await s.fetch(`${base}/versions/v1/files/own`)).text()).toBe('one!');
    expect((await body<GcStatus>(s.fetch('/api/v1/gc'))).nextRunAt).toBe('2026-01-01T02:00:00.000Z');

    nextHour();
    await afterRun();
    expect((await runs(s)).map((r) => `${r.trigger} ${r.status}`)).toEqual(['schedule succeeded', 'schedule succeeded']);
    // The server's own runs are in the site's audit log under the actor gc, by their run number.
    const audit = await body<{ items: { actor: string; target: string; outcome: string; details: unknown }[] }>(s.fetch('/api/v1/audit?action=gc.run'));
    const [second, first] = await runs(s);
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: 'gc',
        target: 'gc run 2',
        outcome: 'success',
        details: { runId: second?.id, dryRun: false, trigger: 'schedule', plannedVersions: 0, plannedBlobs: 0, plannedBytes: 0 },
      }),
      expect.objectContaining({
        actor: 'gc',
        target: 'gc run 1',
        outcome: 'success',
        details: { runId: first?.id, dryRun: false, trigger: 'schedule', plannedVersions: 1, plannedBlobs: 1, plannedBytes: 4 },
      }),
    ]);
  });

  it('when a run is still going at the next interval, warns in the server log and tries again at the one after', async () => {
    const hold = holdRunAt(() => true, 'before');
    const { s, nextHour, armed, afterRun } = await scheduledServer({}, hold.hooks);
    server = s;
    nextHour();
    await hold.reached;
    await armed();
    nextHour();
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(
        '[attic] scheduled garbage collection did not start:',
        'A garbage-collection run is already in progress; wait for it to finish.',
      ),
    );
    hold.release();
    await afterRun();
    expect((await runs(s)).map((r) => `${r.trigger} ${r.status}`)).toEqual(['schedule succeeded']);
    nextHour();
    await afterRun();
    expect((await runs(s)).map((r) => `${r.trigger} ${r.status}`)).toEqual(['schedule succeeded', 'schedule succeeded']);
  });

  it('on another server of the fleet whose timer fires later in the same interval, starts no second run and warns of nothing', async () => {
    const { s, advance, afterRun } = await scheduledServer({ GC_GRACE_SECONDS: '0' });
    server = s;
    const MINUTE = 60_000;
    advance(MINUTE);
    // Another server on the same store, in process (as in gc-takeover.test.ts), its timer a minute behind.
    const other = new GcScheduler(s.ctx, new GcEngine(s.ctx, new Fleet(s.ctx, 30_000)));
    other.start();
    try {
      advance(HOUR - MINUTE);
      await afterRun();
      expect((await runs(s)).map((r) => `${r.trigger} ${r.status}`)).toEqual(['schedule succeeded']);
      advance(MINUTE);
      // Its start has settled once it has armed its own next run.
      await vi.waitFor(() => expect(other.nextRunAt).toBe(T0 + 2 * HOUR + MINUTE));
      await other.engine.idle();
      expect((await runs(s)).map((r) => `${r.trigger} ${r.status}`)).toEqual(['schedule succeeded']);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      other.stop();
    }
  });

  it('once stopped, says no next run and starts none', async () => {
    const { s, nextHour, afterRun } = await scheduledServer({});
    server = s;
    s.gc.stop();
    expect((await body<GcStatus>(s.fetch('/api/v1/gc'))).nextRunAt).toBeNull();
    nextHour();
    nextHour();
    await afterRun();
    expect(await runs(s)).toEqual([]);
  });

  it('stopped while a scheduled run starts (the server shutting down), lets that run finish and schedules no other', async () => {
    const { s, nextHour, afterRun } = await scheduledServer({});
    server = s;
    nextHour();
    s.gc.stop();
    await afterRun();
    expect((await runs(s)).map((r) => `${r.trigger} ${r.status}`)).toEqual(['schedule succeeded']);
    expect((await body<GcStatus>(s.fetch('/api/v1/gc'))).nextRunAt).toBeNull();
    nextHour();
    await afterRun();
    expect(await runs(s)).toHaveLength(1);
  });
});

describe('expected purge times in the pending-deletion review', () => {
  const now = Date.parse('2026-01-01T00:00:00.000Z');

  async function expectedFor(graceSeconds: number): Promise<{ purgeEligibleAt: string; expectedPurgeAt: string | null }> {
    server = await createTestServer({ GC_GRACE_SECONDS: String(graceSeconds), GC_INTERVAL_SECONDS: '3600' }, () => now);
    await logFiles(server, 'e', 'p', 'data', { own: 'zero' });
    expect((await server.fetch(`${base}/versions/v0?deleteAliases=true`, { method: 'DELETE' })).status).toBe(200);
    const page = await body<PendingDeletionPage>(server.fetch('/api/v1/projects/e/p/pending-deletion'));
    expect(page.items).toHaveLength(1);
    return page.items[0]!;
  }

  it('is the next scheduled run for a version whose grace period ends before it', async () => {
    expect(await expectedFor(600)).toEqual(
      expect.objectContaining({ purgeEligibleAt: '2026-01-01T00:10:00.000Z', expectedPurgeAt: '2026-01-01T01:00:00.000Z' }),
    );
  });

  it('is the first scheduled run after the grace period when that ends after the next run', async () => {
    expect(await expectedFor(5400)).toEqual(
      expect.objectContaining({ purgeEligibleAt: '2026-01-01T01:30:00.000Z', expectedPurgeAt: '2026-01-01T02:00:00.000Z' }),
    );
  });

  it('is none once the schedule is stopped', async () => {
    await expectedFor(600);
    server!.gc.stop();
    const page = await body<PendingDeletionPage>(server!.fetch('/api/v1/projects/e/p/pending-deletion'));
    expect(page.items.map((i) => i.expectedPurgeAt)).toEqual([null]);
  });
});
