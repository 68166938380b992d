/**
 * `npm run bench`: scale benchmarks of Attic, each a ratio measured side by side in one run
 * (large vs small store, or a run vs a plain unlink), with medians over repetitions after
 * warm-ups. Timings are printed against targets, never asserted: these machines are shared and noisy.
 *
 *   npm run bench                  all four sections
 *   npm run bench -- browse gc     only some (browse, purge, pending, memory)
 */
import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureWebAppBuilt, firstRender, launchBrowser } from './browser';
import { benchManifestLatency } from './manifest-latency';
import { runGcOnce, type GcPhases, type GcRunFigures } from './gc-run';
import {
  blobPaths, closeSeeded, countRows, createSchema, modelFiles, openForSeeding, removeDir, seedCollection, smallFiles, tempDir, writeBlobFiles,
  type BlobFile, type CollectionSeed,
} from './seed';
import { projectRoot, startServer, type RunningServer } from './server';
import { fmtInt, fmtMb, fmtMs, median, progress, table, timeMs, verdict, type RatioLine } from './stats';

const SECTIONS = ['browse', 'purge', 'pending', 'memory', 'latency'] as const;
type Section = (typeof SECTIONS)[number];

const results: RatioLine[] = [];
const notes: string[] = [];
const temps = new Set<string>();

function temp(label: string): string {
  const dir = tempDir(label);
  temps.add(dir);
  return dir;
}

function drop(dir: string): void {
  removeDir(dir);
  temps.delete(dir);
}

function record(line: RatioLine): void {
  results.push(line);
  console.log(`  => ${line.measure}: ${line.small} vs ${line.large}, ratio ${line.ratio.toFixed(2)} (target <= ${line.target}): ${verdict(line)}`);
}

