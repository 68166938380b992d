/**
 * Section 2: what a GC run costs against the least any purge could cost, removing the same files
 * with `unlink`, eight at a time as the engine moves and removes files (src/server/gc/engine.ts).
 * Two lines: the run as it runs by default (files go to the trash, emptied by a later run) and the
 * run with the trash emptied in the same run (GC_TRASH_RETENTION_SECONDS=0), which pays the
 * unlinks too: the real cost of getting rid of the files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { runGcOnce, type GcRunFigures } from '../gc-run';
import {
  BLOB_BYTES,
  checkRun,
  copyStore,
  drop,
  GC,
  inParallel,
  medianPhases,
  notes,
  phasesText,
  record,
  seedStore,
  spread,
  temp,
  type BenchSection,
} from '../harness';
import { blobPaths, smallFiles, writeBlobFiles, type BlobFile } from '../seed';
import { fmtInt, fmtMs, median, progress, timeMs } from '../stats';

const VERSIONS = 10_000;
const PER_VERSION = 5;
const REPS = 3;
/** The engine's parallelism for file moves and trash removal (`mapLimit(..., 8, ...)` in engine.ts). */
const PARALLEL = 8;
const EMPTY_TRASH = { GC_TRASH_RETENTION_SECONDS: '0' };

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  try {
    for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) n++;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return n;
}

async function unlinkAll(root: string, blobs: BlobFile[]): Promise<number> {
  const paths = blobPaths(root, blobs);
  return timeMs(() => inParallel(paths, PARALLEL, (p) => fs.unlink(p)));
}

/**
 * The least any run that keeps the trash can cost: each file renamed into a trash directory laid
 * out as the engine's (`trash/<entity>/<digest>.<generation>`), then unlinked from there, both
 * eight at a time, with no database work. Printed beside the second line: that line's run does
 * these two operations per file against the baseline's one, so its ratio cannot go below this.
 */
async function renameThenUnlink(root: string, blobs: BlobFile[]): Promise<number> {
  const paths = blobPaths(root, blobs);
  const trashed = blobs.map((b) => path.join(root, 'trash', b.entity, `${b.digest}.${b.generation}`));
  return timeMs(async () => {
    for (const dir of new Set(trashed.map((t) => path.dirname(t)))) await fs.mkdir(dir, { recursive: true });
    await inParallel([...paths.keys()], PARALLEL, (i) => fs.rename(paths[i]!, trashed[i]!));
    await inParallel(trashed, PARALLEL, (t) => fs.unlink(t));
  });
}

/** Where the files of a finished run are: all in the trash, or (trash emptied) nowhere. */
async function checkFiles(dataDir: string, expectedInTrash: number, what: string): Promise<void> {
  const [inTrash, leftInBlobs] = await Promise.all([countFiles(path.join(dataDir, 'trash')), countFiles(path.join(dataDir, 'blobs'))]);
  if (inTrash !== expectedInTrash || leftInBlobs !== 0)
    throw new Error(`${what}: ${leftInBlobs} files left in blobs/ and ${inTrash} in trash/ (expected ${expectedInTrash})`);
}

