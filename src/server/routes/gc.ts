/** Garbage collection: status, runs (dry or real), history. */
import { Hono } from 'hono';
import { StartGcRunRequestSchema, parseBody } from '../../domain';
import type { AtticContext } from '../context';
import { projectStorage } from '../gc/project-storage';
import { listGcRuns } from '../gc/runs';
import type { GcScheduler } from '../gc/scheduler';
import { gcStatus } from '../gc/status';
import { pageParams, param, readJson } from '../http/request';

export function gcRoutes(ctx: AtticContext, scheduler: GcScheduler) {
  const app = new Hono();
  app.get('/', async (c) => c.json(await gcStatus(ctx, scheduler), 200));
  app.post('/runs', async (c) => {
    const { dryRun } = parseBody(StartGcRunRequestSchema, await readJson(c));
    const run = await scheduler.engine.start({ dryRun, trigger: 'manual' });
    return c.json(run, run.status === 'running' ? 202 : 200);
  });
  app.get('/runs', async (c) => c.json(await listGcRuns(ctx.db, pageParams(c)), 200));
  app.get('/runs/:id', async (c) => c.json(await scheduler.engine.get(param(c, 'id')), 200));
  return app;
}

/** `GET /api/v1/projects/:entity/:project/storage`. */
export function storageRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.get('/:entity/:project/storage', async (c) => {
    // One snapshot for all the figures (a transaction on the reader reads one).
    const storage = await ctx.reads.transaction().execute((trx) => projectStorage(trx, param(c, 'entity'), param(c, 'project')));
    return c.json(storage, 200);
  });
  return app;
}
