/**
 * The requests a server is answering, so that background work (deletion jobs) can give way to
 * them: a job pauses between its batches while requests come in (decision 156).
 */
import type { MiddlewareHandler } from 'hono';
import type { AtticContext } from '../context';

/** `GET /api/v1/projects/:entity/:project/deletion-jobs/:id`. */
const JOB_PROGRESS = /\/deletion-jobs\/[^/]+$/;

export class Traffic {
  private inFlight = 0;
  private lastSeen = Number.NEGATIVE_INFINITY;

  /**
   * Counts every request from its start to its answer, except a deletion job's progress polls: a
   * client watching a job (the web app's progress bar, the SDK's onProgress, the CLI's bar) asks
   * every fraction of a second, and giving way to those would only make the job it watches slower.
   */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (c.req.method === 'GET' && JOB_PROGRESS.test(c.req.path)) return next();
      this.inFlight++;
      this.lastSeen = performance.now();
      try {
        await next();
      } finally {
        this.inFlight--;
        this.lastSeen = performance.now();
      }
    };
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
