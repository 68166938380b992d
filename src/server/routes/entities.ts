/** An entity's members, protected aliases and audit log; the site's users and log. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ApiError, EntityRoleSchema, errors, isValidAlias, LATEST_ALIAS, sortAliases } from '../../domain';
import { createUser, findUser, listUsers, validatePassword, validateUsername } from '../auth/accounts';
import { auditSuccess, listAudit, type AuditQuery } from '../auth/audit';
import { auditExport } from '../auth/audit-export';
import { ensureEntity, entityExists, listMembers, protectedAliases, removeMember, setMember, setProtectedAliases } from '../auth/roles';
import { type AtticContext, nowIso } from '../context';
import { pageParams, param, readJson } from '../http/request';

async function existingEntity(ctx: AtticContext, c: Context): Promise<string> {
  const entity = param(c, 'entity');
  if (!(await entityExists(ctx.db, entity))) throw errors.entityNotFound(entity);
  return entity;
}

function auditQuery(c: Context): AuditQuery {
  return {
    actor: c.req.query('actor'),
    action: c.req.query('action'),
    target: c.req.query('target'),
    since: c.req.query('since'),
    until: c.req.query('until'),
  };
}

function validProtectedAliases(body: unknown): string[] {
  const aliases = (body as { aliases?: unknown } | null)?.aliases;
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string'))
    throw new ApiError(400, 'INVALID_REQUEST', 'Send {"aliases": ["production", ...]}.', { field: 'aliases' });
  for (const alias of aliases as string[]) {
    if (!isValidAlias(alias)) throw errors.invalidAlias(alias);
    if (alias === LATEST_ALIAS) throw errors.aliasManaged(alias);
  }
  return sortAliases(aliases as string[]);
}

export function entityRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.get('/:entity/members', async (c) => c.json(await listMembers(ctx.db, await existingEntity(ctx, c)), 200));
  app.put('/:entity/members/:username', async (c) => {
    const entity = param(c, 'entity');
    const username = param(c, 'username');
    const parsed = EntityRoleSchema.safeParse(((await readJson(c)) as { role?: unknown } | null)?.role);
    if (!parsed.success) throw new ApiError(400, 'INVALID_REQUEST', 'Send {"role": "viewer" | "member" | "admin"}.', { field: 'role' });
    if (!(await findUser(ctx.db, username))) throw new ApiError(404, 'USER_NOT_FOUND', `There is no user named ${username}.`, { username });
    await ctx.db.transaction().execute(async (trx) => {
      await ensureEntity(ctx, trx, entity); // only site admins get here for an entity that does not exist yet
      await setMember(trx, entity, username, parsed.data);
      await auditSuccess(trx, nowIso(ctx), { role: parsed.data });
    });
    return c.json({ username, role: parsed.data }, 200);
  });
  app.delete('/:entity/members/:username', async (c) => {
    const entity = await existingEntity(ctx, c);
    await ctx.db.transaction().execute(async (trx) => {
      await removeMember(trx, entity, param(c, 'username'));
      await auditSuccess(trx, nowIso(ctx));
    });
    return c.body(null, 204);
  });
  app.get('/:entity/protected-aliases', async (c) => c.json({ aliases: await protectedAliases(ctx.db, await existingEntity(ctx, c)) }, 200));
  app.put('/:entity/protected-aliases', async (c) => {
    const entity = await existingEntity(ctx, c);
    const aliases = validProtectedAliases(await readJson(c));
    await ctx.db.transaction().execute(async (trx) => {
      const before = await protectedAliases(trx, entity);
      await setProtectedAliases(trx, entity, aliases);
      await auditSuccess(trx, nowIso(ctx), { before, after: aliases });
    });
    return c.json({ aliases }, 200);
  });
  app.get('/:entity/audit', async (c) => c.json(await listAudit(ctx.db, await existingEntity(ctx, c), auditQuery(c), pageParams(c)), 200));
  app.get('/:entity/audit/export', async (c) => {
    const entity = await existingEntity(ctx, c);
    return auditExport(ctx, c, entity, auditQuery(c), `attic-audit-${entity}`);
  });
  return app;
}

export function siteRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.get('/users', async (c) => c.json(await listUsers(ctx.db), 200));
  app.post('/users', async (c) => {
    const body = ((await readJson(c)) ?? {}) as Record<string, unknown>;
    const username = validateUsername(body.username);
    const password = validatePassword(body.password);
    if (body.siteAdmin !== undefined && typeof body.siteAdmin !== 'boolean')
      throw new ApiError(400, 'INVALID_REQUEST', 'siteAdmin is true or false.', { field: 'siteAdmin' });
    const user = await ctx.db.transaction().execute(async (trx) => {
      const made = await createUser(ctx, trx, { username, password, siteAdmin: body.siteAdmin === true });
      await auditSuccess(trx, nowIso(ctx), { siteAdmin: made.siteAdmin });
      return made;
    });
    return c.json(user, 201);
  });
  app.get('/audit', async (c) => c.json(await listAudit(ctx.db, null, auditQuery(c), pageParams(c)), 200));
  app.get('/audit/export', async (c) => auditExport(ctx, c, null, auditQuery(c), 'attic-audit-site'));
  return app;
}
