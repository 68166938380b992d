/**
 * Section 5: a project with 100,000 versions pending deletion vs one with 1,000 (both with 1,000
 * live versions): the storage route and the pending-deletion list's first page on the real server
 * (a child process each), and a GC run purging them all. A route that answers an error is reported
 * as an ERROR line with its status and message; the other lines are still measured.
 */
import type { StoreBackend } from '../backend';
import { runGcOnce, type GcRunFigures } from '../gc-run';
import {
  alternate,
  BLOB_BYTES,
  checkRun,
  phasesText,
  record,
  recordError,
  seedTemplateOn,
  spread,
  type BenchSection,
  type SeededTemplate,
  type StoreCopy,
} from '../harness';
import { countRows, smallFiles } from '../seed';
import { startServer, type RunningServer } from '../server';
import { fmtInt, fmtMs, median, progress, timeMs } from '../stats';

const PROJECT = { entity: 'bench', project: 'backlog', type: 'dataset', name: 'shards' };
const LIVE = 1_000;
const PAGE = 50;
const REPS = 10;
const WARM_UPS = 3;

interface Store {
  label: string;
  pending: number;
  template: SeededTemplate;
  copy?: StoreCopy;
  server?: RunningServer;
}

/**
 * Versions pending deletion in the GC run's two stores. On PostgreSQL + S3 every purged blob is an
 * object first PUT into s3rver, then copied to the trash and deleted by the run, and its bucket
 * emptied afterwards: 100,000 of them would take longer than the rest of the section, so the run
 * compares 10,000 with 1,000 there (the routes still see 100,000).
 */
function runSizes(backend: StoreBackend): [number, number] {
  return backend.name === 'sqlite' ? [1_000, 100_000] : [1_000, 10_000];
}

const labelOf = (pending: number) => `${pending / 1000}k pending`;

async function seedBacklog(backend: StoreBackend, pending: number): Promise<Store> {
  const label = labelOf(pending);
  const started = performance.now();
  const template = await seedTemplateOn(backend, `backlog-${pending}`, [
    { ...PROJECT, pendingDeletion: pending, committed: LIVE, files: smallFiles(1, BLOB_BYTES), extraAliases: true },
  ]);
  const rows = countRows(template.dir);
  progress(
    `seeded ${label}: ${fmtInt(rows.versions)} versions (${fmtInt(rows.pendingDeletion)} pending deletion), ${fmtInt(rows.blobs)} blob rows, in ${fmtMs(performance.now() - started)}`,
  );
  return { label, pending, template };
}

const projectPath = `/api/v1/projects/${PROJECT.entity}/${PROJECT.project}`;
const ROUTES = {
  storage: `${projectPath}/storage`,
  pendingList: `${projectPath}/pending-deletion?limit=${PAGE}`,
};

/** The last line of the server's output that names an error (its stack follows it). */
function errorLine(output: string): string {
  const lines = output.split('\n').filter((l) => /\w*Error: /.test(l));
  return lines.at(-1)?.trim() ?? 'nothing about it';
}

/** One timed request; a status other than 200 throws with the contract error's code and message. */
async function timedGet(server: RunningServer, route: string, label: string): Promise<number> {
  let failure: Error | null = null;
  const ms = await timeMs(async () => {
    const res = await fetch(server.url + route);
    const text = await res.text();
    if (res.status !== 200) {
      let said = text.slice(0, 200);
      try {
        const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
        if (body.error) said = `${body.error.code}: ${body.error.message}`;
      } catch {
        // not JSON: the raw text says it
      }
      failure = new Error(`GET ${route} with ${label} answered ${res.status} (${said}); server log: ${errorLine(server.lastOutput())}`);
    }
  });
  if (failure) throw failure;
  return ms;
}

async function measureRoute(small: Required<Store>, large: Required<Store>, route: string): Promise<[number[], number[]]> {
  for (let i = 0; i < WARM_UPS; i++) for (const s of [small, large]) await timedGet(s.server, route, s.label);
  return alternate(
    REPS,
    () => timedGet(small.server, route, small.label),
    () => timedGet(large.server, route, large.label),
  );
}

