/**
 * Section 2: what a GC run costs against the least any purge could cost, removing the same files
 * with `unlink`, eight at a time as the engine moves and removes files (src/server/gc/engine.ts).
 * Two lines: the run as it runs by default (files go to the trash, emptied by a later run) and the
 * run with GC_TRASH_RETENTION_SECONDS=0, which deletes each file at once (one unlink or DeleteObject,
 * decision 184): the real cost of getting rid of the files.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CopyObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { BenchStore, StoreBackend } from '../backend';
import { runGcOnce, type GcRunFigures } from '../gc-run';
import {
  BLOB_BYTES,
  checkRun,
  GC,
  inParallel,
  medianPhases,
  notes,
  phasesText,
  record,
  seedTemplateOn,
  spread,
  type BenchSection,
  type StoreCopy,
} from '../harness';
import { blobKey, countObjects, deleteBlobObjects } from '../postgres-s3-store';
import { blobPaths, smallFiles, type BlobFile } from '../seed';
import { fmtInt, fmtMs, median, progress, timeMs } from '../stats';

const VERSIONS = 10_000;
/**
 * On PostgreSQL + S3 every blob of every repetition is first PUT into s3rver (four copies of the
 * store a repetition: two runs, the baseline and the floor), so the section purges a tenth there:
 * 1,000 versions, 5,000 objects.
 */
const S3_VERSIONS = 1_000;
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

/** The baseline: each blob removed on its own, PARALLEL at a time: `unlink` of its file, or DeleteObject of its key. */
async function unlinkAll(copy: StoreCopy, blobs: BlobFile[]): Promise<number> {
  if (copy.store) {
    const store = copy.store;
    return timeMs(() => deleteBlobObjects(store, blobs, PARALLEL));
  }
  const paths = blobPaths(copy.dir, blobs);
  return timeMs(() => inParallel(paths, PARALLEL, (p) => fs.unlink(p)));
}

/**
 * What a run that goes through the trash pays in file operations: each file renamed into a trash
 * directory laid out as the engine's (`trash/<entity>/<digest>.<generation>`), then unlinked from
 * there, both eight at a time, with no database work. Until decision 184 the second line's run did
 * this (two operations per file against the baseline's one); it now does the baseline's one, so this
 * is printed as what that change saves, not as the line's floor.
 */
async function renameThenUnlink(copy: StoreCopy, blobs: BlobFile[]): Promise<number> {
  if (copy.store) return copyThenDelete(copy.store, blobs);
  const root = copy.dir;
  const paths = blobPaths(root, blobs);
  const trashed = blobs.map((b) => path.join(root, 'trash', b.entity, `${b.digest}.${b.generation}`));
  return timeMs(async () => {
    for (const dir of new Set(trashed.map((t) => path.dirname(t)))) await fs.mkdir(dir, { recursive: true });
    await inParallel([...paths.keys()], PARALLEL, (i) => fs.rename(paths[i]!, trashed[i]!));
    await inParallel(trashed, PARALLEL, (t) => fs.unlink(t));
  });
}

/**
 * The same on S3, where a move to the trash is CopyObject then DeleteObject (s3-blob-store.ts):
 * each object copied to `trash/<entity>/<digest>.<generation>` and deleted, then the trash copy
 * deleted, PARALLEL at a time.
 */
async function copyThenDelete(store: BenchStore, blobs: BlobFile[]): Promise<number> {
  const { client, bucket, prefix } = store.s3!;
  const trashKey = (b: BlobFile) => `${prefix}trash/${b.entity}/${b.digest}.${b.generation}`;
  return timeMs(async () => {
    await inParallel(blobs, PARALLEL, async (b) => {
      const key = blobKey(store, b);
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: trashKey(b), CopySource: `${bucket}/${key}` }));
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    });
    await inParallel(blobs, PARALLEL, (b) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: trashKey(b) })));
  });
}

/** Where the blobs of a finished run are: all in the trash, or (trash emptied) nowhere; files or objects. */
async function checkFiles(copy: StoreCopy, expectedInTrash: number, what: string): Promise<void> {
  const store = copy.store;
  const [inTrash, leftInBlobs] = store
    ? await Promise.all([countObjects(store, 'trash/'), countObjects(store, 'blobs/')])
    : await Promise.all([countFiles(path.join(copy.dir, 'trash')), countFiles(path.join(copy.dir, 'blobs'))]);
  if (inTrash !== expectedInTrash || leftInBlobs !== 0)
    throw new Error(`${what}: ${leftInBlobs} files left in blobs/ and ${inTrash} in trash/ (expected ${expectedInTrash})`);
}

