/** `GET /api/v1/projects` and Attic's `GET .../types`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** Project list and the types of a project. */
export function projectHandlers(db: MockDb): HttpHandler[] {
  return [
    apiRoute('get', '/projects', ({ url }) => json(db.listProjects(pageQuery(url)))),
    apiRoute('get', '/projects/:entity/:project/types', ({ params }) => json(db.listTypes(projectRef(params)))),
  ];
}
