/** Long work in steps that let the event loop serve other requests in between (decision 042). */
import { setImmediate } from 'node:timers/promises';
import type { Steps } from '../domain';

/** Lets every I/O callback that is ready run (other requests, health checks) before going on. */
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}

/** Runs steps, yielding to the event loop at every pause. */
export async function runYielding<T>(steps: Steps<T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    await yieldToEventLoop();
    step = steps.next();
  }
  return step.value;
}
