/** Users: the built-in site admin, accounts made by site admins, passwords and their changes. */
import { ApiError, isValidUsername, type SessionUser } from '../../domain';
import type { AtticContext } from '../context';
import { nowIso } from '../context';
import type { Db } from '../store/database';
import { hashPassword, randomPassword, verifyNobody, verifyPassword } from './secrets';

export const ADMIN_USERNAME = 'admin';
const MIN_PASSWORD = 8;

export function validateUsername(username: unknown): string {
  if (typeof username !== 'string' || !isValidUsername(username))
    throw new ApiError(400, 'INVALID_NAME', 'A user name is 1 to 64 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.', {
      field: 'username',
    });
  return username;
}

export function validatePassword(password: unknown, field = 'password'): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD || password.length > 1024)
    throw new ApiError(400, 'INVALID_REQUEST', `A password is ${MIN_PASSWORD} to 1024 characters.`, { field });
  return password;
}

export async function findUser(db: Db, username: string): Promise<SessionUser | null> {
  const row = await db.selectFrom('users').select(['username', 'site_admin']).where('username', '=', username).executeTakeFirst();
  return row ? { username: row.username, siteAdmin: row.site_admin === 1 } : null;
}

/** The user if the password is theirs; as slow for an unknown name as for a wrong password. */
export async function checkPassword(db: Db, username: string, password: string): Promise<SessionUser | null> {
  const row = await db.selectFrom('users').select(['username', 'site_admin', 'password_hash']).where('username', '=', username).executeTakeFirst();
  if (!row) return verifyNobody(password).then(() => null);
  return (await verifyPassword(password, row.password_hash)) ? { username: row.username, siteAdmin: row.site_admin === 1 } : null;
}

export async function createUser(ctx: AtticContext, db: Db, input: { username: string; password: string; siteAdmin: boolean }): Promise<SessionUser> {
  const hash = await hashPassword(input.password);
  const now = nowIso(ctx);
  const inserted = await db
    .insertInto('users')
    .values({ username: input.username, password_hash: hash, site_admin: input.siteAdmin ? 1 : 0, created_at: now, password_changed_at: now })
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
    throw new ApiError(409, 'USER_EXISTS', `A user named ${input.username} already exists.`, { username: input.username });
  return { username: input.username, siteAdmin: input.siteAdmin };
}

/** A new password ends every session and leaves API keys as they are (they are revoked one by one). */
export async function setPassword(ctx: AtticContext, db: Db, username: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db
    .updateTable('users')
    .set({ password_hash: hash, password_changed_at: nowIso(ctx) })
    .where('username', '=', username)
    .execute();
  await db.deleteFrom('sessions').where('username', '=', username).execute();
}

export async function listUsers(db: Db) {
  const rows = await db.selectFrom('users').select(['username', 'site_admin', 'created_at']).orderBy('username').execute();
  return { items: rows.map((r) => ({ username: r.username, siteAdmin: r.site_admin === 1, createdAt: r.created_at })) };
}

/**
 * The built-in site admin at start-up: ADMIN_PASSWORD sets its password every time (sessions end
 * when it changes); on a store without the account and without ADMIN_PASSWORD, a random password
 * is made and printed once.
 */
export async function ensureAdmin(ctx: AtticContext, adminPassword: string | null): Promise<void> {
  // One transaction: servers of a fleet starting together on a new store make the admin once.
  const created = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select(['password_hash']).where('username', '=', ADMIN_USERNAME).executeTakeFirst();
    if (!row) {
      const password = adminPassword ?? randomPassword();
      await createUser(ctx, trx, { username: ADMIN_USERNAME, password, siteAdmin: true });
      return password;
    }
    await trx.updateTable('users').set({ site_admin: 1 }).where('username', '=', ADMIN_USERNAME).execute();
    if (adminPassword !== null && !(await verifyPassword(adminPassword, row.password_hash))) await setPassword(ctx, trx, ADMIN_USERNAME, adminPassword);
    return null;
  });
  if (created !== null && adminPassword === null)
    console.log(`[attic] Created the site admin "${ADMIN_USERNAME}" with the password ${created} (shown once; set ADMIN_PASSWORD to choose it).`);
}
