/**
 * Child process of the memory benchmark: `node --import tsx bench/gc-child.ts <DATA_DIR>` opens the
 * store, runs garbage collection to completion and prints one JSON line with the run's figures and
 * this process's memory, so each store size is measured in its own process: the resident set once
 * the store is open, and the peak (VmHWM) during the run. The peak is reset once the store is open
 * (writing 5 to /proc/self/clear_refs, Linux 4.0+), so a transient peak while opening is not
 * counted as the run's; `hwmReset` says whether that worked. With a second DATA_DIR, a warm-up run
 * goes there first, so the measured run is not the process's first (JIT, first-use costs); then
 * short-lived allocations make V8's young generation resident, as in a server that has been up a
 * while (see below).
 *
 * On PostgreSQL + S3 each DATA_DIR's store is also named by server variables (DATABASE_URL, the
 * bucket's BLOB_STORE_URL and credentials), passed as JSON in GC_CHILD_ENV (the measured store) and
 * GC_CHILD_WARM_ENV (the warm-up's): two stores, so one process environment cannot hold both. The
 * resident set measured is then this Node process's alone (its `pg` pool, the S3 SDK), not
 * PostgreSQL's server processes or s3rver's.
 */
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { procStatusKb } from './stats';
import { runGcOnce } from './gc-run';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node --import tsx bench/gc-child.ts <DATA_DIR> [<warm-up DATA_DIR>]');
  process.exit(2);
}
const warmUpDir = process.argv[3];
const envOf = (name: string): Record<string, string> => JSON.parse(process.env[name] ?? '{}') as Record<string, string>;
if (warmUpDir) await runGcOnce(warmUpDir, { env: envOf('GC_CHILD_WARM_ENV') });
// V8's young generation is reserved at its full size (two 16 MB semi-spaces) by the time the
// store is open, but only the pages allocation has reached are resident. A server that has been
// up a while has been through all of them; this fresh process has not, so any run allocating more
// than ~32 MB in all (every run over a big store) would count the rest of V8's fixed young
// generation as its own, and a short run would not: the ratio would measure run length against a
// V8 constant, not growth with the store (decision 126). Short-lived allocations bring the process
// to a long-lived server's state; `newSpace*` in the result shows it.
const youngAtStart = newSpaceKb();
{
  let scratch: { i: number }[] = [];
  for (let i = 0; i < 4_000_000; i++) {
    scratch.push({ i });
    if (scratch.length === 1000) scratch = [];
  }
}
/** Resident and reserved size of V8's young generation. */
function newSpaceKb(): { physicalKb: number; sizeKb: number } {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return { physicalKb: (space?.physical_space_size ?? 0) / 1024, sizeKb: (space?.space_size ?? 0) / 1024 };
}

// Where the memory is, sampled during the run: the V8 heap (JavaScript objects), buffers, and the
// rest of the resident set (SQLite's page cache and temporary b-trees, code, stacks).
const peak = { rssKb: 0, heapTotalKb: 0, heapUsedKb: 0, externalKb: 0 };
let sampler: NodeJS.Timeout | null = null;
function sample(): void {
  const m = process.memoryUsage();
  peak.rssKb = Math.max(peak.rssKb, m.rss / 1024);
  peak.heapTotalKb = Math.max(peak.heapTotalKb, m.heapTotal / 1024);
  peak.heapUsedKb = Math.max(peak.heapUsedKb, m.heapUsed / 1024);
  peak.externalKb = Math.max(peak.externalKb, m.external / 1024);
}
let atOpen = process.memoryUsage();
let rssAfterOpenKb = 0;
let hwmAfterOpenKb = 0;
let hwmReset = false;
let youngAtOpen = newSpaceKb();
const figures = await runGcOnce(dataDir, {
  env: envOf('GC_CHILD_ENV'),
  onOpened: () => {
    hwmAfterOpenKb = procStatusKb('self', 'VmHWM');
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      hwmReset = true;
    } catch {
      hwmReset = false;
    }
    rssAfterOpenKb = procStatusKb('self', 'VmRSS');
    atOpen = process.memoryUsage();
    youngAtOpen = newSpaceKb();
    sampler = setInterval(sample, 20);
  },
});
if (sampler) clearInterval(sampler);
sample();
const sampled = {
  heapTotalAtOpenKb: atOpen.heapTotal / 1024,
  peakHeapTotalKb: peak.heapTotalKb,
  peakHeapUsedKb: peak.heapUsedKb,
  externalAtOpenKb: atOpen.external / 1024,
  peakExternalKb: peak.externalKb,
  newSpaceBeforeWarmingKb: youngAtStart.physicalKb,
  newSpaceAtOpenKb: youngAtOpen.physicalKb,
  newSpaceSizeKb: youngAtOpen.sizeKb,
  newSpaceAtEndKb: newSpaceKb().physicalKb,
};
console.log(`RESULT ${JSON.stringify({ ...figures, ...sampled, rssAfterOpenKb, hwmAfterOpenKb, hwmReset, vmHwmKb: procStatusKb('self', 'VmHWM') })}`);
