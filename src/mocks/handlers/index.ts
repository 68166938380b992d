/** Every mock route of the API, built on one mock db. */
import type { HttpHandler } from 'msw';
import { ApiError } from '../../domain/errors';
import type { MockDb } from '../db';
import { authGuard } from '../auth/guard';
import { aliasHandlers } from './aliases';
import { artifactHandlers } from './artifacts';
import { authHandlers } from './auth';
import { blobHandlers } from './blobs';
import { collectionHandlers } from './collections';
import { deletionHandlers } from './deletion';
import { entityHandlers } from './entities';
import { fileHandlers } from './files';
import { gcHandlers } from './gc';
import { healthHandlers } from './health';
import { projectHandlers } from './projects';
import { apiRoute, DELETE_500_SENTINEL, ERROR_500_SENTINEL } from './route';
import { runHandlers } from './runs';
import { ttlHandlers } from './ttl';
import { versionHandlers } from './versions';

export { DELETE_500_SENTINEL, ERROR_500_SENTINEL };

/**
 * All handlers behind the access guard (src/mocks/auth/guard.ts), which checks the session, roles
 * and protected aliases and writes the audit log before it hands a request to them.
 */
export function createHandlers(db: MockDb): HttpHandler[] {
  return [authGuard(db, routeHandlers(db))];
}

/** Every route, with a last catch-all that answers API routes the mocks lack with `404 NOT_FOUND` instead of letting them reach the network. */
export function routeHandlers(db: MockDb): HttpHandler[] {
  return [
    ...healthHandlers(),
    ...authHandlers(db),
    ...entityHandlers(db),
    ...projectHandlers(db),
    ...collectionHandlers(db),
    ...versionHandlers(db),
    ...fileHandlers(db),
    ...runHandlers(db),
    ...artifactHandlers(db),
    ...blobHandlers(db),
    ...deletionHandlers(db),
    ...gcHandlers(db),
    ...ttlHandlers(db),
    ...aliasHandlers(db),
    ...unknownRouteHandlers(),
  ];
}

function unknownRouteHandlers(): HttpHandler[] {
  const notFound = ({ request, url }: { request: Request; url: URL }): Response => {
    throw new ApiError(404, 'NOT_FOUND', `No API route ${request.method} ${url.pathname}; see the README's API section.`);
  };
  return (['get', 'post', 'put', 'delete'] as const).map((method) => apiRoute(method, '/*', notFound));
}
