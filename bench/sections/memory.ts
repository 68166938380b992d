/**
 * Section 4: runs over a store of 1,000,000 blobs vs one of 10,000 (10 % garbage each), each in
 * its own child process (bench/gc-child.ts), three of each alternating, medians. Two lines: the run's own memory (its peak resident set
 * minus the resident set once the store is open, so the Node and SQLite base does not hide growth),
 * and the decide phase's time per garbage blob (the check that nothing counting references a
 * candidate, in the transaction that moves it). On PostgreSQL + S3 the stores are a tenth of that,
 * twice each (`scaleOn`), and the memory is the GC process's own, not the database server's.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { StoreBackend } from '../backend';
import type { GcRunFigures } from '../gc-run';
import {
  alternate,
  BLOB_BYTES,
  checkRun,
  GC,
  notes,
  phasesText,
  record,
  seedTemplateOn,
  type BenchSection,
  type SeededTemplate,
  type StoreCopy,
} from '../harness';
import { countRows, smallFiles } from '../seed';
import { projectRoot } from '../server';
import { fmtInt, fmtMb, fmtMs, median, progress } from '../stats';

interface ChildResult extends GcRunFigures {
  rssAfterOpenKb: number;
  hwmAfterOpenKb: number;
  hwmReset: boolean;
  vmHwmKb: number;
  /** Sampled every 20 ms during the run (process.memoryUsage()). */
  heapTotalAtOpenKb: number;
  peakHeapTotalKb: number;
  peakHeapUsedKb: number;
  externalAtOpenKb: number;
  peakExternalKb: number;
  /** V8's young generation: resident before the warming allocations, once open, at the end; reserved size. */
  newSpaceBeforeWarmingKb: number;
  newSpaceAtOpenKb: number;
  newSpaceAtEndKb: number;
  newSpaceSizeKb: number;
}

const LIVE_FILES = 10;
const GARBAGE_FILES = 5;
/** Runs of each size, alternating which goes first: one run each swung the ratios from 3.9 to 10.8 (memory) and 2.09 to 0.77 (decide) between two benches an hour apart. */
const REPS = 3;

/**
 * The two store sizes and the repetitions on each backend. On PostgreSQL + S3 every garbage blob
 * is an object PUT into the copy's bucket before each run, then copied to the trash and deleted
 * by the run, and the bucket emptied afterwards (a few hundred requests a second on the bench's
 * shared cores), and a copy's rows are three per blob: the stores are a tenth of SQLite's there
 * (100,000 vs 10,000 blobs, so 10,000 vs 1,000 garbage objects a run) and each size runs twice,
 * which keeps the section to about a quarter of an hour.
 */
function scaleOn(backend: StoreBackend): { sizes: [number, number]; reps: number; scaled: boolean } {
  return backend.name === 'sqlite' ? { sizes: [10_000, 1_000_000], reps: REPS, scaled: false } : { sizes: [10_000, 100_000], reps: 2, scaled: true };
}

const countText = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

/**
 * One GC run in a child process over `copy`, after a warm-up run over `warm`. The stores'
 * server variables go to the child as JSON (bench/gc-child.ts): on PostgreSQL + S3 each names its
 * schema and bucket, as `copy.env` does for the sections' servers.
 */
