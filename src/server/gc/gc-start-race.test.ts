// Two clients starting a run at the same moment: one run starts, the other is told one is running.
import { afterEach, describe, expect, it } from 'vitest';
import { currentScope } from '../auth/scope';
import { createTestServer, type TestServer } from '../testing';
import { failInserts } from '../test/backend';
import { json, logFiles } from '../test/log-helpers';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

describe('starting garbage collection twice at once', () => {
  it('gives one 202 and one 409 GC_RUNNING, never a 5xx', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0' });
    await logFiles(server, 'e', 'p', 'data', { own: 'zero' });
    await server.fetch('/api/v1/projects/e/p/collections/data/versions/v0?deleteAliases=true', { method: 'DELETE' });
    const start = () => server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    const answers = await Promise.all([start(), start()]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    const started = answers.find((r) => r.status === 202)!;
    const run = (await started.json()) as { id: string };
    expect(((await refused.json()) as { error: { code: string; details: { runId: string } } }).error).toMatchObject({
      code: 'GC_RUNNING',
      details: { runId: run.id },
    });
    await server.gc.engine.idle();
    const runs = (await (await server.fetch('/api/v1/gc/runs')).json()) as { items: { id: string; status: string }[] };
    expect(runs.items).toEqual([expect.objectContaining({ id: run.id, status: 'succeeded' })]);
  });

  it('answers a real start 202 with the run as it began, even when the run is over before the answer is written', async () => {
    // Seen on PostgreSQL under load (the GC model test, CI): a run with little to do finished while
    // the start read its row back, and the start answered 200 with a succeeded run. Here a read of
    // a run made for a request (the run's own reads are the server's work, outside any request)
    // waits for the run to end: the slowest that read can be.
    server = await createTestServer({ GC_GRACE_SECONDS: '0' });
    const engine = server.gc.engine;
    const read = engine.get.bind(engine);
    engine.get = async (id: string) => {
      if (currentScope()) await engine.idle();
      return read(id);
    };
    const started = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    expect(started.status).toBe(202);
    const run = (await started.json()) as { id: string; status: string; finishedAt: string | null };
    expect(run).toMatchObject({ status: 'running', finishedAt: null });
    engine.get = read;
    await engine.idle();
    expect(await (await server.fetch(`/api/v1/gc/runs/${run.id}`)).json()).toMatchObject({ id: run.id, status: 'succeeded' });
  });

  it('numbers dry runs started at once without a clash', async () => {
    server = await createTestServer();
    const answers = await Promise.all(Array.from({ length: 4 }, () => server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true }))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const runs = (await (await server.fetch('/api/v1/gc/runs')).json()) as { items: unknown[] };
    expect(runs.items).toHaveLength(4);
  });

  it('a run whose record cannot be written does nothing and leaves the next start free', async () => {
    server = await createTestServer({ GC_GRACE_SECONDS: '0' });
    await logFiles(server, 'e', 'p', 'data', { own: 'zero' });
    const version = '/api/v1/projects/e/p/collections/data/versions/v0';
    await server.fetch(`${version}?deleteAliases=true`, { method: 'DELETE' });
    // The disk fills up just as the run is recorded.
    const diskFreed = await failInserts(server.ctx.db, 'gc_runs', 'database or disk is full');
    await expect(server.gc.engine.start({ dryRun: false, trigger: 'schedule' })).rejects.toThrow('database or disk is full');
    await server.gc.engine.idle();
    // No run that the history does not show has purged anything: the version is still restorable.
    expect(((await (await server.fetch(version)).json()) as { state: string }).state).toBe('PENDING_DELETION');
    expect(((await (await server.fetch('/api/v1/gc')).json()) as { running: unknown }).running).toBeNull();

    await diskFreed();
    const started = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    expect(started.status).toBe(202);
    await server.gc.engine.idle();
    const runs = (await (await server.fetch('/api/v1/gc/runs')).json()) as { items: { status: string; versionsPurged: number }[] };
    expect(runs.items).toEqual([expect.objectContaining({ status: 'succeeded', versionsPurged: 1 })]);
  });
});
