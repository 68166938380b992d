/** `POST .../deletion-jobs` (or its dry run), `GET .../deletion-jobs/:id`, and a job's `POST .../cancel` and `POST .../undo`. */
import { Hono } from 'hono';
import type { AtticContext } from '../context';
import { cancelJob, createDeletionJob, readProjectJob, undoJob } from '../deletion-jobs/jobs';
import { deletionJobRunner } from '../deletion-jobs/runner';
import { param, readJson } from '../http/request';

const JOBS = '/:entity/:project/deletion-jobs';

export function deletionJobRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.post(JOBS, async (c) => {
    const created = await createDeletionJob(ctx, param(c, 'entity'), param(c, 'project'), await readJson(c));
    if ('dryRun' in created) return c.json(created.dryRun, 200);
    deletionJobRunner(ctx).kick();
    return c.json(created, 202);
  });
  app.get(`${JOBS}/:id`, async (c) => c.json(await readProjectJob(ctx.db, param(c, 'entity'), param(c, 'project'), param(c, 'id')), 200));
  app.post(`${JOBS}/:id/cancel`, async (c) => c.json({ job: await cancelJob(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'id')) }, 200));
  app.post(`${JOBS}/:id/undo`, async (c) => {
    const job = await undoJob(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'id'));
    deletionJobRunner(ctx).kick();
    return c.json({ job }, 202);
  });
  return app;
}
