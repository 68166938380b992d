// What a client and an operator see of a garbage-collection run while it goes and after it: its
// status and phase in GET /api/v1/gc (`running`) and in its record, the refusal of a second start,
// its log sentences and figures, a failed run's record and server-log warning. The engine's test
// hooks hold a run at a chosen point, so "while it goes" is a state, never a moment in time.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { GcRun, GcStatus } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { holdRunAt, releaseHeldRuns } from '../test/gc-hold';
import { expectEveryLiveFileReadable } from '../test/invariant';
import { seededCollection as base, seedTwoDeleted } from '../test/gc-seed';
import { json } from '../test/log-helpers';

let server: TestServer | undefined;
/** The server log's warnings (a failed run says so there), kept out of the test output. */
let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  releaseHeldRuns();
  await server?.close();
  server = undefined;
  warn.mockRestore();
});

const NOW = Date.parse('2026-01-01T00:00:00.000Z');

async function body<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

async function startRun(s: TestServer): Promise<GcRun> {
  const res = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(res.status).toBe(202);
  return (await res.json()) as GcRun;
}

async function finished(s: TestServer, id: string): Promise<GcRun> {
  await s.gc.engine.idle();
  return body<GcRun>(s.fetch(`/api/v1/gc/runs/${id}`));
}

const messages = (run: GcRun) => (run.log ?? []).map((line) => line.message);

describe('a garbage-collection run in progress', () => {
  it('shows as running, in phase purging, from its start; a second start is 409 GC_RUNNING naming it; a dry run still answers', async () => {
    const hold = holdRunAt(() => true, 'before');
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, () => NOW, { hooks: hold.hooks });
    await seedTwoDeleted(server);
    const run = await startRun(server);
    await hold.heldIn(server.gc.engine);

    // Nothing done yet, and the plan's totals for the progress bar.
    expect(await body<GcRun>(server.fetch(`/api/v1/gc/runs/${run.id}`))).toMatchObject({
      status: 'running',
      phase: 'purging',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: null,
      dryRun: false,
      trigger: 'manual',
      versionsPurged: 0,
      blobsDeleted: 0,
      bytesReclaimed: 0,
      blobsRetainedShared: 1,
      planned: { versionsPurged: 2, blobsDeleted: 2, bytesReclaimed: 304 },
    });
    const status = await body<GcStatus>(server.fetch('/api/v1/gc'));
    expect(status.running).toMatchObject({ id: run.id, status: 'running', phase: 'purging' });

    const again = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    expect(again.status).toBe(409);
    const refusal = (await again.json()) as { error: { code: string; message: string; details: unknown } };
    expect(refusal.error).toEqual({
      code: 'GC_RUNNING',
      message: 'A garbage-collection run is already in progress; wait for it to finish.',
      details: { runId: run.id },
    });

    const dry = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true }));
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      status: 'succeeded',
      phase: 'done',
      finishedAt: '2026-01-01T00:00:00.000Z',
      versionsPurged: 2,
      blobsDeleted: 2,
      bytesReclaimed: 304,
    });

    hold.release();
    const done = await finished(server, run.id);
    expect(done).toMatchObject({ status: 'succeeded', phase: 'done', error: null, versionsPurged: 2, blobsDeleted: 2, bytesReclaimed: 304 });
    expect(done.finishedAt).not.toBeNull();
    // Nothing was in the trash for its retention time (a week by default): no line about emptying it.
    expect(messages(done)).toEqual([
      'Plan: purge 2 versions deleted before 2026-01-01 00:00:00 UTC; free 2 blobs (304 B); 1 blob stays, shared with live versions.',
      'Done: purged 2 versions, deleted 2 blobs, reclaimed 304 B.',
    ]);
    const after = await body<GcStatus>(server.fetch('/api/v1/gc'));
    expect(after.running).toBeNull();
    expect(after.lastRun).toMatchObject({ id: run.id, status: 'succeeded' });
    // Once it has finished, a new run starts.
    const next = await startRun(server);
    expect((await finished(server, next.id)).status).toBe('succeeded');
  });

  it('goes through the phases purging, deciding, deleting, emptying trash and done, as GET /api/v1/gc shows them', async () => {
    const seen: string[] = [];
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, () => NOW, {
      hooks: {
        after: async () => {
          const { running } = await body<GcStatus>(server!.fetch('/api/v1/gc'));
          if (running?.phase !== undefined && running.phase !== seen.at(-1)) seen.push(running.phase);
        },
      },
    });
    await seedTwoDeleted(server);
    const run = await startRun(server);
    expect((await finished(server, run.id)).status).toBe('succeeded');
    expect(seen).toEqual(['purging', 'deciding', 'deleting', 'emptying trash', 'done']);
  });

  it('answers 404 GC_RUN_NOT_FOUND naming the id for a run that does not exist', async () => {
    server = await createTestServer();
    const res = await server.fetch('/api/v1/gc/runs/gc_0000000000000000');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'GC_RUN_NOT_FOUND', details: { id: 'gc_0000000000000000' } });
  });
});

