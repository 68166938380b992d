/**
 * A run over a big backlog must not hold the server's event loop for all its batches: over HTTP, a
 * health check sent as a run starts is answered while the run is still purging or deciding. Before
 * decision 192 the purge and decide batches ran back to back in promise callbacks, so no socket was
 * read until the first file was moved (3 s at 1M blobs); in-process requests (`server.fetch`) hide
 * that, since they need no I/O, so this test goes through a real port.
 */
import { describe, expect, it } from 'vitest';
import { GcRunSchema } from '../../domain';
import { asAdmin, createTestServer } from '../testing';
import { oneFileVersions, seedVersions } from '../test/seed-rows';
import { servedPerTest } from '../test/wire';

const served = servedPerTest();

const VERSIONS = 150;

describe('a garbage-collection run and the server around it', () => {
  it("answers GET /health over HTTP between the run's purge and decide batches", async () => {
    const steps = { purged: 0, decided: 0 };
    // Two versions and two files a batch: 75 purge batches and 75 decide batches.
    const server = served.keep(
      await createTestServer({ GC_GRACE_SECONDS: '0', GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' }, undefined, {
        batchSize: 2,
        onStep: (step) => {
          if (step === 'purged' || step === 'decided') steps[step]++;
        },
      }),
    );
    const deletedAt = new Date(Date.now() - 60_000).toISOString();
    await seedVersions(server.ctx.db, 'e', 'p', oneFileVersions('old', VERSIONS, 'PENDING_DELETION', deletedAt));
    const http = await served.listen();
    const wire = (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${http.port}${p}`, asAdmin(init));

    const started = await wire('/api/v1/gc/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dryRun: false }) });
    expect(started.status).toBe(202);
    const run = GcRunSchema.parse(await started.json());
    const health = await wire('/api/v1/health');
    const decidedWhenAnswered = steps.decided;
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } });

    await server.gc.engine.idle();
    const done = GcRunSchema.parse(await (await wire(`/api/v1/gc/runs/${run.id}`)).json());
    expect(done).toMatchObject({ status: 'succeeded', versionsPurged: VERSIONS, blobsDeleted: VERSIONS });
    expect(steps).toEqual({ purged: VERSIONS / 2, decided: VERSIONS / 2 });
    // Both answers came while the run still had decide batches to do.
    expect(decidedWhenAnswered).toBeLessThan(VERSIONS / 2);
  });
});
