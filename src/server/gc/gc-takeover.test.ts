// A garbage-collection run whose server stops answering is taken over by another server of the
// fleet once its lease lapses (decision 180), in process: two engines, each with its own place in
// the fleet, on one store and one injected clock. fleet/fleet.test.ts proves the same with real
// servers and a SIGKILL, but in child processes, which mutation testing cannot see into
// (decision 080); here a mutant of the take-over is a failing test. The first server is held
// between two steps of its run (its files moved to the trash, their rows not yet dropped), which
// is where a dead server's run is hardest to finish; the clock, not a wait, makes its lease lapse.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { GcRun } from '../../domain';
import { Fleet } from '../fleet/fleet';
import { createTestServer, type TestServer } from '../testing';
import { holdRunAt, releaseHeldRuns } from '../test/gc-hold';
import { expectEveryLiveFileReadable } from '../test/invariant';
import { storedFiles } from '../test/stored-files';
import { seededCollection as base, seedTwoDeleted } from '../test/gc-seed';
import { json, logFiles } from '../test/log-helpers';
import { GcEngine } from './engine';
import type { GcTestHooks } from './hooks';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');
const LEASE_MS = 30_000;

let server: TestServer | undefined;
let warn: MockInstance<typeof console.warn>;
let now = NOW;
beforeEach(() => {
  now = NOW;
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  releaseHeldRuns();
  await server?.close();
  server = undefined;
  warn.mockRestore();
});

/** A server whose run is held once its first batch of files is in the trash; v0 and v2 (304 bytes of their own) are deleted. */
async function serverWithHeldRun() {
  const hold = holdRunAt((point) => point.step === 'trash');
  server = await createTestServer({ GC_GRACE_SECONDS: '0', LEASE_SECONDS: String(LEASE_MS / 1000) }, () => now, { hooks: hold.hooks });
  await seedTwoDeleted(server);
  const res = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(res.status).toBe(202);
  const run = (await res.json()) as GcRun;
  await hold.heldIn(server.gc.engine);
  return { s: server, run, hold };
}

/** Another server of the fleet, in process: its own place in the fleet and its own engine on the same store. */
function anotherServer(s: TestServer, hooks?: GcTestHooks) {
  const fleet = new Fleet(s.ctx, LEASE_MS);
  return { fleet, engine: new GcEngine(s.ctx, fleet, { hooks }) };
}

async function runRecord(s: TestServer, id: string): Promise<GcRun> {
  return (await s.fetch(`/api/v1/gc/runs/${id}`)).json() as Promise<GcRun>;
}

const messages = (run: GcRun) => (run.log ?? []).map((line) => line.message);