async function benchPurge(): Promise<void> {
  console.log(`\n== 2. Purge cost vs plain unlink (${PARALLEL} at a time): 10,000 versions pending deletion, 50,000 distinct blobs of 256 bytes ==`);
  const seeded = performance.now();
  const template = await seedStore('purge-template', [
    { ...GC, name: 'shards', pendingDeletion: VERSIONS, committed: 0, files: smallFiles(PER_VERSION, BLOB_BYTES) },
  ]);
  const blobs = template.garbage;
  progress(`seeded template: ${fmtInt(VERSIONS)} versions pending deletion, ${fmtInt(blobs.length)} blobs, in ${fmtMs(performance.now() - seeded)}`);

  // Warm-up: a small run of each kind and a small unlink (JIT, module loading, first-use costs).
  {
    const warm = await seedStore('purge-warm', [{ ...GC, name: 'warm', pendingDeletion: 200, committed: 20, files: smallFiles(PER_VERSION, BLOB_BYTES) }]);
    const warmEmpty = copyStore(warm.dir, 'purge-warm-empty');
    const plain = temp('unlink-warm');
    for (const dir of [warm.dir, warmEmpty, plain]) writeBlobFiles(dir, warm.garbage);
    checkRun(await runGcOnce(warm.dir), { versions: 200, blobs: 1000 }, 'warm-up run');
    checkRun(await runGcOnce(warmEmpty, { env: EMPTY_TRASH }), { versions: 200, blobs: 1000 }, 'warm-up run emptying the trash');
    await unlinkAll(plain, warm.garbage);
    const renamed = temp('rename-unlink-warm');
    writeBlobFiles(renamed, warm.garbage);
    await renameThenUnlink(renamed, warm.garbage);
    for (const dir of [warm.dir, warmEmpty, plain, renamed]) drop(dir);
  }

  const kept: GcRunFigures[] = [];
  const emptied: GcRunFigures[] = [];
  const unlinkMs: number[] = [];
  const floorMs: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const keepDir = copyStore(template.dir, `purge-${rep}`);
    const emptyDir = copyStore(template.dir, `purge-empty-${rep}`);
    const plain = temp(`unlink-${rep}`);
    const renamed = temp(`rename-unlink-${rep}`);
    for (const dir of [keepDir, emptyDir, plain, renamed]) writeBlobFiles(dir, blobs);
    const steps = [
      async () => {
        const figures = await runGcOnce(keepDir);
        checkRun(figures, { versions: VERSIONS, blobs: blobs.length }, `purge run ${rep + 1}`);
        await checkFiles(keepDir, blobs.length, `purge run ${rep + 1}`);
        kept.push(figures);
      },
      async () => {
        const figures = await runGcOnce(emptyDir, { env: EMPTY_TRASH });
        checkRun(figures, { versions: VERSIONS, blobs: blobs.length }, `purge run ${rep + 1} emptying the trash`);
        await checkFiles(emptyDir, 0, `purge run ${rep + 1} emptying the trash`);
        emptied.push(figures);
      },
      async () => {
        unlinkMs.push(await unlinkAll(plain, blobs));
      },
      async () => {
        floorMs.push(await renameThenUnlink(renamed, blobs));
      },
    ];
    // Rotate the order so drifting machine load hits all four alike.
    for (let i = 0; i < steps.length; i++) await steps[(i + rep) % steps.length]!();
    progress(`rep ${rep + 1}/${REPS}: run ${fmtMs(kept.at(-1)!.runMs)} (${phasesText(kept.at(-1)!.phases)})`);
    progress(
      `rep ${rep + 1}/${REPS}: run emptying the trash ${fmtMs(emptied.at(-1)!.runMs)} (${phasesText(emptied.at(-1)!.phases)}); unlink ${fmtMs(unlinkMs.at(-1)!)}; rename then unlink ${fmtMs(floorMs.at(-1)!)}`,
    );
    for (const dir of [keepDir, emptyDir, plain, renamed]) drop(dir);
  }
  drop(template.dir);
  const keptMs = kept.map((f) => f.runMs);
  const emptiedMs = emptied.map((f) => f.runMs);
  const u = median(unlinkMs);
  const perBlob = (ms: number) => `${((ms / blobs.length) * 1000).toFixed(0)} µs`;
  progress(`run: ${spread(keptMs)}; run emptying the trash: ${spread(emptiedMs)}; unlink: ${spread(unlinkMs)}`);
  progress(`per blob: run ${perBlob(median(keptMs))}, run emptying the trash ${perBlob(median(emptiedMs))}, unlink ${perBlob(u)}`);
  progress(`run phases (medians): ${phasesText(medianPhases(kept.map((f) => f.phases)))}`);
  progress(`run emptying the trash, phases (medians; "other" is mostly emptying the trash): ${phasesText(medianPhases(emptied.map((f) => f.phases)))}`);
  const floor = median(floorMs);
  progress(`rename then unlink (no database work): ${spread(floorMs)}, ${(floor / u).toFixed(2)} x the unlinks`);
  notes.push(
    `Purge: renaming the ${fmtInt(blobs.length)} files into a trash directory and then unlinking them, ${PARALLEL} at a time and with no database work, took ${fmtMs(floor)}, ` +
      `${(floor / u).toFixed(2)} x the baseline: the least the second line's run (which does both) could reach (decision 126).`,
  );
  notes.push(
    `Purge: the baseline unlinks the same ${fmtInt(blobs.length)} files ${PARALLEL} at a time, as the engine moves them. The first line's run moves each file to DATA_DIR/trash (a rename) and leaves it there for GC_TRASH_RETENTION_SECONDS; the second line's run (GC_TRASH_RETENTION_SECONDS=0) also removes them from the trash, so it pays the unlinks too.`,
  );
  // Ratio columns: "small" is the baseline (unlink), "large" the thing measured (the run).
  const measure = (what: string) => `${what} vs unlink x${PARALLEL}, ${fmtInt(blobs.length)} blobs (median of ${REPS})`;
  record({
    section: '2. Purge',
    measure: measure('GC run (files to trash)'),
    small: `unlink ${fmtMs(u)}`,
    large: `run ${fmtMs(median(keptMs))}`,
    ratio: median(keptMs) / u,
    target: 2,
  });
  record({
    section: '2. Purge',
    measure: measure('GC run emptying the trash'),
    small: `unlink ${fmtMs(u)}`,
    large: `run ${fmtMs(median(emptiedMs))}`,
    ratio: median(emptiedMs) / u,
    target: 2,
  });
}

export const purge: BenchSection = { name: 'purge', run: benchPurge };
