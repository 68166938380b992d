/** An entity's members, protected aliases and audit log: `/api/v1/entities/:entity/*`. */
import { HttpResponse, type HttpHandler } from 'msw';
import { exportAudit, listAudit } from '../auth/audit';
import { getProtectedAliases, listMembers, removeMember, setMember, setProtectedAliases } from '../auth/entities';
import type { MockDb } from '../db';
import { apiRoute, json, readJson } from './route';

/** The entity routes; roles and the audit entries of changes are the guard's. */
export function entityHandlers(db: MockDb): HttpHandler[] {
  const base = '/entities/:entity';
  const entity = (params: Record<string, string>) => params.entity ?? '';
  return [
    apiRoute('get', `${base}/members`, ({ params }) => json(listMembers(db.auth, entity(params)))),
    apiRoute('put', `${base}/members/:username`, async ({ params, request }) =>
      json(setMember(db.auth, entity(params), params.username ?? '', await readJson(request))),
    ),
    apiRoute('delete', `${base}/members/:username`, ({ params }) => {
      removeMember(db.auth, entity(params), params.username ?? '');
      return new HttpResponse(null, { status: 204 });
    }),
    apiRoute('get', `${base}/protected-aliases`, ({ params }) => json(getProtectedAliases(db.auth, entity(params)))),
    apiRoute('put', `${base}/protected-aliases`, async ({ params, request }) => json(setProtectedAliases(db.auth, entity(params), await readJson(request)))),
    apiRoute('get', `${base}/audit`, ({ params, url }) => json(listAudit(db.auth, entity(params), url))),
    apiRoute('get', `${base}/audit/export`, ({ params, url }) => {
      const file = exportAudit(db.auth, entity(params), url);
      return new HttpResponse(file.body, {
        status: 200,
        headers: {
          'Content-Type': file.contentType,
          'Content-Disposition': `attachment; filename="${file.filename}"`,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    }),
  ];
}
