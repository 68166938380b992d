/** Section 3: a GC run's cost follows what is pending, not the size of the store (1,000 pending among 100,000 live vs 1,000 live). */
import type { StoreBackend } from '../backend';
import {
  alternate,
  BLOB_BYTES,
  checkRun,
  GC,
  medianPhases,
  phasesText,
  record,
  seedTemplateOn,
  spread,
  type BenchSection,
  type SeededTemplate,
} from '../harness';
import { runGcOnce, type GcRunFigures } from '../gc-run';
import { countRows, modelFiles, smallFiles } from '../seed';
import { fmtInt, fmtMs, median, progress } from '../stats';

const PENDING = 1_000;
const PER_VERSION = 5;
const REPS = 3;

interface Template {
  label: string;
  live: number;
  template: SeededTemplate;
}

async function benchPending(backend: StoreBackend): Promise<void> {
  console.log('\n== 3. Cost follows what is pending: 1,000 versions pending deletion among 100,000 live vs among 1,000 live ==');
  const templates: Template[] = [];
  try {
    await measure(backend, templates);
  } finally {
    for (const t of templates) await t.template.drop();
  }
}

/** Seeds both templates (into `templates`, which the caller drops) and measures the runs. */
async function measure(backend: StoreBackend, templates: Template[]): Promise<void> {
  for (const live of [1_000, 100_000]) {
    const label = live === 1_000 ? '1k live' : '100k live';
    const started = performance.now();
    // Pending versions hold the oldest indices of the collection, each with its own blobs (files on disk);
    // live versions hold their own blob rows (no files: the run never touches them).
    const template = await seedTemplateOn(backend, `pending-${live}`, [
      {
        ...GC,
        type: 'model',
        name: 'checkpoints',
        pendingDeletion: PENDING,
        committed: live,
        files: (i) => (i < PENDING ? smallFiles(PER_VERSION, BLOB_BYTES)(i) : modelFiles(i)),
        extraAliases: true,
      },
    ]);
    const rows = countRows(template.dir);
    if (rows.gcCandidates !== 0) throw new Error(`${label}: ${rows.gcCandidates} gc_candidates left by seeding`);
    progress(
      `seeded ${label}: ${fmtInt(rows.versions)} versions (${fmtInt(rows.pendingDeletion)} pending deletion), ${fmtInt(rows.blobs)} blob rows, ${rows.gcCandidates} gc_candidates, in ${fmtMs(performance.now() - started)}`,
    );
    templates.push({ label, live, template });
  }
  const [small, large] = templates as [(typeof templates)[number], (typeof templates)[number]];
  const figures = new Map<string, GcRunFigures[]>([
    [small.label, []],
    [large.label, []],
  ]);
  const once = async (t: typeof small, warmUp = false) => {
    const rep = figures.get(t.label)!.length;
    const copy = await t.template.copy(`pending-run-${t.live}-${rep}`);
    let f: GcRunFigures;
    try {
      await copy.writeBlobs(t.template.garbage);
      f = await runGcOnce(copy.dir, { env: copy.env });
    } finally {
      await copy.drop();
    }
    checkRun(f, { versions: PENDING, blobs: t.template.garbage.length }, `${t.label} run ${rep + 1}`);
    figures.get(t.label)!.push(f);
    progress(`${t.label} ${warmUp ? 'warm-up' : `rep ${rep + 1}`}: run ${fmtMs(f.runMs)} (${phasesText(f.phases)})`);
    return f.runMs;
  };
  await once(small, true); // warm-up, not counted
  figures.get(small.label)!.length = 0;
  const [smallMs, largeMs] = await alternate(
    REPS,
    () => once(small),
    () => once(large),
  );
  progress(`1k live: ${spread(smallMs)}; 100k live: ${spread(largeMs)}`);
  progress(`phases (medians) 1k live: ${phasesText(medianPhases(figures.get(small.label)!.map((f) => f.phases)))}`);
  progress(`phases (medians) 100k live: ${phasesText(medianPhases(figures.get(large.label)!.map((f) => f.phases)))}`);
  record({
    section: '3. Pending',
    measure: `GC run, ${fmtInt(PENDING)} pending (${fmtInt(PENDING * PER_VERSION)} blobs) among 100k vs 1k live (median of ${REPS})`,
    small: fmtMs(median(smallMs)),
    large: fmtMs(median(largeMs)),
    ratio: median(largeMs) / median(smallMs),
    target: 1.5,
  });
}

export const pending: BenchSection = { name: 'pending', backends: ['sqlite', 'postgres-s3'], run: benchPending };
