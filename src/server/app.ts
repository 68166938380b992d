/** The HTTP application: the API under /api/v1 and the built web app at /, on one port. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { except } from 'hono/combine';
import { ApiError, API_BASE } from '../domain';
import { accessControl } from './auth/access-control';
import type { AtticContext } from './context';
import { errorResponse, handleError } from './http/errors';
import { jsonBodies } from './http/json-body';
import { noNulInUrl } from './http/no-nul';
import { ownHostnames, ownHostsOnly } from './http/own-hosts';
import { sameOriginWrites } from './http/same-origin-writes';
import { trafficOf } from './http/traffic';
import { securityHeaders } from './http/security-headers';
import type { GcScheduler } from './gc/scheduler';
import { aliasRoutes } from './routes/aliases';
import { authRoutes } from './routes/auth';
import { entityRoutes, siteRoutes } from './routes/entities';
import { artifactRoutes, BLOB_UPLOAD } from './routes/artifacts';
import { deletionRoutes } from './routes/deletion';
import { deletionJobRoutes } from './routes/deletion-jobs';
import { gcRoutes, storageRoutes } from './routes/gc';
import { ttlRoutes } from './routes/ttl';
import { projectRoutes } from './routes/projects';
import { versionRoutes } from './routes/versions';

export interface AppOptions {
  /** Directory of the built web app (`vite build`); omitted in API-only tests. */
  webRoot?: string;
}

export function createApp(ctx: AtticContext, gc: GcScheduler, options: AppOptions = {}) {
  const app = new Hono();
  app.onError(handleError);
  // First, so that background work sees every request, refused ones included.
  app.use('*', trafficOf(ctx).middleware());
  // In this order: every answer gets the headers, refusals included; then who may ask; then the body.
  app.use('*', securityHeaders());
  app.use('*', ownHostsOnly(ownHostnames(ctx.config.host, ctx.config.allowedHosts)));
  app.use('*', sameOriginWrites(ctx.config.trustProxy));
  app.use(`${API_BASE}/*`, noNulInUrl());
  app.use(`${API_BASE}/*`, except(`${API_BASE}/projects${BLOB_UPLOAD}`, jsonBodies(ctx.config.maxJsonBytes)));
  app.use(`${API_BASE}/*`, accessControl(ctx));

  const api = new Hono();
  api.get('/health', (c) => c.json({ status: 'ok' }, 200));
  api.route('/auth', authRoutes(ctx));
  api.route('/entities', entityRoutes(ctx));
  api.route('/', siteRoutes(ctx));
  api.route('/projects', projectRoutes(ctx));
  api.route('/projects', versionRoutes(ctx));
  api.route('/projects', artifactRoutes(ctx));
  api.route('/projects', deletionRoutes(ctx, gc));
  api.route('/projects', deletionJobRoutes(ctx));
  api.route('/projects', storageRoutes(ctx));
  api.route('/projects', ttlRoutes(ctx));
  api.route('/projects', aliasRoutes(ctx));
  api.route('/gc', gcRoutes(ctx, gc));
  api.all('*', (c) => errorResponse(c, new ApiError(404, 'NOT_FOUND', `No API route ${c.req.method} ${c.req.path}; see the README's API section.`)));
  app.route(API_BASE, api);

  const webRoot = options.webRoot;
  if (webRoot && existsSync(path.join(webRoot, 'index.html'))) {
    const relativeRoot = path.relative(process.cwd(), webRoot) || '.';
    app.use('/*', serveStatic({ root: relativeRoot }));
    // Client-side routes (deep links) get the app shell, read each time (it is tiny) so that a
    // rebuild while the server runs never serves the names of assets that no longer exist.
    app.get('*', async (c) => c.html(await readFile(path.join(webRoot, 'index.html'), 'utf8'), 200));
  } else {
    app.get('*', (c) => c.text('Attic API is running. The web app is not built: run `npm run build` (or `npm start`, which builds it).', 200));
  }
  return app;
}