async function gcInChild(copy: StoreCopy, warm: StoreCopy): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/gc-child.ts', copy.dir, warm.dir], {
    cwd: projectRoot,
    env: { ...process.env, GC_CHILD_ENV: JSON.stringify(copy.env), GC_CHILD_WARM_ENV: JSON.stringify(warm.env) },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`gc-child printed no result:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as ChildResult;
}

/** The run's own memory: what the process grew by, at its peak, over what it held once the store was open. */
const ownKb = (r: ChildResult) => Math.max(0, r.vmHwmKb - r.rssAfterOpenKb);

interface Size {
  label: string;
  total: number;
  garbage: number;
  template: SeededTemplate;
  results: ChildResult[];
}

async function benchMemory(backend: StoreBackend): Promise<void> {
  const { sizes: totals, reps, scaled } = scaleOn(backend);
  const [smallTotal, largeTotal] = totals;
  console.log(
    `\n== 4. A run over ${fmtInt(largeTotal)} blobs vs ${fmtInt(smallTotal)} (10% garbage each${scaled ? ', scaled down on S3' : ''}), each in a child process, ${reps} of each alternating: its own memory and the decide phase per garbage blob ==`,
  );
  const sizes: Size[] = [];
  let warmTemplate: SeededTemplate | null = null;
  try {
    for (const total of totals) {
      const label = `${countText(total)} blobs`;
      const garbageBlobs = total / 10;
      const started = performance.now();
      const template = await seedTemplateOn(backend, `memory-${total}`, [
        {
          ...GC,
          name: 'live-shards',
          pendingDeletion: 0,
          committed: (total - garbageBlobs) / LIVE_FILES,
          files: smallFiles(LIVE_FILES, BLOB_BYTES),
          extraAliases: true,
        },
        { ...GC, name: 'old-shards', pendingDeletion: garbageBlobs / GARBAGE_FILES, committed: 0, files: smallFiles(GARBAGE_FILES, BLOB_BYTES) },
      ]);
      sizes.push({ label, total, garbage: garbageBlobs, template, results: [] });
      const rows = countRows(template.dir);
      progress(
        `seeded ${label}: ${fmtInt(rows.blobs)} blob rows (${fmtInt(template.garbage.length)} garbage), ${fmtInt(rows.versions)} versions, ${rows.gcCandidates} gc_candidates, in ${fmtMs(performance.now() - started)}`,
      );
    }
    // Each child first runs GC on a small store of its own, so neither measured run is a cold start.
    warmTemplate = await seedTemplateOn(backend, 'memory-warm', [
      { ...GC, name: 'warm', pendingDeletion: 100, committed: 100, files: smallFiles(GARBAGE_FILES, BLOB_BYTES) },
    ]);
    const warmFrom = warmTemplate;
    const once = async (size: Size) => {
      const rep = size.results.length + 1;
      const copy = await size.template.copy(`memory-${size.total}-${rep}`);
      const warm = await warmFrom.copy(`memory-warm-${size.total}-${rep}`);
      let result: ChildResult;
      try {
        const written = performance.now();
        await copy.writeBlobs(size.template.garbage);
        if (copy.store)
          progress(`${size.label} rep ${rep}: ${fmtInt(size.template.garbage.length)} garbage objects PUT in ${fmtMs(performance.now() - written)}`);
        await warm.writeBlobs(warmFrom.garbage);
        result = await gcInChild(copy, warm);
      } finally {
        await warm.drop();
        await copy.drop();
      }
      checkRun(result, { versions: size.garbage / GARBAGE_FILES, blobs: size.garbage }, `${size.label} run ${rep}`);
      const { label, garbage } = size;
      progress(
        `${label} rep ${rep}: RSS once open ${fmtMb(result.rssAfterOpenKb)}, peak during the run ${fmtMb(result.vmHwmKb)}` +
          `${result.hwmReset ? '' : ' (peak could not be reset after opening: it includes the opening)'}, the run's own ${fmtMb(ownKb(result))}; ` +
          `V8 heap ${fmtMb(result.heapTotalAtOpenKb)} once open, peak ${fmtMb(result.peakHeapTotalKb)} (${fmtMb(result.peakHeapUsedKb)} in use); ` +
          `young generation resident ${fmtMb(result.newSpaceBeforeWarmingKb)} before warming, ${fmtMb(result.newSpaceAtOpenKb)} once open, ${fmtMb(result.newSpaceAtEndKb)} at the end (of ${fmtMb(result.newSpaceSizeKb)})`,
      );
      progress(
        `${label} rep ${rep}: run ${fmtMs(result.runMs)} (${phasesText(result.phases)}); decide ${((result.phases.decideMs / garbage) * 1000).toFixed(1)} µs per garbage blob`,
      );
      size.results.push(result);
      return 0;
    };
    const [small, large] = sizes as [Size, Size];
    await alternate(
      reps,
      () => once(small),
      () => once(large),
    );
    report(backend, small, large, reps, scaled);
  } finally {
    await warmTemplate?.drop();
    for (const size of sizes) await size.template.drop();
  }
}

function report(backend: StoreBackend, small: Size, large: Size, reps: number, scaled: boolean): void {
  const ownOf = (size: Size) => median(size.results.map(ownKb));
  const perBlobOf = (size: Size) => median(size.results.map((r) => r.phases.decideMs / size.garbage));
  const usText = (ms: number) => `${(ms * 1000).toFixed(1)} µs/blob`;
  progress(
    `own memory: ${small.label} ${small.results.map((r) => fmtMb(ownKb(r))).join(', ')}; ${large.label} ${large.results.map((r) => fmtMb(ownKb(r))).join(', ')}`,
  );
  progress(
    `decide per blob: ${small.label} ${small.results.map((r) => usText(r.phases.decideMs / small.garbage)).join(', ')}; ` +
      `${large.label} ${large.results.map((r) => usText(r.phases.decideMs / large.garbage)).join(', ')}`,
  );
  const sizesText = `${countText(large.total)} vs ${countText(small.total)} blobs`;
  const garbageText = scaled
    ? `${countText(large.garbage)} vs ${countText(small.garbage)} garbage objects PUT into the copy's bucket before each run; scaled down on S3, median of ${reps}`
    : `${countText(large.garbage)} vs ${countText(small.garbage)} garbage, median of ${reps}`;
  record({
    section: '4. Run at scale',
    measure: scaled
      ? `the Node process's own memory (peak RSS minus RSS once open; its pg pool and S3 SDK, not PostgreSQL's server processes), ${sizesText} (scaled down on S3, median of ${reps})`
      : `the run's own memory (peak RSS minus RSS once open), ${sizesText} (median of ${reps})`,
    small: fmtMb(ownOf(small)),
    large: fmtMb(ownOf(large)),
    ratio: ownOf(large) / Math.max(1, ownOf(small)),
    target: 1.5,
  });
  record({
    section: '4. Run at scale',
    measure: `decide phase time per garbage blob, ${sizesText} (${garbageText})`,
    small: usText(perBlobOf(small)),
    large: usText(perBlobOf(large)),
    ratio: perBlobOf(large) / perBlobOf(small),
    target: 1.5,
  });
  const hwm = (size: Size) => median(size.results.map((r) => r.vmHwmKb));
  const runMs = (size: Size) => median(size.results.map((r) => r.runMs));
  const where = scaled ? ` on ${backend.label} (the GC process alone; PostgreSQL's and s3rver's processes are not counted)` : '';
  notes.push(
    `Run at scale${where}: whole-process peak RSS ${small.label} ${fmtMb(hwm(small))}, ${large.label} ${fmtMb(hwm(large))} (ratio ${(hwm(large) / hwm(small)).toFixed(2)}; ` +
      `the base of Node and the open store hides the run's growth, so the line above subtracts it). ` +
      `Run time (information): ${small.label} ${fmtMs(runMs(small))}, ${large.label} ${fmtMs(runMs(large))} for ${large.total / small.total}x the garbage.`,
  );
}

export const memory: BenchSection = { name: 'memory', backends: ['sqlite', 'postgres-s3'], run: benchMemory };
