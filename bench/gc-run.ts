/** One real garbage-collection run on an existing DATA_DIR, the way the server runs it (used in-process and by bench/gc-child.ts). */
import { performance } from 'node:perf_hooks';
import type { GcRun } from '../src/domain';
import { loadConfig } from '../src/server/config';
import type { StepHook } from '../src/server/gc/engine';
import { openStore } from '../src/server/open-store';

/** Where a run's time went, from the engine's own step hooks (called after each committed step). */
export interface GcPhases {
  /** `engine.start()`: the plan query and the run's row. */
  planMs: number;
  /** Versions to DELETED, their blobs to gc_candidates. */
  purgeMs: number;
  /** Candidates with no counting reference moved to deleting. */
  decideMs: number;
  /** Files moved to the trash area, or deleted at once with GC_TRASH_RETENTION_SECONDS=0 (8 at a time). */
  trashMs: number;
  /** Blob rows dropped, trash rows and figures recorded (one transaction a batch). */
  dropMs: number;
  /** Whatever is left: phase changes, last empty batches, emptying the trash, finishing the run row. */
  otherMs: number;
}

export interface GcRunFigures {
  /** From `engine.start()` to `engine.idle()` resolving. */
  runMs: number;
  /** Opening the store (lock, database, migrations check, blob store): not part of runMs. */
  openMs: number;
  phases: GcPhases;
  run: Pick<GcRun, 'status' | 'versionsPurged' | 'blobsDeleted' | 'bytesReclaimed' | 'error'>;
}

type Step = Parameters<StepHook>[0];

export interface RunGcOptions {
  /** Server variables on top of the bench's (grace period 0, so every version pending deletion is purged). */
  env?: Record<string, string>;
  /** Called once the store is open, before the run starts (the memory bench reads RSS there). */
  onOpened?: () => void;
}

export async function runGcOnce(dataDir: string, { env = {}, onOpened }: RunGcOptions = {}): Promise<GcRunFigures> {
  const events: { step: Step; at: number }[] = [];
  const onStep: StepHook = (step) => {
    events.push({ step, at: performance.now() });
  };
  const opened = performance.now();
  const store = await openStore(loadConfig({ DATA_DIR: dataDir, DEMO_DATA: '0', GC_GRACE_SECONDS: '0', GC_INTERVAL_SECONDS: '86400', ...env }), Date.now, {
    onStep,
  });
  const openMs = performance.now() - opened;
  onOpened?.();
  try {
    const engine = store.gc.engine;
    const started = performance.now();
    const { id } = await engine.start({ dryRun: false, trigger: 'manual' });
    const planned = performance.now();
    await engine.idle();
    const finished = performance.now();
    const run = await engine.get(id);
    return {
      runMs: finished - started,
      openMs,
      phases: phasesOf(events, started, planned, finished),
      run: { status: run.status, versionsPurged: run.versionsPurged, blobsDeleted: run.blobsDeleted, bytesReclaimed: run.bytesReclaimed, error: run.error },
    };
  } finally {
    await store.close();
  }
}

function phasesOf(events: { step: Step; at: number }[], started: number, planned: number, finished: number): GcPhases {
  const lastOf = (step: Step, fallback: number) => events.filter((e) => e.step === step).at(-1)?.at ?? fallback;
  const purgeEnd = lastOf('purged', planned);
  const decideEnd = lastOf('decided', purgeEnd);
  let trashMs = 0;
  let dropMs = 0;
  let previous = decideEnd;
  for (const e of events) {
    if (e.at <= decideEnd) continue;
    const spent = e.at - previous;
    if (e.step === 'trashed' || e.step === 'removed') trashMs += spent;
    else if (e.step === 'dropped') dropMs += spent;
    previous = e.at;
  }
  const planMs = planned - started;
  const purgeMs = purgeEnd - planned;
  const decideMs = decideEnd - purgeEnd;
  return { planMs, purgeMs, decideMs, trashMs, dropMs, otherMs: finished - started - planMs - purgeMs - decideMs - trashMs - dropMs };
}
