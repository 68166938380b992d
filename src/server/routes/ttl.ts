/** TTL of a version and the project's default. */
import { Hono } from 'hono';
import type { AtticContext } from '../context';
import { param, readJson } from '../http/request';
import { setProjectSettings, setVersionTtl } from '../ttl/ttl';

export function ttlRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.put('/:entity/:project/collections/:collection/versions/:version/ttl', async (c) => {
    const address = { entity: param(c, 'entity'), project: param(c, 'project'), collection: param(c, 'collection'), version: param(c, 'version') };
    return c.json(await setVersionTtl(ctx, address, await readJson(c)), 200);
  });
  app.put('/:entity/:project/settings', async (c) => c.json(await setProjectSettings(ctx, param(c, 'entity'), param(c, 'project'), await readJson(c)), 200));
  return app;
}
