/** Logging versions: manifest, blob upload, commit; and the versions a run logged. */
import { Hono } from 'hono';
import { parseVersionStateFilter } from '../../domain';
import { commitVersion, logVersion } from '../artifacts/log-version';
import { listLoggedArtifacts, requireProject } from '../artifacts/queries';
import { uploadBlob } from '../artifacts/upload-blob';
import type { AtticContext } from '../context';
import { pageParams, param, readJson } from '../http/request';

/** The one route whose body is raw bytes, not JSON (MAX_BLOB_BYTES, not MAX_JSON_BYTES). */
export const BLOB_UPLOAD = '/:entity/:project/blobs/:digest';

export function artifactRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.post('/:entity/:project/artifacts', async (c) => {
    const result = await logVersion(ctx, param(c, 'entity'), param(c, 'project'), await readJson(c));
    return c.json(result, 201);
  });
  app.post('/:entity/:project/artifacts/:id/commit', async (c) => {
    return c.json(await commitVersion(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'id')), 200);
  });
  app.put(BLOB_UPLOAD, async (c) => {
    const body = c.req.raw.body ?? emptyBody();
    const result = await uploadBlob(ctx, param(c, 'entity'), param(c, 'project'), param(c, 'digest'), body as unknown as AsyncIterable<Uint8Array>);
    return c.json(result, 201);
  });
  app.get('/:entity/:project/runs/:runId/logged-artifacts', async (c) => {
    const project = await requireProject(ctx.db, param(c, 'entity'), param(c, 'project'));
    return c.json(await listLoggedArtifacts(ctx.db, project, param(c, 'runId'), parseVersionStateFilter(c.req.query('state')), pageParams(c)), 200);
  });
  return app;
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