describe("a garbage-collection run's log", () => {
  it('says what it planned, what it emptied from the trash and what it did, in that order', async () => {
    let now = NOW;
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '60' }, () => now);
    await seedTwoDeleted(server);
    expect(await body<{ pendingDeletionCount: number }>(server.fetch(base))).toMatchObject({ versionCount: 1, pendingDeletionCount: 2 });
    const run = await finished(server, (await startRun(server)).id);
    // The collection no longer counts the purged versions as pending deletion.
    expect(await body<{ pendingDeletionCount: number }>(server.fetch(base))).toMatchObject({ versionCount: 1, pendingDeletionCount: 0 });
    expect(run.status).toBe('succeeded');
    expect(messages(run)).toEqual([
      'Plan: purge 2 versions deleted before 2026-01-01 00:00:00 UTC; free 2 blobs (304 B); 1 blob stays, shared with live versions.',
      'Done: purged 2 versions, deleted 2 blobs, reclaimed 304 B.',
    ]);
    expect(run.log?.every((line) => line.at === '2026-01-01T00:00:00.000Z')).toBe(true);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(304);

    // Past the retention, the next run empties the trash and says so before its last line.
    now += 61_000;
    const next = await finished(server, (await startRun(server)).id);
    expect(messages(next)).toEqual([
      'Plan: purge 0 versions deleted before 2026-01-01 00:01:01 UTC; free 0 blobs (0 B); 0 blobs stay, shared with live versions.',
      'Emptied 2 blobs from the trash, kept there longer than 1 minute.',
      'Done: purged 0 versions, deleted 0 blobs, reclaimed 0 B.',
    ]);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(0);
  });

  it('with GC_TRASH_RETENTION_SECONDS=0 says nothing about the trash: the files were deleted at once, none went there', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '0' }, () => NOW);
    await seedTwoDeleted(server);
    const run = await finished(server, (await startRun(server)).id);
    expect(messages(run)).toEqual([
      'Plan: purge 2 versions deleted before 2026-01-01 00:00:00 UTC; free 2 blobs (304 B); 1 blob stays, shared with live versions.',
      'Done: purged 2 versions, deleted 2 blobs, reclaimed 304 B.',
    ]);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(0);
  });

  it('a dry run logs its plan only', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, () => NOW);
    await seedTwoDeleted(server);
    const dry = await body<GcRun>(server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true })));
    expect(messages(dry)).toEqual([
      'Plan: purge 2 versions deleted before 2026-01-01 00:00:00 UTC; free 2 blobs (304 B); 1 blob stays, shared with live versions.',
    ]);
  });
});

describe('a garbage-collection run that fails', () => {
  it('is recorded failed with its error, the figures of the batches it finished and a warning in the server log; the next run finishes its work', async () => {
    let crash = true;
    server = await createTestServer({ GC_GRACE_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '3600' }, () => NOW, {
      batchSize: 1,
      onStep: (step) => {
        if (crash && step === 'dropped') throw new Error('disk went away after a batch');
      },
    });
    await seedTwoDeleted(server);
    const failed = await finished(server, (await startRun(server)).id);
    expect(failed).toMatchObject({ status: 'failed', phase: 'done', error: 'disk went away after a batch', versionsPurged: 2, blobsDeleted: 1 });
    expect(failed.finishedAt).not.toBeNull();
    expect(messages(failed).at(-1)).toBe('Failed: disk went away after a batch');
    expect(warn).toHaveBeenCalledWith(`[attic] garbage-collection run ${failed.id} failed:`, 'disk went away after a batch');
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).lastRun).toMatchObject({ id: failed.id, status: 'failed' });
    await expectEveryLiveFileReadable(server);

    crash = false;
    const next = await finished(server, (await startRun(server)).id);
    expect(next).toMatchObject({ status: 'succeeded', versionsPurged: 0, blobsDeleted: 1 });
    expect(failed.bytesReclaimed + next.bytesReclaimed).toBe(304);
    expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).trashBytes).toBe(304);
    await expectEveryLiveFileReadable(server);
  });
});

