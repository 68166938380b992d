/** `GET .../versions` and `GET .../versions/:version`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** Version list (by state and alias, newest first) and one version by `vN` or alias. */
export function versionHandlers(db: MockDb): HttpHandler[] {
  const base = '/projects/:entity/:project/collections/:collection/versions';
  return [
    apiRoute('get', base, ({ params, url }) =>
      json(
        db.listVersions(projectRef(params), params.collection ?? '', {
          ...pageQuery(url),
          state: url.searchParams.get('state'),
          alias: url.searchParams.get('alias'),
        }),
      ),
    ),
    apiRoute('get', `${base}/:version`, ({ params }) => json(db.getVersion(projectRef(params), params.collection ?? '', params.version ?? ''))),
  ];
}
