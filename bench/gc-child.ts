/**
 * Child process of the memory benchmark: `node --import tsx bench/gc-child.ts <DATA_DIR>` opens the
 * store, runs garbage collection to completion and prints one JSON line with the run's figures and
 * this process's memory, so each store size is measured in its own process: the resident set once
 * the store is open, and the peak (VmHWM) during the run. The peak is reset once the store is open
 * (writing 5 to /proc/self/clear_refs, Linux 4.0+), so a transient peak while opening is not
 * counted as the run's; `hwmReset` says whether that worked. With a second DATA_DIR, a warm-up run
 * goes there first, so the measured run is not the process's first (JIT, first-use costs).
 */
import { writeFileSync } from 'node:fs';
import { procStatusKb } from './stats';
import { runGcOnce } from './gc-run';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node --import tsx bench/gc-child.ts <DATA_DIR> [<warm-up DATA_DIR>]');
  process.exit(2);
}
const warmUpDir = process.argv[3];
if (warmUpDir) await runGcOnce(warmUpDir);
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
const figures = await runGcOnce(dataDir, {
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
};
console.log(`RESULT ${JSON.stringify({ ...figures, ...sampled, rssAfterOpenKb, hwmAfterOpenKb, hwmReset, vmHwmKb: procStatusKb('self', 'VmHWM') })}`);
