/**
 * Sign-in throttling: after repeated failures for one user name, or from one address, sign-ins are
 * refused with 429 until the window has passed, whatever the password. Failures are rows in the
 * database so that a restart (or another server) does not reset the count.
 */
import { ApiError } from '../../domain';
import { type AtticContext, nowIso } from '../context';

export const THROTTLE = { windowSeconds: 15 * 60, perUser: 5, perAddress: 30 };

interface Subjects {
  username: string;
  address: string;
}

function windowStart(ctx: AtticContext): string {
  return new Date(ctx.clock() - THROTTLE.windowSeconds * 1000).toISOString();
}

async function failures(ctx: AtticContext, scope: 'user' | 'address', subject: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .where('at', '>', windowStart(ctx))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function refuseIfThrottled(ctx: AtticContext, who: Subjects): Promise<void> {
  const [user, address] = await Promise.all([failures(ctx, 'user', who.username), failures(ctx, 'address', who.address)]);
  if (user >= THROTTLE.perUser || address >= THROTTLE.perAddress)
    throw new ApiError(
      429,
      'TOO_MANY_ATTEMPTS',
      `Too many failed sign-ins ${user >= THROTTLE.perUser ? `for ${who.username}` : 'from your address'}; try again in ${THROTTLE.windowSeconds / 60} minutes.`,
      { retryAfterSeconds: THROTTLE.windowSeconds },
    );
}

export async function recordFailure(ctx: AtticContext, who: Subjects): Promise<void> {
  const at = nowIso(ctx);
  await ctx.db
    .insertInto('login_failures')
    .values([
      { scope: 'user', subject: who.username, at },
      { scope: 'address', subject: who.address, at },
    ])
    .execute();
  await ctx.db.deleteFrom('login_failures').where('at', '<=', windowStart(ctx)).execute();
}

/** A good sign-in clears the user's failures (not the address's: one account must not unlock guessing at others). */
export async function clearUserFailures(ctx: AtticContext, username: string): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('scope', '=', 'user').where('subject', '=', username).execute();
}
