/** Projects, their types and collections. */
import { Hono } from 'hono';
import { parseCollectionStateFilter } from '../../domain';
import { listCollections, listProjects, listTypes, requireCollection, requireProject } from '../artifacts/queries';
import { toCollection } from '../artifacts/to-api';
import { currentCaller } from '../auth/scope';
import type { AtticContext } from '../context';
import { pageParams, param } from '../http/request';

export function projectRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.get('/', async (c) => {
    const caller = currentCaller();
    // Only what the caller may see: the projects of entities they hold a role on (site admins: all).
    return c.json(await listProjects(ctx.db, pageParams(c), caller === null || caller.siteAdmin ? null : caller.username), 200);
  });
  app.get('/:entity/:project/types', async (c) => c.json(await listTypes(ctx.db, param(c, 'entity'), param(c, 'project')), 200));
  app.get('/:entity/:project/collections', async (c) => {
    const project = await requireProject(ctx.db, param(c, 'entity'), param(c, 'project'));
    const filter = { type: c.req.query('type') || null, state: parseCollectionStateFilter(c.req.query('state')) };
    return c.json(await listCollections(ctx.db, project, filter, pageParams(c)), 200);
  });
  app.get('/:entity/:project/collections/:collection', async (c) => {
    const project = await requireProject(ctx.db, param(c, 'entity'), param(c, 'project'));
    const collection = await requireCollection(ctx.db, project, param(c, 'collection'));
    return c.json(toCollection(project, collection), 200);
  });
  return app;
}
