/** `GET .../collections` and `GET .../collections/:collection`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** Collection list (by type and state) and one collection. */
export function collectionHandlers(db: MockDb): HttpHandler[] {
  const base = '/projects/:entity/:project/collections';
  return [
    apiRoute('get', base, ({ params, url }) =>
      json(
        db.listCollections(projectRef(params), {
          ...pageQuery(url),
          type: url.searchParams.get('type'),
          state: url.searchParams.get('state'),
        }),
      ),
    ),
    apiRoute('get', `${base}/:collection`, ({ params }) => json(db.getCollection(projectRef(params), params.collection ?? ''))),
  ];
}
