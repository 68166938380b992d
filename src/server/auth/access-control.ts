/**
 * Access control for /api/v1: who is asking (session cookie or bearer key), whether the route's
 * rule lets them, and the audit entries of what was refused or failed. The change itself writes its
 * success entry in its own transaction (audit.ts); a successful change without one is a bug, said
 * loudly (console.error fails every test that hits it).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { TrieRouter } from 'hono/router/trie-router';
import { allows, API_BASE, ApiError, errors, forbiddenReason, type Permission, requireName } from '../../domain';
import { type AtticContext, nowIso } from '../context';
import { writeAudit } from './audit';
import { auditText } from './audit-text';
import { callerFromApiKey, callerFromSession, SESSION_COOKIE } from './credentials';
import { entityExists, roleOf } from './roles';
import { ROUTE_RULES, type RouteRule, targetOf } from './route-rules';
import { type Caller, type RequestScope, runInScope } from './scope';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function ruleRouter() {
  const router = new TrieRouter<RouteRule>();
  for (const rule of ROUTE_RULES) router.add(rule.method, `${API_BASE}${rule.path}`, rule);
  return router;
}

function decoded(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

const unauthenticated = () =>
  new ApiError(401, 'UNAUTHENTICATED', 'Sign in first: send the session cookie from POST /api/v1/auth/login, or Authorization: Bearer <API key>.');

async function identify(ctx: AtticContext, c: Context): Promise<Caller | null> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    // A key that is wrong is refused even if a cookie would do: the client meant the key.
    const caller = match ? await callerFromApiKey(ctx, match[1]!) : null;
    if (!caller) throw new ApiError(401, 'UNAUTHENTICATED', 'This API key is not valid: it was revoked, or mistyped. Create one under API keys.');
    return caller;
  }
  const token = getCookie(c, SESSION_COOKIE);
  return token ? callerFromSession(ctx, token) : null;
}

/** As if the entity did not exist: the same answer a missing project or entity gets. */
function hidden(params: Record<string, string>): ApiError {
  return params.project !== undefined ? errors.projectNotFound(params.entity!, params.project) : errors.entityNotFound(params.entity!);
}

async function errorCode(res: Response): Promise<string> {
  try {
    const body = (await res.clone().json()) as { error?: { code?: string } };
    return body.error?.code ?? `HTTP_${res.status}`;
  } catch {
    return `HTTP_${res.status}`;
  }
}

export function accessControl(ctx: AtticContext): MiddlewareHandler {
  const router = ruleRouter();
  return async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const [match] = router.match(method, c.req.path)[0] as [RouteRule, Record<string, string>][];
    if (!match) return next(); // no such route: the API's 404
    const [rule, rawParams] = match;
    const params = decoded(rawParams);
    // Before any lookup or audit entry: an entity by a name the contract refuses is never made or recorded.
    if (params.entity !== undefined) requireName('entity', params.entity);
    const entity = rule.access.kind === 'entity' ? (params.entity ?? null) : null;
    const scope: RequestScope = {
      caller: null,
      actor: 'anonymous',
      entity,
      action: rule.action ?? '',
      target: targetOf(params),
      recorded: false,
      unchanged: false,
    };
    const audit = (outcome: 'denied' | 'failed', details: Record<string, unknown>) =>
      rule.action
        ? writeAudit(ctx.db, nowIso(ctx), {
            // A site admin's failed request may name an entity that cannot exist.
            entity: entity === null ? null : auditText(entity),
            actor: scope.actor,
            action: rule.action,
            target: scope.target,
            outcome,
            details: withKey(scope.caller, details),
          })
        : Promise.resolve();

    if (rule.access.kind !== 'public') {
      const caller = await identify(ctx, c);
      if (!caller) throw unauthenticated();
      scope.caller = caller;
      scope.actor = caller.username;
      const permission: Permission | null = rule.access.kind === 'signedIn' ? null : rule.access.permission;
      if (permission !== null) {
        const role = entity !== null && !caller.siteAdmin ? await roleOf(ctx.db, caller.username, entity) : null;
        if (entity !== null && !caller.siteAdmin && role === null) {
          if (!READS.has(method) && (await entityExists(ctx.db, entity))) await audit('denied', { code: 'NOT_FOUND', reason: 'no role on the entity' });
          throw hidden(params);
        }
        if (!allows(permission, role, caller.siteAdmin)) {
          if (!READS.has(method)) await audit('denied', { code: 'FORBIDDEN', permission, role });
          throw new ApiError(403, 'FORBIDDEN', forbiddenReason(permission), { permission, role, entity });
        }
      }
    }
    await runInScope(scope, next);
    // The public sign-in route writes its own entries: it knows the user name tried.
    if (READS.has(method) || !rule.action || rule.access.kind === 'public') return;
    const status = c.res.status;
    if (status >= 400) {
      await audit(status === 403 ? 'denied' : 'failed', { code: await errorCode(c.res), status });
    } else if (!scope.recorded && !scope.unchanged) {
      console.error(`[attic] ${method} ${c.req.path} changed something without writing its audit entry (${rule.action}).`);
    }
  };
}

function withKey(caller: Caller | null, details: Record<string, unknown>): Record<string, unknown> {
  return caller?.keyName ? { ...details, key: caller.keyName } : details;
}
