/**
 * Section 5: a project with 100,000 versions pending deletion vs one with 1,000 (both with 1,000
 * live versions): the storage route and the pending-deletion list's first page on the real server
 * (a child process each), and a GC run purging them all. A route that answers an error is reported
 * as an ERROR line with its status and message; the other lines are still measured.
 */
import { runGcOnce } from '../gc-run';
import { alternate, BLOB_BYTES, checkRun, copyStore, drop, phasesText, record, recordError, seedStore, spread, type BenchSection } from '../harness';
import { countRows, smallFiles, writeBlobFiles, type BlobFile } from '../seed';
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
  dir: string;
  garbage: BlobFile[];
  server?: RunningServer;
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

async function benchPendingAtScale(): Promise<void> {
  console.log('\n== 5. 100,000 versions pending deletion vs 1,000 (1,000 live each): storage route, pending list, a GC run ==');
  const stores: Store[] = [];
  for (const pending of [1_000, 100_000]) {
    const label = pending === 1_000 ? '1k pending' : '100k pending';
    const started = performance.now();
    const { dir, garbage } = await seedStore(`backlog-${pending}`, [
      { ...PROJECT, pendingDeletion: pending, committed: LIVE, files: smallFiles(1, BLOB_BYTES), extraAliases: true },
    ]);
    const rows = countRows(dir);
    progress(
      `seeded ${label}: ${fmtInt(rows.versions)} versions (${fmtInt(rows.pendingDeletion)} pending deletion), ${fmtInt(rows.blobs)} blob rows, in ${fmtMs(performance.now() - started)}`,
    );
    stores.push({ label, pending, dir, garbage });
  }
  // The runs work on copies taken before any server opens the stores.
  const runDirs = stores.map((s) => copyStore(s.dir, `backlog-run-${s.pending}`));
  const warmDir = copyStore(stores[0]!.dir, 'backlog-warm-up');
  const [small, large] = stores as [Required<Store>, Required<Store>];
  const perVersion = (ms: number, s: Store) => `${((ms / s.pending) * 1000).toFixed(0)} µs/version`;
  try {
    for (const s of stores) s.server = await startServer(s.dir);
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
    for (const s of stores) drop(s.dir);
  }

  const run = { section: '5. 100k pending', measure: 'GC run purging them all, per version (one run each)', target: 1.5 };
  try {
    // A warm-up run on a copy of the small store, so the measured small run is not the process's first.
    writeBlobFiles(warmDir, small.garbage);
    checkRun(await runGcOnce(warmDir), { versions: small.pending, blobs: small.garbage.length }, 'warm-up run');
    const runMs: number[] = [];
    for (const [i, s] of stores.entries()) {
      const dir = runDirs[i]!;
      writeBlobFiles(dir, s.garbage);
      const figures = await runGcOnce(dir);
      checkRun(figures, { versions: s.pending, blobs: s.garbage.length }, `${s.label} run`);
      progress(
        `${s.label} run: ${fmtMs(figures.runMs)} (${phasesText(figures.phases)}); decide ${((figures.phases.decideMs / s.garbage.length) * 1000).toFixed(0)} µs per blob`,
      );
      runMs.push(figures.runMs);
      drop(dir);
    }
    const [a, b] = runMs as [number, number];
    record({
      ...run,
      small: `${fmtMs(a)}, ${perVersion(a, small)}`,
      large: `${fmtMs(b)}, ${perVersion(b, large)}`,
      ratio: b / large.pending / (a / small.pending),
    });
  } catch (error) {
    recordError(run, error);
  } finally {
    for (const dir of [...runDirs, warmDir]) drop(dir);
  }
}

export const pending100k: BenchSection = { name: 'pending-100k', run: benchPendingAtScale };
