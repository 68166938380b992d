/** `POST .../artifacts` (log a version) and `POST .../artifacts/:id/commit`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, projectRef, readJson } from './route';

/** Logging and committing versions. */
export function artifactHandlers(db: MockDb): HttpHandler[] {
  const base = '/projects/:entity/:project/artifacts';
  return [
    apiRoute('post', base, async ({ params, request }) => json(db.logVersion(projectRef(params), await readJson(request)), 201)),
    apiRoute('post', `${base}/:id/commit`, ({ params }) => json(db.commitVersion(projectRef(params), params.id ?? ''))),
  ];
}
