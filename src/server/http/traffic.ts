/**
 * The requests a server is answering, so that background work (deletion jobs) can give way to
 * them: a job pauses between its batches while requests come in (decision 156).
 */
import type { MiddlewareHandler } from 'hono';
import type { AtticContext } from '../context';

/**
 * Requests "keep coming" when this many started within FREQUENT_WINDOW_MS: a client asking again
 * and again (hundreds a second), not a progress poll (the bench's 10 a second, the SDK's 4) or a
 * page of the web app loading (a handful at once) (decision 182).
 */
export const FREQUENT_REQUESTS = 20;
const FREQUENT_WINDOW_MS = 1000;

export class Traffic {
  private inFlight = 0;
  private lastSeen = Number.NEGATIVE_INFINITY;
  /** The start times of the last FREQUENT_REQUESTS requests, a ring; `next` is the oldest. */
  private readonly starts = new Array<number>(FREQUENT_REQUESTS).fill(Number.NEGATIVE_INFINITY);
  private next = 0;

  /** Counts every request from its start to its answer. */
  middleware(): MiddlewareHandler {
    return async (_c, next) => {
      this.inFlight++;
      this.started(performance.now());
      this.lastSeen = performance.now();
      try {
        await next();
      } finally {
        this.inFlight--;
        this.lastSeen = performance.now();
      }
    };
  }

  /** Notes a request's start (the middleware does; tests give the time). */
  started(at: number): void {
    this.starts[this.next] = at;
    this.next = (this.next + 1) % FREQUENT_REQUESTS;
  }

  /** True when FREQUENT_REQUESTS requests started within the last second (at `now`). */
  frequent(now = performance.now()): boolean {
    return now - this.starts[this.next]! < FREQUENT_WINDOW_MS;
  }

  /** True while a request is being answered, or when one started or ended within the last `withinMs`. */
  busy(withinMs: number): boolean {
    return this.inFlight > 0 || performance.now() - this.lastSeen < withinMs;
  }
}

const traffics = new WeakMap<AtticContext, Traffic>();

/** The traffic of a store's context: the app counts it, the deletion job runner reads it. */
export function trafficOf(ctx: AtticContext): Traffic {
  let traffic = traffics.get(ctx);
  if (!traffic) {
    traffic = new Traffic();
    traffics.set(ctx, traffic);
  }
  return traffic;
}
