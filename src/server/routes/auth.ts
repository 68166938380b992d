/** Sign-in, sign-out, the caller's own account and API keys, and the demo's accounts. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ApiError } from '../../domain';
import { checkPassword, setPassword, validatePassword } from '../auth/accounts';
import { auditSuccess, writeAudit } from '../auth/audit';
import { auditText, auditUsername } from '../auth/audit-text';
import { createApiKey, createSession, endSession, listApiKeys, revokeApiKey, SESSION_COOKIE } from '../auth/credentials';
import { demoAccounts } from '../auth/demo-accounts';
import { rolesOf } from '../auth/roles';
import { currentCaller } from '../auth/scope';
import { clearUserFailures, recordFailure, refuseIfThrottled } from '../auth/throttle';
import { type AtticContext, nowIso } from '../context';
import { clientAddress, requestScheme } from '../http/forwarded';
import { param, readJson } from '../http/request';

function credentials(body: unknown): { username: string; password: string } {
  const { username, password } = (body ?? {}) as Record<string, unknown>;
  if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '')
    throw new ApiError(400, 'INVALID_REQUEST', 'Send {"username": "...", "password": "..."}.', { fields: ['username', 'password'] });
  // No account is named with a NUL (user names are checked when made), and PostgreSQL could not
  // even look one up: the same 400 on every store, before any failure is counted.
  if (username.includes('\0')) throw new ApiError(400, 'INVALID_REQUEST', 'A user name never holds the NUL character (\\u0000).', { fields: ['username'] });
  return { username, password };
}

function signedIn(): NonNullable<ReturnType<typeof currentCaller>> {
  const caller = currentCaller();
  if (!caller) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first.');
  return caller;
}

async function startSession(ctx: AtticContext, c: Context, username: string): Promise<void> {
  const session = await createSession(ctx, username);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    // Behind a TLS-terminating proxy the connection is http; only TRUST_PROXY lets its report count.
    secure: requestScheme(c, ctx.config.trustProxy) === 'https',
    path: '/',
    maxAge: ctx.config.sessionTtlSeconds,
  });
}

export function authRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.post('/login', async (c) => {
    const { username, password } = credentials(await readJson(c));
    // Anyone may send any name here: the log and the throttle keep it bounded (a real name is kept
    // whole), so that no sign-in attempt, throttled or not, can grow the database by its size.
    const who = { username: auditUsername(username), address: auditText(clientAddress(c, ctx.config.trustProxy)) };
    const log = (outcome: 'success' | 'denied', details: Record<string, unknown>) =>
      writeAudit(ctx.db, nowIso(ctx), {
        entity: null,
        actor: who.username,
        action: 'auth.login',
        target: `user ${who.username}`,
        outcome,
        details: { address: who.address, ...details },
      });
    try {
      await refuseIfThrottled(ctx, who);
    } catch (error) {
      await log('denied', { code: 'TOO_MANY_ATTEMPTS' });
      c.header('Retry-After', String((error as ApiError).details.retryAfterSeconds ?? 900));
      throw error;
    }
    const user = await checkPassword(ctx.db, username, password);
    if (!user) {
      await recordFailure(ctx, who);
      await log('denied', { code: 'INVALID_CREDENTIALS' });
      throw new ApiError(401, 'INVALID_CREDENTIALS', 'The user name or the password is wrong.');
    }
    await clearUserFailures(ctx, user.username);
    await startSession(ctx, c, user.username);
    await log('success', {});
    return c.json({ user }, 200);
  });
  app.get('/demo-users', async (c) => c.json({ items: ctx.config.demoData ? await demoAccounts(ctx.db) : [] }, 200));
  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(ctx.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200);
  });
  app.get('/me', async (c) => {
    const caller = signedIn();
    return c.json({ user: { username: caller.username, siteAdmin: caller.siteAdmin }, roles: await rolesOf(ctx.db, caller.username) }, 200);
  });
  app.post('/password', async (c) => {
    const caller = signedIn();
    const body = (await readJson(c)) as Record<string, unknown> | null;
    const current = body?.currentPassword;
    const next = validatePassword(body?.newPassword, 'newPassword');
    if (typeof current !== 'string' || !(await checkPassword(ctx.db, caller.username, current)))
      throw new ApiError(400, 'INVALID_CREDENTIALS', 'The current password is wrong.', { field: 'currentPassword' });
    await ctx.db.transaction().execute(async (trx) => {
      await setPassword(ctx, trx, caller.username, next);
      await auditSuccess(trx, nowIso(ctx));
    });
    // Every session ended with the change, this one too; the client that changed it stays signed in.
    await startSession(ctx, c, caller.username);
    return c.json({ user: { username: caller.username, siteAdmin: caller.siteAdmin } }, 200);
  });
  app.get('/api-keys', async (c) => c.json(await listApiKeys(ctx.db, signedIn().username), 200));
  app.post('/api-keys', async (c) => {
    const caller = signedIn();
    const body = await readJson(c);
    const created = await ctx.db.transaction().execute(async (trx) => {
      const key = await createApiKey(ctx, trx, caller.username, body);
      await auditSuccess(trx, nowIso(ctx), { id: key.id, name: key.name });
      return key;
    });
    return c.json(created, 201);
  });
  app.delete('/api-keys/:id', async (c) => {
    const caller = signedIn();
    await ctx.db.transaction().execute(async (trx) => {
      await revokeApiKey(trx, caller.username, param(c, 'id'));
      await auditSuccess(trx, nowIso(ctx));
    });
    return c.body(null, 204);
  });
  return app;
}
