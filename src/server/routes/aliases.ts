/** Alias editing: a version's aliases, and moving one alias within its collection. */
import { Hono } from 'hono';
import { moveAlias, setVersionAliases } from '../aliases/edit-aliases';
import type { AtticContext } from '../context';
import { param, readJson } from '../http/request';

export function aliasRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.put('/:entity/:project/collections/:collection/versions/:version/aliases', async (c) => {
    const address = { entity: param(c, 'entity'), project: param(c, 'project'), collection: param(c, 'collection'), version: param(c, 'version') };
    return c.json(await setVersionAliases(ctx, address, await readJson(c)), 200);
  });
  app.post('/:entity/:project/collections/:collection/aliases/:alias/move', async (c) =>
    c.json(await moveAlias(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'collection'), param(c, 'alias'), await readJson(c)), 200),
  );
  return app;
}