describe('a server stopping during a run', () => {
  // Each loop of the run checks for a stop after its batch: purging versions, deciding blobs, moving files.
  // What the run had done when it stopped: the batch it was in, and nothing after it.
  const doneBy = {
    purge: { versionsPurged: 1, blobsDeleted: 0 },
    decide: { versionsPurged: 2, blobsDeleted: 0 },
    drop: { versionsPurged: 2, blobsDeleted: 1 },
  };
  for (const step of ['purge', 'decide', 'drop'] as const) {
    it(`stops it after its first ${step} batch, records it failed, and the next server's run finishes its work`, async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-stop-'));
      try {
        const hold = holdRunAt((point) => point.step === step);
        server = await createTestServer({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0' }, () => NOW, { batchSize: 1, hooks: hold.hooks });
        await seedTwoDeleted(server);
        const run = await startRun(server);
        await hold.heldIn(server.gc.engine);
        const stopped = server.gc.engine.shutdown();
        hold.release();
        await stopped;
        const interrupted = await body<GcRun>(server.fetch(`/api/v1/gc/runs/${run.id}`));
        expect(interrupted).toMatchObject({ status: 'failed', error: 'Interrupted: the server is stopping. The next run finishes this work.' });
        expect(interrupted).toMatchObject(doneBy[step]);
        expect(warn).toHaveBeenCalledWith(
          `[attic] garbage-collection run ${run.id} failed:`,
          'Interrupted: the server is stopping. The next run finishes this work.',
        );
        await expectEveryLiveFileReadable(server);
        await server.close();

        server = await createTestServer({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0' }, () => NOW);
        const next = await finished(server, (await startRun(server)).id);
        expect(next.status).toBe('succeeded');
        expect(interrupted.versionsPurged + next.versionsPurged).toBe(2);
        expect(interrupted.blobsDeleted + next.blobsDeleted).toBe(2);
        expect(interrupted.bytesReclaimed + next.bytesReclaimed).toBe(304);
        await expectEveryLiveFileReadable(server);
      } finally {
        await server?.close();
        server = undefined;
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});

describe('a server that was killed during a run', () => {
  it('records that run failed when it starts again, and its next run finishes the work', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-killed-'));
    try {
      let crash = true;
      server = await createTestServer({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0' }, () => NOW, {
        onStep: (step) => {
          if (crash && step === 'purged') throw new Error('never recorded: the process is gone');
        },
      });
      await seedTwoDeleted(server);
      const dry = await body<GcRun>(server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true })));
      const run = await finished(server, (await startRun(server)).id);
      crash = false;
      // What a kill leaves (gc-crash.test.ts kills a real child process, whose code Stryker cannot
      // mutate): the run's row still says running, with the phase it was in.
      await server.ctx.db
        .updateTable('gc_runs')
        .set({ status: 'running', phase: 'purging', finished_at: null, error: null })
        .where('id', '=', run.id)
        .execute();
      await server.close();

      const later = NOW + 60_000;
      server = await createTestServer({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0' }, () => later);
      const recovered = await body<GcRun>(server.fetch(`/api/v1/gc/runs/${run.id}`));
      expect(recovered).toMatchObject({
        status: 'failed',
        error: 'Interrupted: the server stopped during the run. The next run finishes its work.',
        finishedAt: '2026-01-01T00:01:00.000Z',
      });
      expect((await body<GcStatus>(server.fetch('/api/v1/gc'))).running).toBeNull();
      // Only the interrupted run: the dry run before it stays as it was.
      expect(await body<GcRun>(server.fetch(`/api/v1/gc/runs/${dry.id}`))).toMatchObject({ status: 'succeeded', error: null });
      const next = await finished(server, (await startRun(server)).id);
      expect(next).toMatchObject({ status: 'succeeded', blobsDeleted: 2, bytesReclaimed: 304 });
      await expectEveryLiveFileReadable(server);
    } finally {
      await server?.close();
      server = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("a garbage-collection run in the site's audit log", () => {
  it('is recorded when it starts, with its caller, trigger and plan', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, () => NOW);
    await seedTwoDeleted(server);
    const run = await finished(server, (await startRun(server)).id);
    const dry = await body<GcRun>(server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true })));
    const audit = await body<{ items: unknown[] }>(server.fetch('/api/v1/audit?action=gc.run'));
    // Started by a request: its caller is the actor; newest first.
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: 'admin',
        outcome: 'success',
        details: expect.objectContaining({ runId: dry.id, dryRun: true, trigger: 'manual', plannedVersions: 0, plannedBlobs: 0, plannedBytes: 0 }),
      }),
      expect.objectContaining({
        actor: 'admin',
        outcome: 'success',
        details: expect.objectContaining({ runId: run.id, dryRun: false, trigger: 'manual', plannedVersions: 2, plannedBlobs: 2, plannedBytes: 304 }),
      }),
    ]);
  });
});
