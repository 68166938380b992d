/** `GET .../runs/:runId/logged-artifacts`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** The versions a run created. */
export function runHandlers(db: MockDb): HttpHandler[] {
  return [
    apiRoute('get', '/projects/:entity/:project/runs/:runId/logged-artifacts', ({ params, url }) =>
      json(db.listLoggedArtifacts(projectRef(params), params.runId ?? '', { ...pageQuery(url), state: url.searchParams.get('state') })),
    ),
  ];
}
