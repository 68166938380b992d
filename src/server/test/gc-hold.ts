/**
 * Holds a garbage-collection run at a chosen point of its steps until the test releases it, so
 * "while the run goes" is a state a test waits for, never a moment in time (gc/hooks.ts).
 */
import type { GcPoint, GcTestHooks } from '../gc/hooks';

export interface HeldRun {
  /** The engine's hooks: pass them to createTestServer or a GcEngine. */
  hooks: GcTestHooks;
  /** Settles with the point where the run is held, once it is. */
  reached: Promise<GcPoint>;
  /**
   * The point where the run is held, or a failure as soon as the engine's run ends without
   * reaching it (call once the run has started): a broken run fails the test at once instead of
   * leaving it to wait for the test's timeout.
   */
  heldIn(engine: { idle(): Promise<void> }): Promise<GcPoint>;
  release(): void;
}

/** The holds not yet released: a test that fails while a run is held must not leave it held. */
const unreleased = new Set<() => void>();

/** Releases every run still held (in afterEach, before the server closes: closing waits for its run). */
export function releaseHeldRuns(): void {
  for (const release of unreleased) release();
  unreleased.clear();
}

/** Holds the run at the first point `at` accepts, just after that step (or just before it), once. */
export function holdRunAt(at: (point: GcPoint) => boolean, when: 'before' | 'after' = 'after'): HeldRun {
  let resolveReleased!: () => void;
  const released = new Promise<void>((resolve) => (resolveReleased = resolve));
  const release = () => {
    unreleased.delete(release);
    resolveReleased();
  };
  unreleased.add(release);
  let reach!: (point: GcPoint) => void;
  const reached = new Promise<GcPoint>((resolve) => (reach = resolve));
  let held = false;
  const hold = async (point: GcPoint) => {
    if (held || !at(point)) return;
    held = true;
    reach(point);
    await released;
  };
  const hooks: GcTestHooks = when === 'before' ? { before: hold } : { after: hold };
  const heldIn = (engine: { idle(): Promise<void> }) =>
    Promise.race([
      reached,
      engine.idle().then(() => {
        throw new Error('The garbage-collection run ended without reaching the point the test holds it at.');
      }),
    ]);
  return { hooks, reached, heldIn, release };
}
