/**
 * What every bench section shares: the lines and notes of the report, temporary stores removed at
 * the end, side-by-side repetition, and the checks that a measured GC run did what it should.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { GcPhases, GcRunFigures } from './gc-run';
import { closeSeeded, createSchema, openForSeeding, removeDir, seedCollection, tempDir, writeBlobFiles, type BlobFile, type CollectionSeed } from './seed';
import { clonePostgresStore, putBlobObjects } from './postgres-s3-store';
import { copySqliteToPostgres } from './copy-to-postgres';
import { fmtMs, median, progress, targetText, verdict, type RatioLine } from './stats';
import type { BackendName, BenchStore, StoreBackend } from './backend';
import { type RunningServer, startServer } from './server';

/**
 * A section of `npm run bench`: `name` is what `npm run bench -- <name>` picks. `backends`: the
 * stores it can run on (default SQLite alone: it seeds SQLite files directly); `run` gets the one
 * to use for this pass, and `record` tags its lines with it.
 */
export interface BenchSection {
  name: string;
  backends?: BackendName[];
  run(backend: StoreBackend): Promise<void>;
}

export const results: RatioLine[] = [];
let backendNow: BackendName = 'sqlite';

/** Set by bench/run.ts before each section's pass: the backend the lines recorded next are tagged with. */
export function measuringOn(backend: BackendName): void {
  backendNow = backend;
}
export const notes: string[] = [];
const temps = new Set<string>();

export function temp(label: string): string {
  const dir = tempDir(label);
  temps.add(dir);
  return dir;
}

export function drop(dir: string): void {
  removeDir(dir);
  temps.delete(dir);
}

/** Removes every temporary store still there (end of the bench, Ctrl-C). */
export function dropAll(): void {
  for (const dir of temps) removeDir(dir);
  temps.clear();
}

export function record(line: RatioLine): void {
  results.push({ backend: backendNow, ...line });
  const said = line.error
    ? `ERROR: ${line.error}`
    : `${line.small} vs ${line.large}, ratio ${line.ratio.toFixed(2)} (target ${targetText(line)}): ${verdict(line)}`;
  console.log(`  => ${line.measure}: ${said}`);
}

/** A line that could not be measured: shown as ERROR in the summary, and the other lines go on. */
export function recordError(line: Omit<RatioLine, 'small' | 'large' | 'ratio' | 'error' | 'backend'>, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  record({ ...line, small: 'n/a', large: 'n/a', ratio: Number.NaN, error: message.split('\n')[0]!.slice(0, 400) });
}

/** Runs `a` and `b` `reps` times each, alternating which goes first, so drifting machine load hits both alike. */
export async function alternate(reps: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number[], number[]]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return [as, bs];
}

/** Calls `fn` on every item, `limit` at a time (the engine moves and removes files eight at a time). */
export async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

export function spread(values: number[]): string {
  const sorted = [...values].sort((x, y) => x - y);
  return `median ${fmtMs(median(values))}, min ${fmtMs(sorted[0]!)}, max ${fmtMs(sorted.at(-1)!)}, n=${values.length}`;
}

export function phasesText(p: GcPhases): string {
  return `plan ${fmtMs(p.planMs)}, purge ${fmtMs(p.purgeMs)}, decide ${fmtMs(p.decideMs)}, move to trash ${fmtMs(p.trashMs)}, drop rows ${fmtMs(p.dropMs)}, other ${fmtMs(p.otherMs)}`;
}

export function medianPhases(all: GcPhases[]): GcPhases {
  const keys = Object.keys(all[0]!) as (keyof GcPhases)[];
  return Object.fromEntries(keys.map((k) => [k, median(all.map((p) => p[k]))])) as unknown as GcPhases;
}

export function checkRun(figures: GcRunFigures, expected: { versions: number; blobs: number }, what: string): void {
  const { run } = figures;
  if (run.status !== 'succeeded' || run.blobsDeleted !== expected.blobs || run.versionsPurged !== expected.versions) {
    throw new Error(
      `${what}: expected a succeeded run purging ${expected.versions} versions and deleting ${expected.blobs} blobs, got status ${run.status}, ` +
        `${run.versionsPurged} versions, ${run.blobsDeleted} blobs${run.error ? ` (error: ${run.error})` : ''}`,
    );
  }
}

/** Copies a seeded store's database into a fresh DATA_DIR (the template was checkpointed, so attic.db is complete). */
export function copyStore(template: string, label: string): string {
  const dir = temp(label);
  copyFileSync(path.join(template, 'attic.db'), path.join(dir, 'attic.db'));
  return dir;
}

