/** `PUT .../versions/:version/ttl`, `PUT` and `GET .../settings` (the project's default TTL) and the default's preview. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, projectRef, readJson } from './route';

/** A version's TTL and the project's settings. */
export function ttlHandlers(db: MockDb): HttpHandler[] {
  const project = '/projects/:entity/:project';
  return [
    apiRoute('put', `${project}/collections/:collection/versions/:version/ttl`, async ({ params, request }) =>
      json(db.setVersionTtl(projectRef(params), params.collection ?? '', params.version ?? '', await readJson(request))),
    ),
    apiRoute('put', `${project}/settings`, async ({ params, request }) => json(db.setProjectSettings(projectRef(params), await readJson(request)))),
    apiRoute('get', `${project}/settings`, ({ params }) => json(db.getProjectSettings(projectRef(params)))),
    apiRoute('get', `${project}/settings/ttl-preview`, ({ params, url }) =>
      json(db.previewDefaultTtl(projectRef(params), url.searchParams.get('defaultTtlDays'))),
    ),
  ];
}