/** Runs `a` and `b` `reps` times each, alternating which goes first, so drifting machine load hits both alike. */
async function alternate(reps: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number[], number[]]> {
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

function spread(values: number[]): string {
  const sorted = [...values].sort((x, y) => x - y);
  return `median ${fmtMs(median(values))}, min ${fmtMs(sorted[0]!)}, max ${fmtMs(sorted.at(-1)!)}, n=${values.length}`;
}

function phasesText(p: GcPhases): string {
  return `plan ${fmtMs(p.planMs)}, purge ${fmtMs(p.purgeMs)}, decide ${fmtMs(p.decideMs)}, move to trash ${fmtMs(p.trashMs)}, drop rows ${fmtMs(p.dropMs)}, other ${fmtMs(p.otherMs)}`;
}

function medianPhases(all: GcPhases[]): GcPhases {
  const keys = Object.keys(all[0]!) as (keyof GcPhases)[];
  return Object.fromEntries(keys.map((k) => [k, median(all.map((p) => p[k]))])) as unknown as GcPhases;
}

function checkRun(figures: GcRunFigures, expected: { versions: number; blobs: number }, what: string): void {
  const { run } = figures;
  if (run.status !== 'succeeded' || run.blobsDeleted !== expected.blobs || run.versionsPurged !== expected.versions) {
    throw new Error(
      `${what}: expected a succeeded run purging ${expected.versions} versions and deleting ${expected.blobs} blobs, got status ${run.status}, ` +
        `${run.versionsPurged} versions, ${run.blobsDeleted} blobs${run.error ? ` (error: ${run.error})` : ''}`,
    );
  }
}

/** Copies a seeded store's database into a fresh DATA_DIR (the template was checkpointed, so attic.db is complete). */
function copyStore(template: string, label: string): string {
  const dir = temp(label);
  copyFileSync(path.join(template, 'attic.db'), path.join(dir, 'attic.db'));
  return dir;
}

async function seedStore(label: string, seeds: CollectionSeed[]): Promise<{ dir: string; garbage: BlobFile[] }> {
  const dir = temp(label);
  await createSchema(dir);
  const db = openForSeeding(dir);
  const garbage: BlobFile[] = [];
  try {
    for (const seed of seeds) garbage.push(...seedCollection(db, seed).garbage);
  } finally {
    closeSeeded(db);
  }
  return { dir, garbage };
}

// ---------------------------------------------------------------------------------------------
// 1. Browse at scale
// ---------------------------------------------------------------------------------------------

const BROWSE = { entity: 'bench', project: 'browse', type: 'model', name: 'checkpoints' };

function browseSeeds(versions: number): CollectionSeed[] {
  return [
    { ...BROWSE, pendingDeletion: 0, committed: versions, files: modelFiles, extraAliases: true },
    // A few neighbours for the sidebar, the same in both stores.
    { ...BROWSE, type: 'dataset', name: 'train-data', pendingDeletion: 0, committed: 12, files: smallFiles(3, 40_000_000), extraAliases: true },
    { ...BROWSE, type: 'dataset', name: 'eval-data', pendingDeletion: 0, committed: 4, files: smallFiles(2, 5_000_000) },
  ];
}

async function benchBrowse(): Promise<void> {
  console.log('\n== 1. Browse at scale: a collection of 100,000 versions vs one of 100 ==');
  const sizes = [
    { label: '100', versions: 100 },
    { label: '100k', versions: 100_000 },
  ];
  const stores: { label: string; dir: string; newest: string; server?: RunningServer }[] = [];
  for (const size of sizes) {
    const started = performance.now();
    const { dir } = await seedStore(`browse-${size.label}`, browseSeeds(size.versions));
    const rows = countRows(dir);
    progress(`seeded ${size.label}: ${fmtInt(rows.versions)} versions, ${fmtInt(rows.versionFiles)} files, ${fmtInt(rows.blobs)} blob rows in ${fmtMs(performance.now() - started)}`);
    stores.push({ label: size.label, dir, newest: `v${size.versions - 1}` });
  }
  const buildError = ensureWebAppBuilt();
  if (buildError) notes.push(`Browse: the web app could not be built, first render not measured. ${buildError}`);
  try {
    for (const s of stores) {
      s.server = await startServer(s.dir);
      progress(`server for ${s.label} listening on ${s.server.url} (pid ${s.server.pid})`);
    }
    const [small, large] = stores as [Required<(typeof stores)[number]>, Required<(typeof stores)[number]>];

    // (a) first versions page from the API.
    const apiPath = `/api/v1/projects/${BROWSE.entity}/${BROWSE.project}/collections/${BROWSE.name}/versions?limit=100`;
    const fetchPage = async (s: typeof small) => {
      let bytes = 0;
      const ms = await timeMs(async () => {
        const res = await fetch(s.server.url + apiPath);
        const text = await res.text();
        bytes = text.length;
        if (res.status !== 200) throw new Error(`GET ${apiPath} on ${s.label}: ${res.status} ${text.slice(0, 300)}`);
      });
      return { ms, bytes };
    };
    for (const s of [small, large]) {
      const res = await fetch(s.server.url + apiPath);
      const body = (await res.json()) as { items: { version: string; aliases: string[] }[]; nextCursor: string | null };
      if (body.items.length !== 100 || body.items[0]?.version !== s.newest || !body.items[0].aliases.includes('latest')) {
        throw new Error(`unexpected first page on ${s.label}: ${body.items.length} items, first ${body.items[0]?.version} ${JSON.stringify(body.items[0]?.aliases)}`);
      }
    }
    for (let i = 0; i < 10; i++) for (const s of [small, large]) await fetchPage(s);
    let pageBytes = 0;
    const [apiSmall, apiLarge] = await alternate(
      30,
      async () => (await fetchPage(small)).ms,
      async () => {
        const r = await fetchPage(large);
        pageBytes = r.bytes;
        return r.ms;
      },
    );
    progress(`API first page (${fmtInt(pageBytes)} bytes of JSON): 100: ${spread(apiSmall)}; 100k: ${spread(apiLarge)}`);
    record({ section: '1. Browse', measure: 'API first versions page (median of 30)', small: fmtMs(median(apiSmall)), large: fmtMs(median(apiLarge)), ratio: median(apiLarge) / median(apiSmall), target: 1.5 });

    // (b) first render in Chromium.
    if (!buildError) {
      const browser = await launchBrowser();
      try {
        const route = `/${BROWSE.entity}/${BROWSE.project}/artifacts/${BROWSE.type}/${BROWSE.name}`;
        const load = async (s: typeof small) => (await firstRender(browser, s.server.url + route, s.newest)).inPageMs;
        for (let i = 0; i < 2; i++) for (const s of [small, large]) await load(s);
        const [renderSmall, renderLarge] = await alternate(5, () => load(small), () => load(large));
        progress(`first render (navigation start to ${large.newest} / ${small.newest} visible): 100: ${spread(renderSmall)}; 100k: ${spread(renderLarge)}`);
        record({ section: '1. Browse', measure: 'first render in Chromium (median of 5)', small: fmtMs(median(renderSmall)), large: fmtMs(median(renderLarge)), ratio: median(renderLarge) / median(renderSmall), target: 1.5 });
      } finally {
        await browser.close();
      }
    }

    // (c) peak RSS of each server after those measurements.
    const rssSmall = small.server.peakRssKb();
    const rssLarge = large.server.peakRssKb();
    record({ section: '1. Browse', measure: 'server peak RSS (VmHWM)', small: fmtMb(rssSmall), large: fmtMb(rssLarge), ratio: rssLarge / rssSmall, target: 1.5 });
  } finally {
    for (const s of stores) await s.server?.stop();
    for (const s of stores) drop(s.dir);
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Purge cost vs plain unlink
// ---------------------------------------------------------------------------------------------

const GC = { entity: 'bench', project: 'gc', type: 'dataset' };
const BLOB_BYTES = 256;

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) n++;
  return n;
}

async function benchPurge(): Promise<void> {
  console.log('\n== 2. Purge cost vs plain unlink: 10,000 versions pending deletion, 50,000 distinct blobs of 256 bytes ==');
  const VERSIONS = 10_000;
  const PER_VERSION = 5;
  const REPS = 3;
  const seeded = performance.now();
  const template = await seedStore('purge-template', [{ ...GC, name: 'shards', pendingDeletion: VERSIONS, committed: 0, files: smallFiles(PER_VERSION, BLOB_BYTES) }]);
  const blobs = template.garbage;
  progress(`seeded template: ${fmtInt(VERSIONS)} versions pending deletion, ${fmtInt(blobs.length)} blobs, in ${fmtMs(performance.now() - seeded)}`);

  // Warm-up: a small run and a small unlink loop (JIT, module loading, first-use costs).
  {
    const warm = await seedStore('purge-warm', [{ ...GC, name: 'warm', pendingDeletion: 200, committed: 20, files: smallFiles(PER_VERSION, BLOB_BYTES) }]);
    writeBlobFiles(warm.dir, warm.garbage);
    checkRun(await runGcOnce(warm.dir), { versions: 200, blobs: 1000 }, 'warm-up run');
    const plain = temp('unlink-warm');
    writeBlobFiles(plain, warm.garbage);
    for (const p of blobPaths(plain, warm.garbage)) await fs.unlink(p);
    drop(warm.dir);
    drop(plain);
  }

  const runs: GcRunFigures[] = [];
  const runMs: number[] = [];
  const unlinkMs: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const dataDir = copyStore(template.dir, `purge-${rep}`);
    writeBlobFiles(dataDir, blobs);
    const plain = temp(`unlink-${rep}`);
    writeBlobFiles(plain, blobs);
    const paths = blobPaths(plain, blobs);
    const doRun = async () => {
      const figures = await runGcOnce(dataDir);
      checkRun(figures, { versions: VERSIONS, blobs: blobs.length }, `purge run ${rep + 1}`);
      runs.push(figures);
      runMs.push(figures.runMs);
    };
    const doUnlink = async () => {
      unlinkMs.push(await timeMs(async () => {
        for (const p of paths) await fs.unlink(p);
      }));
    };
    if (rep % 2 === 0) {
      await doRun();
      await doUnlink();
    } else {
      await doUnlink();
      await doRun();
    }
    if (rep === 0) {
      const [inTrash, leftInBlobs] = await Promise.all([countFiles(path.join(dataDir, 'trash')), countFiles(path.join(dataDir, 'blobs'))]);
      progress(`check: ${fmtInt(inTrash)} files in the trash area, ${fmtInt(leftInBlobs)} left under blobs/`);
      if (inTrash !== blobs.length || leftInBlobs !== 0) throw new Error(`purge run left ${leftInBlobs} files in blobs/ and ${inTrash} in trash/`);
    }
    progress(`rep ${rep + 1}/${REPS}: run ${fmtMs(runMs.at(-1)!)} (${phasesText(runs.at(-1)!.phases)}); unlink loop ${fmtMs(unlinkMs.at(-1)!)}`);
    drop(dataDir);
    drop(plain);
  }
  drop(template.dir);
  const r = median(runMs);
  const u = median(unlinkMs);
  progress(`run: ${spread(runMs)}; unlink: ${spread(unlinkMs)}; per blob: run ${(r / blobs.length * 1000).toFixed(0)} µs, unlink ${(u / blobs.length * 1000).toFixed(0)} µs`);
  progress(`run phases (medians): ${phasesText(medianPhases(runs.map((f) => f.phases)))}`);
  notes.push('Purge: the run moves each blob file to DATA_DIR/trash (rename), as the product does, instead of unlinking it; files leave the trash after GC_TRASH_RETENTION_SECONDS in a later run, which this measure does not include.');
  // Ratio columns: "small" is the baseline (unlink), "large" the thing measured (the run).
  record({ section: '2. Purge', measure: `full GC run vs plain unlink loop, ${fmtInt(blobs.length)} blobs (median of ${REPS})`, small: `unlink ${fmtMs(u)}`, large: `run ${fmtMs(r)}`, ratio: r / u, target: 2 });
}