async function benchPurge(backend: StoreBackend): Promise<void> {
  const onS3 = backend.name !== 'sqlite';
  const versions = onS3 ? S3_VERSIONS : VERSIONS;
  const what = onS3 ? 'DeleteObject' : 'unlink';
  console.log(
    `\n== 2. Purge cost vs plain ${what} (${PARALLEL} at a time): ${fmtInt(versions)} versions pending deletion, ${fmtInt(versions * PER_VERSION)} distinct blobs of 256 bytes ==`,
  );
  const seeded = performance.now();
  const template = await seedTemplateOn(backend, 'purge-template', [
    { ...GC, name: 'shards', pendingDeletion: versions, committed: 0, files: smallFiles(PER_VERSION, BLOB_BYTES) },
  ]);
  const blobs = template.garbage;
  progress(`seeded template: ${fmtInt(versions)} versions pending deletion, ${fmtInt(blobs.length)} blobs, in ${fmtMs(performance.now() - seeded)}`);
  const copies = new Set<StoreCopy>();
  /** A fresh copy of `from` with its blobs written (files, or objects PUT into its bucket). */
  const withBlobs = async (from: typeof template, label: string): Promise<StoreCopy> => {
    const copy = await from.copy(label);
    copies.add(copy);
    await copy.writeBlobs(from.garbage);
    return copy;
  };
  const dropCopies = async (list: StoreCopy[]) => {
    for (const copy of list) {
      copies.delete(copy);
      await copy.drop();
    }
  };

  const kept: GcRunFigures[] = [];
  const emptied: GcRunFigures[] = [];
  const unlinkMs: number[] = [];
  const floorMs: number[] = [];
  try {
    // Warm-up: a small run of each kind and a small unlink (JIT, module loading, first-use costs).
    {
      const warm = await seedTemplateOn(backend, 'purge-warm', [
        { ...GC, name: 'warm', pendingDeletion: 200, committed: 20, files: smallFiles(PER_VERSION, BLOB_BYTES) },
      ]);
      try {
        const [keep, empty, plain, renamed] = [
          await withBlobs(warm, 'purge-warm'),
          await withBlobs(warm, 'purge-warm-empty'),
          await withBlobs(warm, 'unlink-warm'),
          await withBlobs(warm, 'rename-unlink-warm'),
        ];
        checkRun(await runGcOnce(keep.dir, { env: keep.env }), { versions: 200, blobs: 1000 }, 'warm-up run');
        checkRun(await runGcOnce(empty.dir, { env: { ...empty.env, ...EMPTY_TRASH } }), { versions: 200, blobs: 1000 }, 'warm-up run with retention 0');
        await unlinkAll(plain, warm.garbage);
        await renameThenUnlink(renamed, warm.garbage);
        await dropCopies([keep, empty, plain, renamed]);
      } finally {
        await warm.drop();
      }
    }

    for (let rep = 0; rep < REPS; rep++) {
      const written = performance.now();
      const keep = await withBlobs(template, `purge-${rep}`);
      const empty = await withBlobs(template, `purge-empty-${rep}`);
      const plain = await withBlobs(template, `unlink-${rep}`);
      const renamed = await withBlobs(template, `rename-unlink-${rep}`);
      if (onS3) progress(`rep ${rep + 1}/${REPS}: four stores with ${fmtInt(blobs.length)} objects each PUT in ${fmtMs(performance.now() - written)}`);
      const steps = [
        async () => {
          const figures = await runGcOnce(keep.dir, { env: keep.env });
          checkRun(figures, { versions, blobs: blobs.length }, `purge run ${rep + 1}`);
          await checkFiles(keep, blobs.length, `purge run ${rep + 1}`);
          kept.push(figures);
        },
        async () => {
          const figures = await runGcOnce(empty.dir, { env: { ...empty.env, ...EMPTY_TRASH } });
          checkRun(figures, { versions, blobs: blobs.length }, `purge run ${rep + 1} with retention 0`);
          await checkFiles(empty, 0, `purge run ${rep + 1} with retention 0`);
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
        `rep ${rep + 1}/${REPS}: run with retention 0 ${fmtMs(emptied.at(-1)!.runMs)} (${phasesText(emptied.at(-1)!.phases)}); ${what} ${fmtMs(unlinkMs.at(-1)!)}; ${onS3 ? 'copy, delete, delete' : 'rename then unlink'} ${fmtMs(floorMs.at(-1)!)}`,
      );
      await dropCopies([keep, empty, plain, renamed]);
    }
  } finally {
    await dropCopies([...copies]);
    await template.drop();
  }
  const keptMs = kept.map((f) => f.runMs);
  const emptiedMs = emptied.map((f) => f.runMs);
  const u = median(unlinkMs);
  const perBlob = (ms: number) => `${((ms / blobs.length) * 1000).toFixed(0)} µs`;
  progress(`run: ${spread(keptMs)}; run with retention 0: ${spread(emptiedMs)}; ${what}: ${spread(unlinkMs)}`);
  progress(`per blob: run ${perBlob(median(keptMs))}, run with retention 0 ${perBlob(median(emptiedMs))}, ${what} ${perBlob(u)}`);
  progress(`run phases (medians): ${phasesText(medianPhases(kept.map((f) => f.phases)))}`);
  progress(`run with retention 0, phases (medians; "move to trash" is deleting the files at once): ${phasesText(medianPhases(emptied.map((f) => f.phases)))}`);
  const floor = median(floorMs);
  if (onS3) {
    progress(`copy to the trash, delete, delete the trash copy (no database work): ${spread(floorMs)}, ${(floor / u).toFixed(2)} x the deletes`);
    notes.push(
      `Purge on ${backend.label} (scaled down to ${fmtInt(blobs.length)} objects): copying each object to the trash key, deleting it and then deleting the trash copy, ${PARALLEL} at a time and with no database work, took ${fmtMs(floor)}, ` +
        `${(floor / u).toFixed(2)} x the baseline of one DeleteObject per object: what the second line's run did per object before decision 184 (it now sends one DeleteObject).`,
    );
  } else {
    progress(`rename then unlink (no database work): ${spread(floorMs)}, ${(floor / u).toFixed(2)} x the unlinks`);
    notes.push(
      `Purge: renaming the ${fmtInt(blobs.length)} files into a trash directory and then unlinking them, ${PARALLEL} at a time and with no database work, took ${fmtMs(floor)}, ` +
        `${(floor / u).toFixed(2)} x the baseline: what the second line's run did per file before decision 184 (it now unlinks each file once).`,
    );
    notes.push(
      `Purge: the baseline unlinks the same ${fmtInt(blobs.length)} files ${PARALLEL} at a time, as the engine moves them. The first line's run moves each file to DATA_DIR/trash (a rename) and leaves it there for GC_TRASH_RETENTION_SECONDS; the second line's run (GC_TRASH_RETENTION_SECONDS=0) unlinks each file where it is, as the baseline does (decision 184).`,
    );
  }
  // Ratio columns: "small" is the baseline (unlink), "large" the thing measured (the run).
  const measure = (run: string) =>
    onS3
      ? `${run} vs DeleteObject x${PARALLEL}, ${fmtInt(blobs.length)} objects (median of ${REPS}; scaled down on S3)`
      : `${run} vs unlink x${PARALLEL}, ${fmtInt(blobs.length)} blobs (median of ${REPS})`;
  record({
    section: '2. Purge',
    measure: measure(onS3 ? 'GC run (objects to trash)' : 'GC run (files to trash)'),
    small: `${what} ${fmtMs(u)}`,
    large: `run ${fmtMs(median(keptMs))}`,
    ratio: median(keptMs) / u,
    target: 2,
  });
  record({
    section: '2. Purge',
    measure: measure('GC run, retention 0 (files deleted at once)'),
    small: `${what} ${fmtMs(u)}`,
    large: `run ${fmtMs(median(emptiedMs))}`,
    ratio: median(emptiedMs) / u,
    target: 2,
  });
}

export const purge: BenchSection = { name: 'purge', backends: ['sqlite', 'postgres-s3'], run: benchPurge };
