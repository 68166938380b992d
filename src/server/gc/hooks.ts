/**
 * Test-only points of a garbage-collection run. Every transaction a run commits that changes
 * versions, blobs, the trash or the run's phase and status, and every batch of file moves, is one
 * step (appending a line to the run's log is not); a test (or, in a child server, ATTIC_TEST_HOLD)
 * may act just before and just after each. Hooks are awaited between transactions, never inside one: the server has one
 * SQLite connection, so a hook that waited inside a transaction for a request would deadlock it.
 * Since the reference check and the move of a blob to `gc_deleting` are one transaction, these
 * points are every place another writer can get in during a run. Absent hooks cost nothing.
 */

/** Called after each committed step (kept for the benchmarks' phase timings). */
export type StepHook = (step: 'purged' | 'decided' | 'trashed' | 'removed' | 'dropped') => void | Promise<void>;

/** `trash` moves a batch's files to the trash; `remove` deletes them at once instead (retention 0, decision 184). */
export type GcStepName = 'phase' | 'purge' | 'decide' | 'trash' | 'remove' | 'drop' | 'sweep' | 'empty' | 'finish';

export interface GcPoint {
  runId: string;
  step: GcStepName;
  /** 1 for the first time this step runs in the run, 2 for the second, ... */
  batch: number;
  /** The phase recorded in the run's row when the step runs. */
  phase: string;
}

export interface GcTestHooks {
  before?(point: GcPoint): void | Promise<void>;
  after?(point: GcPoint): void | Promise<void>;
}
