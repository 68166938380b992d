// Property-based model test: random sequences of log, delete, restore, collection delete, garbage
// collection and crash. After every step, every file of every version not yet purged downloads
// with its sha256; after every run, the bytes freed equal the bytes announced just before.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GcRun, GcStatus, Version } from '../../domain';
import { createTestServer, type TestServer } from '../testing';
import { expectEveryLiveFileReadable } from '../test/invariant';
import { json, logFiles } from '../test/log-helpers';

const CONTENTS = ['alpha', 'bravo', 'charlie', 'delta', 'echo-echo', 'foxtrot!!'];
const COLLECTIONS = ['a', 'b'];

type Op =
  | { kind: 'log'; collection: number; files: number[] }
  | { kind: 'delete'; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'deleteCollection'; collection: number }
  | { kind: 'run' }
  | { kind: 'crash'; afterSteps: number }
  | { kind: 'wait'; seconds: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('log' as const), collection: fc.nat(1), files: fc.uniqueArray(fc.nat(CONTENTS.length - 1), { minLength: 1, maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteCollection' as const), collection: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('run' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), afterSteps: fc.nat(6) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 90 }) }) },
);

// A grace period, with time moved by the model, so some versions pending deletion must survive a run.
const env = { GC_GRACE_SECONDS: '60', GC_UPLOAD_WINDOW_SECONDS: '0', GC_TRASH_RETENTION_SECONDS: '0' };

async function versionsIn(server: TestServer, state: string): Promise<Version[]> {
  const all: Version[] = [];
  for (const c of COLLECTIONS) {
    const res = await server.fetch(`/api/v1/projects/e/p/collections/${c}/versions?state=${state}&limit=500`);
    if (res.status === 200) all.push(...((await res.json()) as { items: Version[] }).items);
  }
  return all;
}

async function announcedThenRun(server: TestServer): Promise<void> {
  const status = (await (await server.fetch('/api/v1/gc')).json()) as GcStatus;
  const dry = (await (await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: true }))).json()) as GcRun;
  // reclaimableBytes ignores the grace period (the contract), so it bounds what a run frees now.
  expect(dry.bytesReclaimed).toBeLessThanOrEqual(status.reclaimableBytes);
  const started = (await (await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }))).json()) as GcRun;
  await server.gc.engine.idle();
  const run = (await (await server.fetch(`/api/v1/gc/runs/${started.id}`)).json()) as GcRun;
  if (run.status === 'succeeded') {
    expect(run.bytesReclaimed).toBe(dry.bytesReclaimed);
    expect(run.blobsDeleted).toBe(dry.blobsDeleted);
    expect(run.versionsPurged).toBe(dry.versionsPurged);
  }
}

describe('garbage collection model', () => {
  it('never loses a file a live version needs, and frees exactly what it announces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-model-'));
        let crashAt = -1;
        let steps = 0;
        let now = Date.parse('2026-01-01T00:00:00Z');
        const start = () =>
          createTestServer({ ...env, DATA_DIR: dataDir }, () => now, {
            batchSize: 1,
            onStep: () => {
              if (crashAt >= 0 && steps++ >= crashAt) throw new Error('simulated crash');
            },
          });
        let server = await start();
        try {
          for (const step of ops) {
            if (step.kind === 'log') {
              const files = Object.fromEntries(step.files.map((i) => [`f${i}`, CONTENTS[i]!]));
              await logFiles(server, 'e', 'p', COLLECTIONS[step.collection]!, files);
            } else if (step.kind === 'delete' || step.kind === 'restore') {
              const candidates = await versionsIn(server, step.kind === 'delete' ? 'COMMITTED' : 'PENDING_DELETION');
              const target = candidates[step.pick % Math.max(1, candidates.length)];
              if (target) {
                const url = `/api/v1/projects/e/p/collections/${target.collection}/versions/${target.version}`;
                const res = await server.fetch(step.kind === 'delete' ? `${url}?deleteAliases=true` : `${url}/restore`, { method: step.kind === 'delete' ? 'DELETE' : 'POST' });
                expect(res.status).toBe(200);
              }
            } else if (step.kind === 'deleteCollection') {
              const res = await server.fetch(`/api/v1/projects/e/p/collections/${COLLECTIONS[step.collection]}`, { method: 'DELETE' });
              expect([200, 404]).toContain(res.status);
            } else if (step.kind === 'wait') {
              now += step.seconds * 1000;
            } else if (step.kind === 'run') {
              await announcedThenRun(server);
            } else {
              // Crash a run part-way, restart the server on the same DATA_DIR, and let the next run finish.
              crashAt = step.afterSteps;
              steps = 0;
              const started = await server.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
              expect(started.status).toBe(202);
              await server.gc.engine.idle();
              crashAt = -1;
              await expectEveryLiveFileReadable(server);
              await server.close();
              server = await start();
              await announcedThenRun(server);
            }
            await expectEveryLiveFileReadable(server);
          }
        } finally {
          await server.close();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
