/**
 * Section 4: one run over a store of 1,000,000 blobs vs one of 10,000 (10 % garbage each), each in
 * its own child process (bench/gc-child.ts). Two lines: the run's own memory (its peak resident set
 * minus the resident set once the store is open, so the Node and SQLite base does not hide growth),
 * and the decide phase's time per garbage blob (the check that nothing counting references a
 * candidate, in the transaction that moves it).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GcRunFigures } from '../gc-run';
import { BLOB_BYTES, checkRun, drop, GC, notes, phasesText, record, seedStore, type BenchSection } from '../harness';
import { countRows, smallFiles, writeBlobFiles } from '../seed';
import { projectRoot } from '../server';
import { fmtInt, fmtMb, fmtMs, progress } from '../stats';

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
}

const LIVE_FILES = 10;
const GARBAGE_FILES = 5;

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
    '\n== 4. A run over 1,000,000 blobs vs 10,000 (10% garbage each), each in a child process: its own memory and the decide phase per garbage blob ==',
  );
  const out: { label: string; garbage: number; result: ChildResult }[] = [];
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
    writeBlobFiles(dir, garbage);
    const rows = countRows(dir);
    progress(
      `seeded ${label}: ${fmtInt(rows.blobs)} blob rows (${fmtInt(garbage.length)} garbage, with files), ${fmtInt(rows.versions)} versions, ${rows.gcCandidates} gc_candidates, in ${fmtMs(performance.now() - started)}`,
    );
    // Each child first runs GC on a small store of its own, so neither measured run is a cold start.
    const warm = await seedStore(`memory-warm-${total}`, [
      { ...GC, name: 'warm', pendingDeletion: 100, committed: 100, files: smallFiles(GARBAGE_FILES, BLOB_BYTES) },
    ]);
    writeBlobFiles(warm.dir, warm.garbage);
    const result = await gcInChild(dir, warm.dir);
    drop(warm.dir);
    checkRun(result, { versions: garbageBlobs / GARBAGE_FILES, blobs: garbageBlobs }, `${label} run`);
    progress(
      `${label}: RSS once open ${fmtMb(result.rssAfterOpenKb)} (peak while opening ${fmtMb(result.hwmAfterOpenKb)}), peak during the run ${fmtMb(result.vmHwmKb)}` +
        `${result.hwmReset ? '' : ' (peak could not be reset after opening: it includes the opening)'}, the run's own ${fmtMb(ownKb(result))}`,
    );
    progress(
      `${label}: V8 heap ${fmtMb(result.heapTotalAtOpenKb)} once open, peak ${fmtMb(result.peakHeapTotalKb)} (${fmtMb(result.peakHeapUsedKb)} in use); ` +
        `buffers ${fmtMb(result.externalAtOpenKb)} once open, peak ${fmtMb(result.peakExternalKb)}; the rest of the growth is native (SQLite page cache and temporary b-trees)`,
    );
    progress(
      `${label}: run ${fmtMs(result.runMs)} (${phasesText(result.phases)}); decide ${((result.phases.decideMs / garbageBlobs) * 1000).toFixed(1)} µs per garbage blob`,
    );
    out.push({ label, garbage: garbageBlobs, result });
    drop(dir);
  }
  const [small, large] = out as [(typeof out)[number], (typeof out)[number]];
  record({
    section: '4. Run at scale',
    measure: "the run's own memory (peak RSS minus RSS once open), 1M vs 10k blobs",
    small: fmtMb(ownKb(small.result)),
    large: fmtMb(ownKb(large.result)),
    ratio: ownKb(large.result) / Math.max(1, ownKb(small.result)),
    target: 1.5,
  });
  const perBlob = (o: typeof small) => o.result.phases.decideMs / o.garbage;
  const usText = (ms: number) => `${(ms * 1000).toFixed(1)} µs/blob`;
  record({
    section: '4. Run at scale',
    measure: 'decide phase time per garbage blob, 1M vs 10k blobs (100k vs 1k garbage)',
    small: usText(perBlob(small)),
    large: usText(perBlob(large)),
    ratio: perBlob(large) / perBlob(small),
    target: 1.5,
  });
  notes.push(
    `Run at scale: whole-process peak RSS 10k ${fmtMb(small.result.vmHwmKb)}, 1M ${fmtMb(large.result.vmHwmKb)} (ratio ${(large.result.vmHwmKb / small.result.vmHwmKb).toFixed(2)}; ` +
      `the base of Node and the open store hides the run's growth, so the line above subtracts it). Run time (information): 10k ${fmtMs(small.result.runMs)}, 1M ${fmtMs(large.result.runMs)} for 100x the garbage.`,
  );
}

export const memory: BenchSection = { name: 'memory', run: benchMemory };
