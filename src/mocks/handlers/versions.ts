/** `GET .../versions` and `GET .../versions/:version`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { VERSION_LIST_PARAMS } from '../../domain/version-list';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** Version list (filtered and sorted as the server's) and one version by `vN` or alias. */
export function versionHandlers(db: MockDb): HttpHandler[] {
  const base = '/projects/:entity/:project/collections/:collection/versions';
  return [
    apiRoute('get', base, ({ params, url }) =>
      json(
        db.listVersions(projectRef(params), params.collection ?? '', {
          ...pageQuery(url),
          ...Object.fromEntries(VERSION_LIST_PARAMS.map((name) => [name, url.searchParams.get(name)])),
        }),
      ),
    ),
    apiRoute('get', `${base}/:version`, ({ params }) => json(db.getVersion(projectRef(params), params.collection ?? '', params.version ?? ''))),
  ];
}
