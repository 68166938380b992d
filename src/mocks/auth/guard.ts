/**
 * The mock backend's access control, in front of every route as the server's middleware is:
 * `401 UNAUTHENTICATED` without a session or key, `404` for an entity the caller holds no role on
 * (as if it did not exist), `403 FORBIDDEN` naming the role a permission needs, `403 PROTECTED_ALIAS`
 * for a change to a protected alias by a non-admin, and an audit entry for every change under an
 * entity, allowed or not. The routes behind it stay as they were: it dispatches to them with
 * MSW's `getResponse`, so a test's `server.use(...)` overrides still come first.
 */
import { getResponse, http, type HttpHandler, matchRequestUrl } from 'msw';
import { ApiError, errors } from '../../domain/errors';
import { isPermission } from '../../domain/accounts';
import type { Version } from '../../domain';
import type { MockDb } from '../db';
import { API_PATTERN, errorResponse, type RouteParams } from '../handlers/route';
import { type Caller, callerOf, unauthenticated } from './accounts';
import { recordAudit } from './audit';
import { guardProtectedAliases, requirePermission, seesEntity } from './entities';
import { ROUTE_RULES, type RouteRule } from './rules';

/** The rule for a request, with its path parameters; null for a route no rule names. */
export function findRule(method: string, url: URL): { rule: RouteRule; params: RouteParams } | null {
  for (const rule of ROUTE_RULES) {
    if (rule.method !== method) continue;
    const match = matchRequestUrl(url, `${API_PATTERN}${rule.path}`);
    if (!match.matches) continue;
    const params: RouteParams = {};
    for (const [key, value] of Object.entries(match.params ?? {})) if (typeof value === 'string') params[key] = decodeURIComponent(value);
    return { rule, params };
  }
  return null;
}

/** One handler for all of `/api/v1/*` that checks access, then answers with `routes`. */
export function authGuard(db: MockDb, routes: HttpHandler[]): HttpHandler {
  return http.all(`${API_PATTERN}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const found = findRule(request.method, url);
    if (found?.rule.access === 'public') return getResponse(routes, request);
    let audit: ((outcome: 'success' | 'denied' | 'failed', details: Record<string, unknown>) => void) | null = null;
    try {
      const caller = callerOf(db.auth, request.headers.get('authorization'), db.now());
      if (!caller) throw unauthenticated();
      if (!found) return (await getResponse(routes, request)) ?? errorResponse(errors.invalidRequest('No such route.'));
      const { rule, params } = found;
      const entity = params.entity ?? null;
      if (entity !== null && !seesEntity(db.auth, caller, entity)) {
        throw params.project !== undefined ? errors.projectNotFound(entity, params.project) : errors.entityNotFound(entity);
      }
      let target = entity ?? '';
      if (entity !== null && rule.action) {
        target = (await collectionTarget(rule, params, request)) ?? rule.target?.(params) ?? entity;
        audit = (outcome, details) =>
          recordAudit(db.auth, entity, { actor: caller.user.username, action: rule.action!, target, outcome, details: withKey(caller, details) }, db.now());
      }
      if (isPermission(rule.access)) requirePermission(db.auth, caller, rule.access, entity);
      if (entity !== null) await checkProtectedAliases(db, caller, rule, params, request);
      const unchanged = changesNothing(db, rule, params);
      const response = (await getResponse(routes, request)) ?? errorResponse(errors.invalidRequest('No such route.'));
      if (response.ok && rule.action === 'version.commit') target = (await committedTarget(params, response)) ?? target;
      if (audit && !(response.ok && unchanged))
        audit(response.ok ? 'success' : 'failed', response.ok ? {} : { status: response.status, code: await errorCode(response) });
      return response;
    } catch (error) {
      if (audit && error instanceof ApiError) audit(error.status === 403 ? 'denied' : 'failed', { code: error.code, ...error.details });
      return errorResponse(error);
    }
  });
}

/** A log's target names its collection, from the body, as the server's does once it has read it. */
async function collectionTarget(rule: RouteRule, params: RouteParams, request: Request): Promise<string | null> {
  if (rule.action !== 'version.log') return null;
  const body = (await request
    .clone()
    .json()
    .catch(() => null)) as { name?: unknown } | null;
  return typeof body?.name === 'string' ? `${params.entity}/${params.project}/${body.name}` : null;
}

/** A commit's target is the version it committed, from the answer. */
async function committedTarget(params: RouteParams, response: Response): Promise<string | null> {
  const version = (await response
    .clone()
    .json()
    .catch(() => null)) as { collection?: string; version?: string | null } | null;
  return version?.collection && version.version ? `${params.entity}/${params.project}/${version.collection}:${version.version}` : null;
}

/** A delete of a version deleted already, or a restore of a live one: the server answers 200 and records no change. */
function changesNothing(db: MockDb, rule: RouteRule, params: RouteParams): boolean {
  if (rule.action !== 'version.delete' && rule.action !== 'version.restore') return false;
  // An unknown version: the route answers its 404, which is recorded.
  const state = versionNamed(db, params)?.state;
  if (state === undefined) return false;
  return rule.action === 'version.delete' ? state === 'PENDING_DELETION' || state === 'DELETED' : state !== 'PENDING_DELETION';
}

/** The version the route's parameters name (or `ref` in its collection, e.g. an alias); null when there is none, for the route itself to answer 404. */
function versionNamed(db: MockDb, params: RouteParams, ref = params.version ?? ''): Version | null {
  try {
    return db.getVersion({ entity: params.entity ?? '', project: params.project ?? '' }, params.collection ?? '', ref);
  } catch {
    return null;
  }
}

const withKey = (caller: Caller, details: Record<string, unknown>) => (caller.key ? { ...details, key: caller.key.name } : details);

async function errorCode(response: Response): Promise<string | null> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: string } };
    return body.error?.code ?? null;
  } catch {
    return null;
  }
}

/** A member may not delete a version holding a protected alias, nor add, remove or move one. */
async function checkProtectedAliases(db: MockDb, caller: Caller, rule: RouteRule, params: RouteParams, request: Request): Promise<void> {
  const entity = params.entity ?? '';
  const current = () => versionNamed(db, params)?.aliases ?? [];
  if (rule.access === 'deleteVersion' && rule.method === 'DELETE') guardProtectedAliases(db.auth, caller, entity, current());
  if (rule.action === 'version.aliases') {
    const body = (await request
      .clone()
      .json()
      .catch(() => null)) as { aliases?: unknown } | null;
    const wanted = Array.isArray(body?.aliases) ? body.aliases.filter((a): a is string => typeof a === 'string') : [];
    const before = current();
    const touched = [...wanted.filter((a) => !before.includes(a)), ...before.filter((a) => !wanted.includes(a))];
    guardProtectedAliases(db.auth, caller, entity, touched);
  }
  if (rule.action === 'alias.move') guardProtectedAliases(db.auth, caller, entity, [params.alias ?? '']);
  if (rule.action === 'version.restore') guardProtectedAliases(db.auth, caller, entity, aliasesARestoreGivesBack(db, params));
}

/** The aliases a restore would give back: those its deletion removed that no version of the collection holds now. */
function aliasesARestoreGivesBack(db: MockDb, params: RouteParams): string[] {
  const version = versionNamed(db, params);
  if (version?.state !== 'PENDING_DELETION') return [];
  return version.deletedAliases.filter((alias) => versionNamed(db, params, alias) === null);
}
