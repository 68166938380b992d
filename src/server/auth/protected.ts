/**
 * Protected aliases: only an entity's admins (and site admins) may give them, take them away or
 * delete a version holding one. Checked inside the change's transaction, against the caller of the
 * request in progress; the server's own work (no caller) is not a person and is not asked.
 */
import { allows, ApiError } from '../../domain';
import type { Db } from '../store/database';
import { protectedAliases, roleOf } from './roles';
import { currentCaller } from './scope';

export async function refuseProtectedAliases(db: Db, entity: string, aliases: readonly string[], what: string): Promise<void> {
  const caller = currentCaller();
  if (!caller || caller.siteAdmin || aliases.length === 0) return;
  if (allows('editProtectedAliases', await roleOf(db, caller.username, entity), false)) return;
  const protectedHere = new Set(await protectedAliases(db, entity));
  const hit = aliases.filter((a) => protectedHere.has(a));
  if (hit.length === 0) return;
  throw new ApiError(
    403,
    'PROTECTED_ALIAS',
    `${hit.map((a) => `"${a}"`).join(', ')} ${hit.length === 1 ? 'is a protected alias' : 'are protected aliases'} of ${entity}: only its admins may ${what}.`,
    { aliases: hit, entity },
  );
}