// ---------------------------------------------------------------------------------------------
// 3. Cost follows what is pending
// ---------------------------------------------------------------------------------------------

async function benchPending(): Promise<void> {
  console.log('\n== 3. Cost follows what is pending: 1,000 versions pending deletion among 100,000 live vs among 1,000 live ==');
  const PENDING = 1_000;
  const PER_VERSION = 5;
  const REPS = 3;
  const templates: { label: string; live: number; dir: string; garbage: BlobFile[] }[] = [];
  for (const live of [1_000, 100_000]) {
    const label = live === 1_000 ? '1k live' : '100k live';
    const started = performance.now();
    // Pending versions hold the oldest indices of the collection, each with its own blobs (files on disk);
    // live versions hold their own blob rows (no files: the run never touches them).
    const { dir, garbage } = await seedStore(`pending-${live}`, [
      { ...GC, type: 'model', name: 'checkpoints', pendingDeletion: PENDING, committed: live, files: (i) => (i < PENDING ? smallFiles(PER_VERSION, BLOB_BYTES)(i) : modelFiles(i)), extraAliases: true },
    ]);
    const rows = countRows(dir);
    if (rows.gcCandidates !== 0) throw new Error(`${label}: ${rows.gcCandidates} gc_candidates left by seeding`);
    progress(`seeded ${label}: ${fmtInt(rows.versions)} versions (${fmtInt(rows.pendingDeletion)} pending deletion), ${fmtInt(rows.blobs)} blob rows, ${rows.gcCandidates} gc_candidates, in ${fmtMs(performance.now() - started)}`);
    templates.push({ label, live, dir, garbage });
  }
  const [small, large] = templates as [(typeof templates)[number], (typeof templates)[number]];
  const figures = new Map<string, GcRunFigures[]>([[small.label, []], [large.label, []]]);
  const once = async (t: typeof small, warmUp = false) => {
    const rep = figures.get(t.label)!.length;
    const dataDir = copyStore(t.dir, `pending-run-${t.live}-${rep}`);
    writeBlobFiles(dataDir, t.garbage);
    const f = await runGcOnce(dataDir);
    checkRun(f, { versions: PENDING, blobs: t.garbage.length }, `${t.label} run ${rep + 1}`);
    drop(dataDir);
    figures.get(t.label)!.push(f);
    progress(`${t.label} ${warmUp ? 'warm-up' : `rep ${rep + 1}`}: run ${fmtMs(f.runMs)} (${phasesText(f.phases)})`);
    return f.runMs;
  };
  await once(small, true); // warm-up, not counted
  figures.get(small.label)!.length = 0;
  const [smallMs, largeMs] = await alternate(REPS, () => once(small), () => once(large));
  for (const t of templates) drop(t.dir);
  progress(`1k live: ${spread(smallMs)}; 100k live: ${spread(largeMs)}`);
  progress(`phases (medians) 1k live: ${phasesText(medianPhases(figures.get(small.label)!.map((f) => f.phases)))}`);
  progress(`phases (medians) 100k live: ${phasesText(medianPhases(figures.get(large.label)!.map((f) => f.phases)))}`);
  record({ section: '3. Pending', measure: `GC run, ${fmtInt(PENDING)} pending (${fmtInt(PENDING * PER_VERSION)} blobs) among 100k vs 1k live (median of ${REPS})`, small: fmtMs(median(smallMs)), large: fmtMs(median(largeMs)), ratio: median(largeMs) / median(smallMs), target: 1.5 });
}

