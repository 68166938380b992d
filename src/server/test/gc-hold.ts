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
  release(): void;
}

/** Holds the run at the first point `at` accepts, just after that step (or just before it), once. */
export function holdRunAt(at: (point: GcPoint) => boolean, when: 'before' | 'after' = 'after'): HeldRun {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
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
  return { hooks, reached, release };
}