describe('a garbage-collection run whose server stops answering', () => {
  it('is left to its server while its lease holds, then resumed by exactly one other server, which finishes it; the first server, back, changes nothing', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    const first = await s.ctx.db.selectFrom('leases').select('holder').where('name', '=', 'gc').executeTakeFirstOrThrow();
    const heldB = holdRunAt((point) => point.step === 'phase');
    const b = anotherServer(s, heldB.hooks);
    const c = anotherServer(s);

    // The other servers see the run in progress through its lease, and leave it alone while it holds.
    expect(await b.engine.runningRun()).toMatchObject({ id: run.id, status: 'running', phase: 'deleting' });
    now += LEASE_MS - 1;
    expect(await b.engine.resumeLapsed()).toBeNull();
    expect((await runRecord(s, run.id)).log?.some((line) => line.message.startsWith('Resumed'))).toBe(false);

    // Lapsed: the first server to look resumes it and says so in the run's log; the lease is its now.
    now += 2;
    expect(await b.engine.resumeLapsed()).toBe(run.id);
    await heldB.heldIn(b.engine);
    expect(messages(await runRecord(s, run.id))).toContain(`Resumed by server ${b.fleet.id}: the server running it (${first.holder}) stopped answering.`);
    expect(await c.engine.resumeLapsed()).toBeNull();
    expect(await b.engine.resumeLapsed()).toBeNull();
    expect(await c.engine.runningRun()).toMatchObject({ id: run.id, status: 'running' });

    heldB.release();
    await b.engine.idle();
    const done = await runRecord(s, run.id);
    expect(done).toMatchObject({ status: 'succeeded', phase: 'done', error: null, versionsPurged: 2, blobsDeleted: 2, bytesReclaimed: 304 });
    expect(messages(done).at(-1)).toBe('Done: purged 2 versions, deleted 2 blobs, reclaimed 304 B.');
    expect(await c.engine.runningRun()).toBeNull();
    expect(await c.engine.resumeLapsed()).toBeNull();
    expect(((await (await s.fetch('/api/v1/gc')).json()) as { trashBytes: number }).trashBytes).toBe(304);
    await expectEveryLiveFileReadable(s);

    // The first server comes back to a run that is no longer its own: its next step is refused,
    // nothing is counted twice, and the record stays the one the second server wrote.
    hold.release();
    await s.gc.engine.idle();
    expect(await runRecord(s, run.id)).toEqual(done);
    expect(warn).toHaveBeenCalledWith(
      `[attic] garbage-collection run ${run.id} failed:`,
      'This server no longer holds the gc lease: another server took the work over.',
    );
    await expectEveryLiveFileReadable(s);
    // And it can start the next run.
    const next = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    expect(next.status).toBe(202);
    await s.gc.engine.idle();
    expect(await runRecord(s, ((await next.json()) as GcRun).id)).toMatchObject({ status: 'succeeded', versionsPurged: 0, blobsDeleted: 0 });
  });

  it('resumed by a server that deletes at once (GC_TRASH_RETENTION_SECONDS=0), has the files it had moved into the trash removed from there too', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    // The same store, a server configured to delete at once (decision 184).
    const config = { ...s.ctx.config, gc: { ...s.ctx.config.gc, trashRetentionSeconds: 0 } };
    const fleet = new Fleet({ ...s.ctx, config }, LEASE_MS);
    const b = new GcEngine({ ...s.ctx, config }, fleet);
    now += LEASE_MS + 1;
    expect(await b.resumeLapsed()).toBe(run.id);
    await b.idle();
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'succeeded', blobsDeleted: 2, bytesReclaimed: 304 });
    // The store shows it (the trash directory, or the bucket's trash prefix on S3): nothing garbage
    // is left in the trash, which no row names any more and no later run would ever empty.
    expect(await storedFiles(s.dataDir, 'trash')).toEqual([]);
    await expectEveryLiveFileReadable(s);
    hold.release();
    await s.gc.engine.idle();
  });

  it('resumed and then failing, is recorded failed with a warning in the server log, and the resuming server starts the next run', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    // The resuming server fails at its first drop, once: a full disk, say.
    let failed = false;
    const b = anotherServer(s, {
      before: (point) => {
        if (point.step !== 'drop' || failed) return;
        failed = true;
        throw new Error('disk full');
      },
    });
    now += LEASE_MS + 1;
    expect(await b.engine.resumeLapsed()).toBe(run.id);
    await b.engine.idle();
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'failed', error: 'disk full', phase: 'done' });
    expect(warn).toHaveBeenCalledWith(`[attic] garbage-collection run ${run.id} failed:`, 'disk full');
    // It is no longer busy with that run: it starts the next, which finishes the work.
    const done = await b.engine.start({ dryRun: false, trigger: 'manual' });
    await b.engine.idle();
    expect(await runRecord(s, done.id)).toMatchObject({ status: 'succeeded', blobsDeleted: 2, bytesReclaimed: 304 });
    await expectEveryLiveFileReadable(s);
    hold.release();
    await s.gc.engine.idle();
  });

  it('lapsed, is marked failed (interrupted) by a new run another server starts, which does its work', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    const b = anotherServer(s);
    const refused = await b.engine.start({ dryRun: false, trigger: 'manual' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 409, code: 'GC_RUNNING', details: { runId: run.id } });

    now += LEASE_MS + 1;
    const second = await b.engine.start({ dryRun: false, trigger: 'manual' });
    await b.engine.idle();
    expect(await runRecord(s, run.id)).toMatchObject({
      status: 'failed',
      error: 'Interrupted: the server stopped during the run. The next run finishes its work.',
      finishedAt: new Date(NOW + LEASE_MS + 1).toISOString(),
    });
    // The first run purged both versions and moved their files; the second drops their rows and counts them.
    expect(await runRecord(s, second.id)).toMatchObject({ status: 'succeeded', versionsPurged: 0, blobsDeleted: 2, bytesReclaimed: 304 });
    await expectEveryLiveFileReadable(s);
    hold.release();
    await s.gc.engine.idle();
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'failed', blobsDeleted: 0 });
    expect(await runRecord(s, second.id)).toMatchObject({ blobsDeleted: 2, bytesReclaimed: 304 });
  });

  it('is left running by a server joining the fleet while its lease holds, and marked failed by a server that is alone on the store', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    // A server joining a fleet (PostgreSQL) spares a run its lease names: that server may be alive.
    await anotherServer(s).engine.recoverInterrupted(false);
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'running', error: null });
    hold.release();
    await s.gc.engine.idle();
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'succeeded', blobsDeleted: 2 });
  });

  it('alone on the store (SQLite), a restart marks it failed and frees the lease for the next run', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    const b = anotherServer(s);
    await b.engine.recoverInterrupted(true);
    expect(await runRecord(s, run.id)).toMatchObject({
      status: 'failed',
      error: 'Interrupted: the server stopped during the run. The next run finishes its work.',
    });
    // No lapse needed: the lease went with the dead run.
    const next = await b.engine.start({ dryRun: false, trigger: 'manual' });
    await b.engine.idle();
    expect(await runRecord(s, next.id)).toMatchObject({ status: 'succeeded', blobsDeleted: 2, bytesReclaimed: 304 });
    hold.release();
    await s.gc.engine.idle();
    await expectEveryLiveFileReadable(s);
  });

  it('is not resumed once it has ended, and the lapsed lease that still names it is cleared', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    hold.release();
    await s.gc.engine.idle();
    // A server that died just after its run's last step but before releasing the lease leaves this.
    await s.ctx.db
      .insertInto('leases')
      .values({ name: 'gc', holder: 'srv_gone', run_id: run.id, expires_at: new Date(NOW - 1).toISOString() })
      .execute();
    const b = anotherServer(s);
    expect(await b.engine.runningRun()).toBeNull();
    expect(await b.engine.resumeLapsed()).toBeNull();
    expect(await s.ctx.db.selectFrom('leases').selectAll().where('name', '=', 'gc').execute()).toEqual([]);
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'succeeded', blobsDeleted: 2 });
  });

  it('is not resumed by a server that is stopping', async () => {
    const { s, run, hold } = await serverWithHeldRun();
    const b = anotherServer(s);
    await b.engine.shutdown();
    now += LEASE_MS + 1;
    expect(await b.engine.resumeLapsed()).toBeNull();
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'running' });
    hold.release();
    await s.gc.engine.idle();
  });
});

