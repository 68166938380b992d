/** Sign-in, the session, passwords, API keys and users: `/api/v1/auth/*` and `/api/v1/users`. */
import { HttpResponse, type HttpHandler } from 'msw';
import * as accounts from '../auth/accounts';
import type { MockDb } from '../db';
import { apiRoute, json, readJson } from './route';

/** The account routes; the guard in front has already refused a caller without a session where one is needed. */
export function authHandlers(db: MockDb): HttpHandler[] {
  const caller = (request: Request) => {
    const found = accounts.callerOf(db.auth, request.headers.get('authorization'), db.now());
    if (!found) throw accounts.unauthenticated();
    return found;
  };
  return [
    apiRoute('post', '/auth/login', async ({ request }) => json(accounts.login(db.auth, await readJson(request)))),
    apiRoute('get', '/auth/demo-users', () => json(accounts.demoUsers(db.auth))),
    apiRoute('post', '/auth/logout', () => {
      accounts.logout(db.auth);
      return new HttpResponse(null, { status: 204 });
    }),
    apiRoute('get', '/auth/me', ({ request }) => json(accounts.me(db.auth, caller(request)))),
    apiRoute('post', '/auth/password', async ({ request }) => json(accounts.changePassword(caller(request), await readJson(request)))),
    apiRoute('get', '/auth/api-keys', ({ request }) => json(accounts.listApiKeys(db.auth, caller(request)))),
    apiRoute('post', '/auth/api-keys', async ({ request }) => json(accounts.createApiKey(db.auth, caller(request), await readJson(request), db.now()), 201)),
    apiRoute('delete', '/auth/api-keys/:id', ({ request, params }) => {
      accounts.revokeApiKey(db.auth, caller(request), params.id ?? '');
      return new HttpResponse(null, { status: 204 });
    }),
    apiRoute('get', '/users', () => json(accounts.listUsers(db.auth))),
    apiRoute('post', '/users', async ({ request }) => json(accounts.createUser(db.auth, await readJson(request), db.now()), 201)),
  ];
}
