/** The demo's accounts: one user per role on the demo entity, listed on the sign-in page while their password is the demo's. */
import { DEMO_PASSWORD, DEMO_PROTECTED_ALIASES, DEMO_USERS } from '../../domain/accounts';
import { DEMO_ENTITY } from '../../domain/demo';
import type { EntityRole } from '../../domain';
import type { AtticContext } from '../context';
import type { Db } from '../store/database';
import { createUser } from './accounts';
import { ensureEntity, setMember, setProtectedAliases } from './roles';

/** Once the demo is in the store (seeded now or before): its accounts, made once. */
export async function seedDemoAccounts(ctx: AtticContext): Promise<void> {
  // One transaction: servers of a fleet starting together make the accounts once.
  await ctx.db.transaction().execute((trx) => seedInTransaction(ctx, trx));
}

async function seedInTransaction(ctx: AtticContext, db: Db): Promise<void> {
  const seeded = await db.selectFrom('server_state').select('key').where('key', '=', 'demo_seed').executeTakeFirst();
  if (!seeded) return;
  const existing = await db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      DEMO_USERS.map((u) => u.username),
    )
    .execute();
  if (existing.length === DEMO_USERS.length) return;
  await ensureEntity(ctx, db, DEMO_ENTITY);
  for (const user of DEMO_USERS) {
    if (existing.some((e) => e.username === user.username)) continue;
    await createUser(ctx, db, { username: user.username, password: DEMO_PASSWORD, siteAdmin: false });
    await setMember(db, DEMO_ENTITY, user.username, user.role);
  }
  if (existing.length === 0) await setProtectedAliases(db, DEMO_ENTITY, DEMO_PROTECTED_ALIASES);
}

/** Demo users whose password is still the demo's (never changed since they were made). */
export async function demoAccounts(db: Db): Promise<{ username: string; password: string; role: EntityRole }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['username', 'created_at', 'password_changed_at'])
    .where(
      'username',
      'in',
      DEMO_USERS.map((u) => u.username),
    )
    .execute();
  return DEMO_USERS.filter((u) => rows.some((r) => r.username === u.username && r.created_at === r.password_changed_at)).map((u) => ({
    ...u,
    password: DEMO_PASSWORD,
  }));
}
