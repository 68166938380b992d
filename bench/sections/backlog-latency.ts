/**
 * `npm run bench -- backlog-latency`: the requests a user makes around a 100,000-version collection
 * (five files a version) on the real server, each against the worst wait of health requests sent
 * back to back while it runs (target 0.2, as for section 5's big log): its deletion preview, its
 * delete, `GET /gc` and the project's storage figures with it pending deletion, and its restore.
 * Before decisions 195 and 196 each held the SQLite server for its whole length (1-24 s). A last
 * line compares the restore with the delete it undoes (19.9 s vs 1.4 s before decision 193).
 * `--backends=postgres-s3` runs it there too: every query is I/O and the event loop turns between
 * them anyway, so its health lines say little, but the requests' own times are PostgreSQL's.
 */
import type { StoreBackend } from '../backend';
import { BLOB_BYTES, onServerCopies, record, seedTemplateOn, type BenchSection } from '../harness';
import { smallFiles } from '../seed';
import { healthMs, type RunningServer } from '../server';
import { fmtMs, median, progress } from '../stats';

const VERSIONS = 100_000;
const REPS = 2;
const SHARDS = { entity: 'bench', project: 'backlog', type: 'dataset', name: 'shards' };
const collectionPath = `/api/v1/projects/${SHARDS.entity}/${SHARDS.project}/collections/${SHARDS.name}`;

/** In the order a user makes them: look, delete, look at what is pending, undo. */
const REQUESTS = [
  { label: 'deletion preview', method: 'GET', path: `${collectionPath}/deletion-preview` },
  { label: 'delete', method: 'DELETE', path: collectionPath },
  { label: 'GET /gc, it pending', method: 'GET', path: '/api/v1/gc' },
  { label: 'storage figures, it pending', method: 'GET', path: `/api/v1/projects/${SHARDS.entity}/${SHARDS.project}/storage` },
  { label: 'restore', method: 'POST', path: `${collectionPath}/restore` },
] as const;

type Label = (typeof REQUESTS)[number]['label'];

/** One request, with health requests one after another until it is answered: its time and the worst health wait. */
async function withHealthChecks(server: RunningServer, method: string, path: string): Promise<{ ms: number; worst: number }> {
  const started = performance.now();
  let done = false;
  const request = fetch(server.url + path, { method }).then(async (res) => {
    const text = await res.text();
    done = true;
    if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return performance.now() - started;
  });
  let worst = 0;
  while (!done) worst = Math.max(worst, await healthMs(server.url));
  return { ms: await request, worst };
}

async function benchBacklogLatency(backend: StoreBackend): Promise<void> {
  console.log(`\n== 5c. Latency around a ${VERSIONS.toLocaleString('en-US')}-version collection: health requests during each request a user makes ==`);
  const template = await seedTemplateOn(backend, 'backlog-latency', [
    { ...SHARDS, pendingDeletion: 0, committed: VERSIONS, files: smallFiles(5, BLOB_BYTES), extraAliases: true },
  ]);
  const figures = new Map<Label, { ms: number[]; worst: number[] }>(REQUESTS.map((r) => [r.label, { ms: [], worst: [] }]));
  await onServerCopies(template, { label: 'backlog-latency', reps: REPS }, async (server, rep) => {
    for (const { label, method, path } of REQUESTS) {
      const { ms, worst } = await withHealthChecks(server, method, path);
      figures.get(label)!.ms.push(ms);
      figures.get(label)!.worst.push(worst);
      progress(`rep ${rep}/${REPS}: ${label} ${fmtMs(ms)}, worst health during it ${fmtMs(worst)}`);
    }
  });
  for (const { label } of REQUESTS) {
    const { ms, worst } = figures.get(label)!;
    record({
      section: '5. Latency',
      measure: `worst health wait during a ${VERSIONS / 1000}k-version collection's ${label} vs the request (median of ${REPS})`,
      small: `request ${fmtMs(median(ms))}`,
      large: `health ${fmtMs(median(worst))}`,
      ratio: median(worst) / median(ms),
      target: 0.2,
    });
  }
  const restore = median(figures.get('restore')!.ms);
  const del = median(figures.get('delete')!.ms);
  record({
    section: '5. Latency',
    measure: `a ${VERSIONS / 1000}k-version collection's restore vs its delete (median of ${REPS})`,
    small: `delete ${fmtMs(del)}`,
    large: `restore ${fmtMs(restore)}`,
    ratio: restore / del,
    target: 2,
  });
}

export const backlogLatency: BenchSection = { name: 'backlog-latency', backends: ['sqlite', 'postgres-s3'], run: benchBacklogLatency };
