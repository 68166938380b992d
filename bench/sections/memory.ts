/**
 * Section 4: runs over a store of 1,000,000 blobs vs one of 10,000 (10 % garbage each), each in
 * its own child process (bench/gc-child.ts), three of each alternating, medians. Two lines: the run's own memory (its peak resident set
 * minus the resident set once the store is open, so the Node and SQLite base does not hide growth),
 * and the decide phase's time per garbage blob (the check that nothing counting references a
 * candidate, in the transaction that moves it).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GcRunFigures } from '../gc-run';
import { alternate, BLOB_BYTES, checkRun, copyStore, drop, GC, notes, phasesText, record, seedStore, type BenchSection } from '../harness';
import { countRows, smallFiles, writeBlobFiles, type BlobFile } from '../seed';
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

async function gcInChild(dataDir: string, warmUpDir: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/gc-child.ts', dataDir, warmUpDir], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`gc-child printed no result:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as ChildResult;
}

/** The run's own memory: what the process grew by, at its peak, over what it held once the store was open. */
const ownKb = (r: ChildResult) => Math.max(0, r.vmHwmKb - r.rssAfterOpenKb);

async function benchMemory(): Promise<void> {
  console.log(
    `\n== 4. A run over 1,000,000 blobs vs 10,000 (10% garbage each), each in a child process, ${REPS} of each alternating: its own memory and the decide phase per garbage blob ==`,
  );
  const sizes: { label: string; total: number; garbage: number; template: string; files: BlobFile[]; results: ChildResult[] }[] = [];
  for (const total of [10_000, 1_000_000]) {
    const label = total === 10_000 ? '10k blobs' : '1M blobs';
    const garbageBlobs = total / 10;
    const started = performance.now();
    const { dir, garbage } = await seedStore(`memory-${total}`, [
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
    const rows = countRows(dir);
    progress(
      `seeded ${label}: ${fmtInt(rows.blobs)} blob rows (${fmtInt(garbage.length)} garbage), ${fmtInt(rows.versions)} versions, ${rows.gcCandidates} gc_candidates, in ${fmtMs(performance.now() - started)}`,
    );
    sizes.push({ label, total, garbage: garbageBlobs, template: dir, files: garbage, results: [] });
  }
  const once = async (size: (typeof sizes)[number]) => {
    const rep = size.results.length + 1;
    const dir = copyStore(size.template, `memory-${size.total}-${rep}`);
    writeBlobFiles(dir, size.files);
    // Each child first runs GC on a small store of its own, so neither measured run is a cold start.
    const warm = await seedStore(`memory-warm-${size.total}-${rep}`, [
      { ...GC, name: 'warm', pendingDeletion: 100, committed: 100, files: smallFiles(GARBAGE_FILES, BLOB_BYTES) },
    ]);
    writeBlobFiles(warm.dir, warm.garbage);
    const result = await gcInChild(dir, warm.dir);
    drop(warm.dir);
    drop(dir);
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
  const [small, large] = sizes as [(typeof sizes)[number], (typeof sizes)[number]];
  await alternate(
    REPS,
    () => once(small),
    () => once(large),
  );
  for (const size of sizes) drop(size.template);
  const ownOf = (size: typeof small) => median(size.results.map(ownKb));
  const perBlobOf = (size: typeof small) => median(size.results.map((r) => r.phases.decideMs / size.garbage));
  const usText = (ms: number) => `${(ms * 1000).toFixed(1)} µs/blob`;
  progress(`own memory: 10k ${small.results.map((r) => fmtMb(ownKb(r))).join(', ')}; 1M ${large.results.map((r) => fmtMb(ownKb(r))).join(', ')}`);
  progress(
    `decide per blob: 10k ${small.results.map((r) => usText(r.phases.decideMs / small.garbage)).join(', ')}; 1M ${large.results.map((r) => usText(r.phases.decideMs / large.garbage)).join(', ')}`,
  );
  record({
    section: '4. Run at scale',
    measure: `the run's own memory (peak RSS minus RSS once open), 1M vs 10k blobs (median of ${REPS})`,
    small: fmtMb(ownOf(small)),
    large: fmtMb(ownOf(large)),
    ratio: ownOf(large) / Math.max(1, ownOf(small)),
    target: 1.5,
  });
  record({
    section: '4. Run at scale',
    measure: `decide phase time per garbage blob, 1M vs 10k blobs (100k vs 1k garbage, median of ${REPS})`,
    small: usText(perBlobOf(small)),
    large: usText(perBlobOf(large)),
    ratio: perBlobOf(large) / perBlobOf(small),
    target: 1.5,
  });
  const hwm = (size: typeof small) => median(size.results.map((r) => r.vmHwmKb));
  const runMs = (size: typeof small) => median(size.results.map((r) => r.runMs));
  notes.push(
    `Run at scale: whole-process peak RSS 10k ${fmtMb(hwm(small))}, 1M ${fmtMb(hwm(large))} (ratio ${(hwm(large) / hwm(small)).toFixed(2)}; ` +
      `the base of Node and the open store hides the run's growth, so the line above subtracts it). Run time (information): 10k ${fmtMs(runMs(small))}, 1M ${fmtMs(runMs(large))} for 100x the garbage.`,
  );
}

export const memory: BenchSection = { name: 'memory', run: benchMemory };
