/**
 * `npm run bench -- gc-latency`: how long an unrelated request (health) waits while the server runs
 * garbage collection over 1,000,000 blobs (100,000 of them garbage, with their files), against the
 * run's own duration; the same measure and target as section 5's big log. Before decision 192 the
 * run's purge and decide batches never let the event loop turn on SQLite, so health waited for
 * both phases; what is left is the run's plan, one query. SQLite only: on PostgreSQL every query is
 * I/O and the event loop turns between them anyway.
 */
import { GcRunSchema } from '../../src/domain';
import type { StoreBackend } from '../backend';
import { BLOB_BYTES, GC, onServerCopies, record, seedTemplateOn, type BenchSection } from '../harness';
import { smallFiles } from '../seed';
import { healthMs } from '../server';
import { fmtMs, median, progress } from '../stats';

const TOTAL_BLOBS = 1_000_000;
const GARBAGE_BLOBS = TOTAL_BLOBS / 10;
const REPS = 2;

/** Health requests one after another until the run is over (the run's own status read between them); the worst wait. */
async function worstDuringRun(url: string, runId: string): Promise<{ worst: number; status: string }> {
  let worst = 0;
  for (;;) {
    worst = Math.max(worst, await healthMs(url));
    const run = GcRunSchema.parse(await (await fetch(`${url}/api/v1/gc/runs/${runId}`)).json());
    if (run.status !== 'running') return { worst, status: run.status };
  }
}

async function benchGcLatency(backend: StoreBackend): Promise<void> {
  console.log(
    `\n== 5b. Latency during a GC run: health requests while a run frees ${GARBAGE_BLOBS.toLocaleString('en-US')} of ${TOTAL_BLOBS.toLocaleString('en-US')} blobs ==`,
  );
  const template = await seedTemplateOn(backend, 'gc-latency', [
    { ...GC, name: 'live-shards', pendingDeletion: 0, committed: (TOTAL_BLOBS - GARBAGE_BLOBS) / 10, files: smallFiles(10, BLOB_BYTES), extraAliases: true },
    { ...GC, name: 'old-shards', pendingDeletion: GARBAGE_BLOBS / 5, committed: 0, files: smallFiles(5, BLOB_BYTES) },
  ]);
  const runs: number[] = [];
  const worsts: number[] = [];
  await onServerCopies(template, { label: 'gc-latency', reps: REPS, env: { GC_GRACE_SECONDS: '0' }, withGarbage: true }, async (server, rep) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/v1/gc/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dryRun: false }),
    });
    if (res.status !== 202) throw new Error(`starting the run answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const run = GcRunSchema.parse(await res.json());
    const { worst, status } = await worstDuringRun(server.url, run.id);
    if (status !== 'succeeded') throw new Error(`the run ended ${status}`);
    runs.push(performance.now() - started);
    worsts.push(worst);
    progress(`rep ${rep}/${REPS}: run ${fmtMs(runs.at(-1)!)}, worst health during it ${fmtMs(worst)}`);
  });
  const run = median(runs);
  const worst = median(worsts);
  record({
    section: '5. Latency',
    measure: `worst health wait during a GC run over ${TOTAL_BLOBS / 1_000_000}M blobs (${GARBAGE_BLOBS / 1000}k garbage) vs the run (median of ${REPS})`,
    small: `run ${fmtMs(run)}`,
    large: `health ${fmtMs(worst)}`,
    ratio: worst / run,
    target: 0.2,
  });
}

export const gcLatency: BenchSection = { name: 'gc-latency', backends: ['sqlite'], run: benchGcLatency };
