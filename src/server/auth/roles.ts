/** Entities, the roles users hold on them, and the aliases an entity protects. */
import { ApiError, type EntityRole, type Member } from '../../domain';
import { type AtticContext, nowIso } from '../context';
import type { Db } from '../store/database';

export async function entityExists(db: Db, entity: string): Promise<boolean> {
  const row = await db.selectFrom('entities').select('name').where('name', '=', entity).executeTakeFirst();
  return row !== undefined;
}

/** Creates the entity if it is new (a site admin logging into it, or adding its first member). */
export async function ensureEntity(ctx: AtticContext, db: Db, entity: string): Promise<void> {
  await db
    .insertInto('entities')
    .values({ name: entity, created_at: nowIso(ctx) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function roleOf(db: Db, username: string, entity: string): Promise<EntityRole | null> {
  const row = await db.selectFrom('entity_members').select('role').where('entity', '=', entity).where('username', '=', username).executeTakeFirst();
  return row?.role ?? null;
}

export async function rolesOf(db: Db, username: string): Promise<{ entity: string; role: EntityRole }[]> {
  return db.selectFrom('entity_members').select(['entity', 'role']).where('username', '=', username).orderBy('entity').execute();
}

export async function listMembers(db: Db, entity: string): Promise<{ items: Member[] }> {
  const items = await db.selectFrom('entity_members').select(['username', 'role']).where('entity', '=', entity).orderBy('username').execute();
  return { items };
}

export async function setMember(db: Db, entity: string, username: string, role: EntityRole): Promise<void> {
  await db
    .insertInto('entity_members')
    .values({ entity, username, role })
    .onConflict((oc) => oc.columns(['entity', 'username']).doUpdateSet({ role }))
    .execute();
}

export async function removeMember(db: Db, entity: string, username: string): Promise<void> {
  const deleted = await db.deleteFrom('entity_members').where('entity', '=', entity).where('username', '=', username).executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new ApiError(404, 'USER_NOT_FOUND', `${username} is not a member of ${entity}.`, { entity, username });
}

export async function protectedAliases(db: Db, entity: string): Promise<string[]> {
  const rows = await db.selectFrom('protected_aliases').select('alias').where('entity', '=', entity).orderBy('alias').execute();
  return rows.map((r) => r.alias);
}

export async function setProtectedAliases(db: Db, entity: string, aliases: string[]): Promise<void> {
  await db.deleteFrom('protected_aliases').where('entity', '=', entity).execute();
  if (aliases.length > 0)
    await db
      .insertInto('protected_aliases')
      .values(aliases.map((alias) => ({ entity, alias })))
      .execute();
}
