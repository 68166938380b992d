/** Delete, restore, previews, the pending-deletion review and bulk requests. */
import { Hono, type Context } from 'hono';
import { parseBooleanFlag } from '../../domain';
import type { AtticContext } from '../context';
import { runBulk } from '../deletion/bulk';
import { deleteCollection } from '../deletion/delete-collection';
import { restoreCollection } from '../deletion/restore-collection';
import { deleteVersion, restoreVersion, type VersionAddress } from '../deletion/delete-version';
import { listPendingDeletion } from '../deletion/pending';
import { previewCollectionDeletion, previewVersionDeletion } from '../deletion/preview';
import type { GcScheduler } from '../gc/scheduler';
import { pageParams, param, readJson } from '../http/request';

const VERSION = '/:entity/:project/collections/:collection/versions/:version';

function address(c: Context): VersionAddress {
  return { entity: param(c, 'entity'), project: param(c, 'project'), collection: param(c, 'collection'), version: param(c, 'version') };
}

const booleanFlag = (c: Context, name: string): boolean => parseBooleanFlag(name, c.req.query(name));

export function deletionRoutes(ctx: AtticContext, scheduler: GcScheduler) {
  const app = new Hono();
  app.delete(VERSION, async (c) => c.json(await deleteVersion(ctx, address(c), { deleteAliases: booleanFlag(c, 'deleteAliases') }), 200));
  app.post(`${VERSION}/restore`, async (c) => c.json(await restoreVersion(ctx, address(c)), 200));
  app.get(`${VERSION}/deletion-preview`, async (c) => c.json(await previewVersionDeletion(ctx.reads, address(c)), 200));
  app.delete('/:entity/:project/collections/:collection', async (c) =>
    c.json(await deleteCollection(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'collection')), 200),
  );
  app.post('/:entity/:project/collections/:collection/restore', async (c) =>
    c.json(await restoreCollection(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'collection')), 200),
  );
  app.get('/:entity/:project/collections/:collection/deletion-preview', async (c) =>
    c.json(await previewCollectionDeletion(ctx.reads, param(c, 'entity'), param(c, 'project'), param(c, 'collection')), 200),
  );
  app.get('/:entity/:project/pending-deletion', async (c) =>
    c.json(await listPendingDeletion(ctx, scheduler, param(c, 'entity'), param(c, 'project'), pageParams(c)), 200),
  );
  app.post('/:entity/:project/bulk-delete', async (c) => c.json(await runBulk(ctx, param(c, 'entity'), param(c, 'project'), await readJson(c), 'delete'), 200));
  app.post('/:entity/:project/bulk-restore', async (c) =>
    c.json(await runBulk(ctx, param(c, 'entity'), param(c, 'project'), await readJson(c), 'restore'), 200),
  );
  return app;
}
