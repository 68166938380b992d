/** TTL of a version, the project's default, and a preview of what a default would expire. */
import { Hono } from 'hono';
import type { AtticContext } from '../context';
import { param, readJson } from '../http/request';
import { setProjectSettings, setVersionTtl } from '../ttl/ttl';
import { getProjectSettings, previewDefaultTtl } from '../ttl/ttl-preview';

export function ttlRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.put('/:entity/:project/collections/:collection/versions/:version/ttl', async (c) => {
    const address = { entity: param(c, 'entity'), project: param(c, 'project'), collection: param(c, 'collection'), version: param(c, 'version') };
    return c.json(await setVersionTtl(ctx, address, await readJson(c)), 200);
  });
  app.put('/:entity/:project/settings', async (c) => c.json(await setProjectSettings(ctx, param(c, 'entity'), param(c, 'project'), await readJson(c)), 200));
  app.get('/:entity/:project/settings', async (c) => c.json(await getProjectSettings(ctx, param(c, 'entity'), param(c, 'project')), 200));
  app.get('/:entity/:project/settings/ttl-preview', async (c) =>
    c.json(await previewDefaultTtl(ctx, param(c, 'entity'), param(c, 'project'), c.req.query('defaultTtlDays')), 200),
  );
  return app;
}