export async function seedStore(label: string, seeds: CollectionSeed[]): Promise<{ dir: string; garbage: BlobFile[] }> {
  const dir = temp(label);
  await createSchema(dir);
  const db = openForSeeding(dir);
  const garbage: BlobFile[] = [];
  try {
    // One at a time: spreading a 500,000-file seed's garbage into push() overflows the call stack.
    for (const seed of seeds) for (const file of seedCollection(db, seed).garbage) garbage.push(file);
  } finally {
    closeSeeded(db);
  }
  return { dir, garbage };
}

/**
 * `seedStore`, then on a backend other than SQLite its rows copied into a new store of that
 * backend (bench/copy-to-postgres.ts); `env` puts a server on it. Blob bytes are not copied:
 * for sections that never read them.
 */
export async function seedStoreOn(
  backend: StoreBackend,
  label: string,
  seeds: CollectionSeed[],
): Promise<{ dir: string; garbage: BlobFile[]; env: Record<string, string>; store: BenchStore; dropStore(): Promise<void> }> {
  const seeded = await seedStore(label, seeds);
  const store = await backend.newStore(label);
  try {
    if (store.env.DATABASE_URL) {
      const started = performance.now();
      const rows = await copySqliteToPostgres(seeded.dir, store.env.DATABASE_URL);
      progress(`copied ${label}'s ${rows.toLocaleString('en-US')} rows into PostgreSQL in ${fmtMs(performance.now() - started)}`);
    }
  } catch (error) {
    await store.drop();
    throw error;
  }
  return { ...seeded, env: store.env, store, dropStore: () => store.drop() };
}

/** A fresh copy of a seeded store, for one measured run: its DATA_DIR, the variables that put a server on it, and where its blobs go. */
export interface StoreCopy {
  dir: string;
  env: Record<string, string>;
  /** The PostgreSQL schema and bucket (null on SQLite: `dir` is the whole store). */
  store: BenchStore | null;
  /** Writes these blobs where the store keeps them: files under `dir`, or objects in the bucket. */
  writeBlobs(files: BlobFile[]): Promise<void>;
  drop(): Promise<void>;
}

export interface SeededTemplate {
  /** The SQLite file the rows were seeded into (countRows reads it, on any backend). */
  dir: string;
  garbage: BlobFile[];
  copy(label: string): Promise<StoreCopy>;
  drop(): Promise<void>;
}

/**
 * Seeds a template once and hands out fresh copies of it: on SQLite a copy of the file (as
 * `copyStore`), on PostgreSQL a new schema and bucket filled from the template's schema inside
 * PostgreSQL (bench/postgres-s3-store.ts). Blobs are written per copy, by `writeBlobs`.
 */
export async function seedTemplateOn(backend: StoreBackend, label: string, seeds: CollectionSeed[]): Promise<SeededTemplate> {
  if (backend.name === 'sqlite') {
    const { dir, garbage } = await seedStore(label, seeds);
    return {
      dir,
      garbage,
      copy: async (copyLabel) => {
        const copyDir = copyStore(dir, copyLabel);
        return { dir: copyDir, env: {}, store: null, writeBlobs: async (files) => writeBlobFiles(copyDir, files), drop: async () => drop(copyDir) };
      },
      drop: async () => drop(dir),
    };
  }
  const template = await seedStoreOn(backend, label, seeds);
  return {
    dir: template.dir,
    garbage: template.garbage,
    async copy(copyLabel) {
      const dir = temp(copyLabel);
      const store = await backend.newStore(copyLabel);
      try {
        await clonePostgresStore(template.store, store);
      } catch (error) {
        await store.drop();
        drop(dir);
        throw error;
      }
      return {
        dir,
        env: store.env,
        store,
        writeBlobs: (files) => putBlobObjects(store, files),
        async drop() {
          drop(dir);
          await store.drop();
        },
      };
    },
    async drop() {
      drop(template.dir);
      await template.dropStore();
    },
  };
}

/** The GC sections' store: one project of dataset shards. */
export const GC = { entity: 'bench', project: 'gc', type: 'dataset' };
export const BLOB_BYTES = 256;

/**
 * `reps` times: a fresh copy of `template` (its garbage blobs written first when `withGarbage`), a
 * real server on it with `env`, handed to `each`; server and copy are gone after each repetition,
 * and the template at the end, whatever fails.
 */
export async function onServerCopies(
  template: SeededTemplate,
  options: { label: string; reps: number; env?: Record<string, string>; withGarbage?: boolean },
  each: (server: RunningServer, rep: number) => Promise<void>,
): Promise<void> {
  try {
    for (let rep = 1; rep <= options.reps; rep++) {
      const copy = await template.copy(`${options.label}-${rep}`);
      try {
        if (options.withGarbage) await copy.writeBlobs(template.garbage);
        const server = await startServer(copy.dir, { ...copy.env, ...options.env });
        try {
          await each(server, rep);
        } finally {
          await server.stop();
        }
      } finally {
        await copy.drop();
      }
    }
  } finally {
    await template.drop();
  }
}
