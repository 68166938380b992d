// The test hooks are what the crash and interleaving tests aim with (hooks.ts; a child server's
// ATTIC_TEST_HOLD): a point names its step, which batch of that step it is (1, 2, ... within the
// run) and the run's phase. Wrong numbers would make those tests strike somewhere else than they
// say, and still pass; this pins what they rely on.
import { afterEach, describe, expect, it } from 'vitest';
import type { GcRun, GcStatus } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { json, logFiles } from '../test/log-helpers';
import type { GcPoint, GcStepName } from './hooks';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const base = '/api/v1/projects/e/p/collections/data';

async function runOnce(s: TestServer): Promise<GcRun> {
  const started = await s.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as GcRun;
  await s.gc.engine.idle();
  return (await (await s.fetch(`/api/v1/gc/runs/${id}`)).json()) as GcRun;
}

describe('the points a garbage-collection run offers to test hooks', () => {
  it("number each step's batches from 1 within each run and carry the phase the run shows", async () => {
    const points: { point: GcPoint; shownPhase: string | undefined }[] = [];
    server = await createTestServer({ GC_GRACE_SECONDS: '0' }, undefined, {
      batchSize: 1,
      hooks: {
        before: async (point) => {
          const { running } = (await (await server!.fetch('/api/v1/gc')).json()) as GcStatus;
          points.push({ point, shownPhase: running?.phase });
        },
      },
    });
    for (const own of ['zero', 'one!', 'two!']) await logFiles(server, 'e', 'p', 'data', { own });
    for (const v of ['v0', 'v1']) expect((await server.fetch(`${base}/versions/${v}?deleteAliases=true`, { method: 'DELETE' })).status).toBe(200);
    const first = await runOnce(server);
    expect(first).toMatchObject({ status: 'succeeded', versionsPurged: 2, blobsDeleted: 2 });
    const ofFirst = points.filter((p) => p.point.runId === first.id);
    expect(await runOnce(server)).toMatchObject({ status: 'succeeded', blobsDeleted: 0 });

    for (const run of [first.id, points.at(-1)!.point.runId]) {
      const seen = new Map<GcStepName, number[]>();
      for (const { point } of points.filter((p) => p.point.runId === run)) seen.set(point.step, [...(seen.get(point.step) ?? []), point.batch]);
      for (const [step, batches] of seen) expect(batches, `${step} in ${run}`).toEqual(batches.map((_, i) => i + 1));
    }
    // Two versions and two blobs, one per batch: at least two batches of purging, deciding, moving and dropping.
    for (const step of ['purge', 'decide', 'trash', 'drop'] as const) {
      expect(ofFirst.filter((p) => p.point.step === step).length, step).toBeGreaterThanOrEqual(2);
    }
    // The point's phase is the one the run shows (a phase change's point already carries the new one).
    for (const { point, shownPhase } of ofFirst.filter((p) => p.point.step !== 'phase')) expect(point.phase, `${point.step} #${point.batch}`).toBe(shownPhase);
    expect(new Set(ofFirst.map((p) => p.point.phase))).toEqual(new Set(['purging', 'deciding', 'deleting', 'emptying trash']));
  });
});
