/**
 * Child process of the memory benchmark: `node --import tsx bench/gc-child.ts <DATA_DIR>` opens the
 * store, runs garbage collection to completion and prints one JSON line with the run's figures and
 * this process's peak resident set size (VmHWM), so each store size is measured in its own process.
 */
import { procStatusKb } from './stats';
import { runGcOnce } from './gc-run';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node --import tsx bench/gc-child.ts <DATA_DIR>');
  process.exit(2);
}
let hwmAfterOpenKb = 0;
const figures = await runGcOnce(dataDir, () => {
  hwmAfterOpenKb = procStatusKb('self', 'VmHWM');
});
console.log(`RESULT ${JSON.stringify({ ...figures, hwmAfterOpenKb, vmHwmKb: procStatusKb('self', 'VmHWM') })}`);
