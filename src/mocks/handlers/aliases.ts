/** `PUT .../versions/:version/aliases` and `POST .../collections/:collection/aliases/:alias/move`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, projectRef, readJson } from './route';

/** Alias editing. */
export function aliasHandlers(db: MockDb): HttpHandler[] {
  const collection = '/projects/:entity/:project/collections/:collection';
  return [
    apiRoute('put', `${collection}/versions/:version/aliases`, async ({ params, request }) =>
      json(db.setVersionAliases(projectRef(params), params.collection ?? '', params.version ?? '', await readJson(request))),
    ),
    apiRoute('post', `${collection}/aliases/:alias/move`, async ({ params, request }) =>
      json(db.moveAlias(projectRef(params), params.collection ?? '', params.alias ?? '', await readJson(request))),
    ),
  ];
}
