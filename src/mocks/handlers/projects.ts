/** `GET /api/v1/projects` and Attic's `GET .../types`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { callerOf } from '../auth/accounts';
import { seesEntity } from '../auth/entities';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** Project list and the types of a project. */
export function projectHandlers(db: MockDb): HttpHandler[] {
  return [
    apiRoute('get', '/projects', ({ url, request }) => {
      // Only what the caller may see: a project of an entity they hold no role on is not listed.
      const caller = callerOf(db.auth, request.headers.get('authorization'), db.now());
      return json(db.listProjects(pageQuery(url), (entity) => caller !== null && seesEntity(db.auth, caller, entity)));
    }),
    apiRoute('get', '/projects/:entity/:project/types', ({ params }) => json(db.listTypes(projectRef(params)))),
  ];
}