// ---------------------------------------------------------------------------------------------
// 4. Memory during a run
// ---------------------------------------------------------------------------------------------

interface ChildResult extends GcRunFigures {
  hwmAfterOpenKb: number;
  vmHwmKb: number;
}

async function gcInChild(dataDir: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/gc-child.ts', dataDir], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`gc-child printed no result:\n${stdout}`);
  return JSON.parse(line.slice('RESULT '.length)) as ChildResult;
}

async function benchMemory(): Promise<void> {
  console.log('\n== 4. Memory during a run: a store of 1,000,000 blobs vs one of 10,000 (10% garbage each), run in a child process ==');
  const LIVE_FILES = 10;
  const GARBAGE_FILES = 5;
  const out: { label: string; result: ChildResult }[] = [];
  for (const total of [10_000, 1_000_000]) {
    const label = total === 10_000 ? '10k blobs' : '1M blobs';
    const garbageBlobs = total / 10;
    const started = performance.now();
    const { dir, garbage } = await seedStore(`memory-${total}`, [
      { ...GC, name: 'live-shards', pendingDeletion: 0, committed: (total - garbageBlobs) / LIVE_FILES, files: smallFiles(LIVE_FILES, BLOB_BYTES), extraAliases: true },
      { ...GC, name: 'old-shards', pendingDeletion: garbageBlobs / GARBAGE_FILES, committed: 0, files: smallFiles(GARBAGE_FILES, BLOB_BYTES) },
    ]);
    writeBlobFiles(dir, garbage);
    const rows = countRows(dir);
    progress(`seeded ${label}: ${fmtInt(rows.blobs)} blob rows (${fmtInt(garbage.length)} garbage, with files), ${fmtInt(rows.versions)} versions, ${rows.gcCandidates} gc_candidates, in ${fmtMs(performance.now() - started)}`);
    const result = await gcInChild(dir);
    checkRun(result, { versions: garbageBlobs / GARBAGE_FILES, blobs: garbageBlobs }, `${label} run`);
    progress(`${label}: peak RSS ${fmtMb(result.vmHwmKb)} (after opening the store ${fmtMb(result.hwmAfterOpenKb)}); run ${fmtMs(result.runMs)} (${phasesText(result.phases)})`);
    out.push({ label, result });
    drop(dir);
  }
  const [small, large] = out as [(typeof out)[number], (typeof out)[number]];
  record({ section: '4. Memory', measure: 'GC process peak RSS (VmHWM) during a run, 1M vs 10k blobs', small: fmtMb(small.result.vmHwmKb), large: fmtMb(large.result.vmHwmKb), ratio: large.result.vmHwmKb / small.result.vmHwmKb, target: 1.5 });
  const growthSmall = small.result.vmHwmKb - small.result.hwmAfterOpenKb;
  const growthLarge = large.result.vmHwmKb - large.result.hwmAfterOpenKb;
  notes.push(`Memory: peak growth during the run itself (VmHWM at the end minus VmHWM once the store was open): 10k ${fmtMb(growthSmall)}, 1M ${fmtMb(growthLarge)}. Run time (information): 10k ${fmtMs(small.result.runMs)}, 1M ${fmtMs(large.result.runMs)} for 100x the garbage.`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = asked.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  const chosen: Section[] = asked.length > 0 ? (asked as Section[]) : [...SECTIONS];
  const started = performance.now();
  console.log(`Attic benchmarks: ${chosen.join(', ')} (node ${process.version}, ${(await import('node:os')).cpus().length} cores, temp dirs under ${(await import('node:os')).tmpdir()})`);
  const run: Record<Section, () => Promise<void>> = { browse: benchBrowse, purge: benchPurge, pending: benchPending, memory: benchMemory, latency: async () => record(await benchManifestLatency()) };
  const failures: string[] = [];
  for (const section of chosen) {
    try {
      await run[section]();
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push(`${section}: ${message}`);
      console.error(`!! section ${section} failed: ${message}`);
    }
  }

  console.log('\n== Summary (ratios measured side by side in this run; targets are goals, not assertions) ==');
  console.log(
    table(
      ['section', 'measure', 'baseline / small', 'large', 'ratio', 'target', 'verdict'],
      results.map((r) => [r.section, r.measure, r.small, r.large, r.ratio.toFixed(2), `<= ${r.target}`, verdict(r)]),
    ),
  );
  if (notes.length > 0) console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
  if (failures.length > 0) console.log(`\nSections that did not finish:\n${failures.map((f) => `- ${f.split('\n')[0]}`).join('\n')}`);
  console.log(`\nTotal bench time ${fmtMs(performance.now() - started)}.`);
  if (failures.length > 0) process.exitCode = 1;
}

function cleanup(): void {
  for (const dir of temps) removeDir(dir);
  temps.clear();
}

process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

try {
  await main();
} finally {
  cleanup();
}