describe('garbage collection across the fleet', () => {
  async function fleetServer() {
    server = await createTestServer({ GC_GRACE_SECONDS: '0', LEASE_SECONDS: String(LEASE_MS / 1000) }, () => now);
    await logFiles(server, 'e', 'p', 'data', { own: 'zero' });
    await logFiles(server, 'e', 'p', 'data', { own: 'one!' });
    expect((await server.fetch(`${base}/versions/v0`, { method: 'DELETE' })).status).toBe(200);
    return server;
  }

  it("does not let a dry run on one server hold up another server's run", async () => {
    const s = await fleetServer();
    const dry = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: true }));
    expect(dry.status).toBe(200);
    const b = anotherServer(s);
    const run = await b.engine.start({ dryRun: false, trigger: 'manual' });
    await b.engine.idle();
    expect(await runRecord(s, run.id)).toMatchObject({ status: 'succeeded', versionsPurged: 1, blobsDeleted: 1 });
  });

  it('starts one scheduled run per interval: the second server whose timer fires in it starts none', async () => {
    const s = await fleetServer();
    const b = anotherServer(s);
    const c = anotherServer(s);
    const HOUR = 3_600_000;
    const run = await b.engine.start({ dryRun: false, trigger: 'schedule', scheduleIntervalMs: HOUR });
    await b.engine.idle();
    await expect(c.engine.start({ dryRun: false, trigger: 'schedule', scheduleIntervalMs: HOUR })).rejects.toThrow(
      "Another server already did this interval's garbage collection.",
    );
    const listed = async () => ((await (await s.fetch('/api/v1/gc/runs?limit=100')).json()) as { items: GcRun[] }).items.map((r) => r.id);
    expect(await listed()).toEqual([run.id]);
    // A manual start is not a scheduled one: it is not refused for the interval.
    const manual = await c.engine.start({ dryRun: false, trigger: 'manual' });
    await c.engine.idle();
    // The next interval's first timer starts that interval's run.
    now += HOUR;
    const next = await c.engine.start({ dryRun: false, trigger: 'schedule', scheduleIntervalMs: HOUR });
    await c.engine.idle();
    expect(await listed()).toEqual([next.id, manual.id, run.id]);
    expect(await runRecord(s, next.id)).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
  });
});