async function benchPendingAtScale(backend: StoreBackend): Promise<void> {
  console.log('\n== 5. 100,000 versions pending deletion vs 1,000 (1,000 live each): storage route, pending list, a GC run ==');
  const stores: Store[] = [];
  const perVersion = (ms: number, s: Store) => `${((ms / s.pending) * 1000).toFixed(0)} µs/version`;
  try {
    for (const pending of [1_000, 100_000]) stores.push(await seedBacklog(backend, pending));
    const [small, large] = stores as [Required<Store>, Required<Store>];
    try {
      for (const s of stores) {
        s.copy = await s.template.copy(`backlog-serve-${s.pending}`);
        s.server = await startServer(s.copy.dir, s.copy.env);
      }
      const storage = { section: '5. 100k pending', measure: `storage route, per pending version (median of ${REPS})`, target: 1.5 };
      try {
        const [a, b] = await measureRoute(small, large, ROUTES.storage);
        progress(`storage route: 1k pending: ${spread(a)}; 100k pending: ${spread(b)}`);
        record({
          ...storage,
          small: `${fmtMs(median(a))}, ${perVersion(median(a), small)}`,
          large: `${fmtMs(median(b))}, ${perVersion(median(b), large)}`,
          ratio: median(b) / large.pending / (median(a) / small.pending),
        });
      } catch (error) {
        recordError(storage, error);
      }
      const list = { section: '5. 100k pending', measure: `pending-deletion list, first page of ${PAGE} (median of ${REPS})`, target: 1.5 };
      try {
        const [a, b] = await measureRoute(small, large, ROUTES.pendingList);
        progress(`pending list first page: 1k pending: ${spread(a)}; 100k pending: ${spread(b)}`);
        record({ ...list, small: fmtMs(median(a)), large: fmtMs(median(b)), ratio: median(b) / median(a) });
      } catch (error) {
        recordError(list, error);
      }
    } finally {
      for (const s of stores) await s.server?.stop();
      for (const s of stores) await s.copy?.drop();
    }

    const sizes = runSizes(backend);
    const scaled = sizes[1] !== 100_000;
    const run = {
      section: '5. 100k pending',
      measure: scaled
        ? `GC run purging them all, per version (one run each; scaled down on S3: ${labelOf(sizes[1])} vs ${labelOf(sizes[0])})`
        : 'GC run purging them all, per version (one run each)',
      target: 1.5,
    };
    try {
      const runStores: Store[] = [];
      for (const pending of sizes) {
        let s = stores.find((t) => t.pending === pending);
        if (!s) {
          s = await seedBacklog(backend, pending);
          stores.push(s);
        }
        runStores.push(s);
      }
      const [runSmall, runLarge] = runStores as [Store, Store];
      // One run of the small size first, so the measured small run is not the process's first.
      await runOnCopy(runSmall, 'backlog-warm-up', 'warm-up run');
      const runMs: number[] = [];
      for (const s of [runSmall, runLarge]) {
        const figures = await runOnCopy(s, `backlog-run-${s.pending}`, `${s.label} run`);
        progress(
          `${s.label} run: ${fmtMs(figures.runMs)} (${phasesText(figures.phases)}); decide ${((figures.phases.decideMs / s.template.garbage.length) * 1000).toFixed(0)} µs per blob`,
        );
        runMs.push(figures.runMs);
      }
      const [a, b] = runMs as [number, number];
      record({
        ...run,
        small: `${fmtMs(a)}, ${perVersion(a, runSmall)}`,
        large: `${fmtMs(b)}, ${perVersion(b, runLarge)}`,
        ratio: b / runLarge.pending / (a / runSmall.pending),
      });
    } catch (error) {
      recordError(run, error);
    }
  } finally {
    for (const s of stores) await s.template.drop();
  }
}

/** A GC run on a fresh copy of the store with its garbage written (files or objects), checked to have purged it all. */
async function runOnCopy(s: Store, label: string, what: string): Promise<GcRunFigures> {
  const copy = await s.template.copy(label);
  try {
    const written = performance.now();
    await copy.writeBlobs(s.template.garbage);
    if (copy.store) progress(`${what}: ${fmtInt(s.template.garbage.length)} objects PUT in ${fmtMs(performance.now() - written)}`);
    const figures = await runGcOnce(copy.dir, { env: copy.env });
    checkRun(figures, { versions: s.pending, blobs: s.template.garbage.length }, what);
    return figures;
  } finally {
    await copy.drop();
  }
}

export const pending100k: BenchSection = { name: 'pending-100k', backends: ['sqlite', 'postgres-s3'], run: benchPendingAtScale };
