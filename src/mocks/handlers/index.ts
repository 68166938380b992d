/** Every mock route of the API, built on one mock db. */
import type { HttpHandler } from 'msw';
import { ApiError } from '../../domain/errors';
import type { MockDb } from '../db';
import { aliasHandlers } from './aliases';
import { artifactHandlers } from './artifacts';
import { blobHandlers } from './blobs';
import { collectionHandlers } from './collections';
import { deletionHandlers } from './deletion';
import { fileHandlers } from './files';
import { gcHandlers } from './gc';
import { healthHandlers } from './health';
import { projectHandlers } from './projects';
import { apiRoute, DELETE_500_SENTINEL, ERROR_500_SENTINEL } from './route';
import { runHandlers } from './runs';
import { ttlHandlers } from './ttl';
import { versionHandlers } from './versions';

export { DELETE_500_SENTINEL, ERROR_500_SENTINEL };

/** All handlers, with a last catch-all that answers API routes the mocks lack with `404 NOT_FOUND` instead of letting them reach the network. */
export function createHandlers(db: MockDb): HttpHandler[] {
  return [
    ...healthHandlers(),
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
