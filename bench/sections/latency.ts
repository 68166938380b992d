/**
 * `npm run bench -- latency`: how long an unrelated request (health) waits while the server logs a
 * 100,000-file manifest, against the log's own duration (issue 7, item 9; decision 042). Before
 * the log yielded, health waited for the whole log: a ratio near 1 (0.91 when this section was
 * added, 0.11 after). What is left is work that does not split: parsing the request's JSON and the
 * transaction's single COMMIT.
 */
import { createHash } from 'node:crypto';
import { removeDir, tempDir } from '../seed';
import { healthMs, startServer } from '../server';
import { fmtMs, median, progress, type RatioLine } from '../stats';
import type { StoreBackend } from '../backend';
import { record, type BenchSection } from '../harness';

const FILES = 100_000;
const REPS = 3;

/** Health requests one after another until `until` settles; the worst wait. */
async function worstWhile(url: string, until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => (done = true));
  let worst = 0;
  while (!done) worst = Math.max(worst, await healthMs(url));
  return worst;
}

async function benchManifestLatency(backend: StoreBackend): Promise<RatioLine> {
  console.log(`\n== 5. Latency during a big log: health requests while a ${FILES.toLocaleString('en-US')}-file manifest is logged ==`);
  const dir = tempDir('latency');
  const store = await backend.newStore('latency');
  const server = await startServer(dir, store.env);
  try {
    const digest = createHash('sha256').update('shard').digest('hex');
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await healthMs(server.url));
    const logs: number[] = [];
    const worsts: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const files = Array.from({ length: FILES }, (_, i) => ({ path: `shards/${i}.bin`, digest, sizeBytes: 5 }));
      const body = JSON.stringify({ type: 'dataset', name: `shards-${rep}`, files });
      const started = performance.now();
      const log = fetch(`${server.url}/api/v1/projects/bench/latency/artifacts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      }).then(async (res) => {
        if (res.status !== 201) throw new Error(`log answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
        logs.push(performance.now() - started);
      });
      worsts.push(await worstWhile(server.url, log));
      await log;
      progress(`rep ${rep + 1}/${REPS}: log ${fmtMs(logs.at(-1)!)}, worst health during it ${fmtMs(worsts.at(-1)!)}`);
    }
    progress(`idle: worst health of 200 ${fmtMs(Math.max(...idle))}, median ${fmtMs(median(idle))}`);
    const log = median(logs);
    const worst = median(worsts);
    return {
      section: '5. Latency',
      measure: `worst health wait during a ${FILES / 1000}k-file log vs the log (median of ${REPS})`,
      small: `log ${fmtMs(log)}`,
      large: `health ${fmtMs(worst)}`,
      ratio: worst / log,
      target: 0.2,
    };
  } finally {
    await server.stop();
    await store.drop();
    removeDir(dir);
  }
}

/** `npm run bench -- latency` (also on PostgreSQL + S3: it logs through the server, seeds nothing). */
export const latency: BenchSection = {
  name: 'latency',
  backends: ['sqlite', 'postgres-s3'],
  run: async (backend) => record(await benchManifestLatency(backend)),
};
