import { useCan } from '../../auth/api/use-can';
import { useProtectedAliases } from '../api/protected-aliases';

/** What the delete and alias dialogs need to know about an entity's protected aliases, for the signed-in user. */
export interface ProtectedAliasLock {
  /** The entity's protected aliases among `aliases`. */
  held: (aliases: readonly string[]) => string[];
  /** Why the user may not add, remove or delete `alias` (only admins may touch a protected alias), or null. */
  lockedReason: (alias: string) => string | null;
  /** The user may touch protected aliases (an admin of the entity, or a site admin). */
  mayEdit: boolean;
}

/** The lock for `entity`; `enabled` false (a closed dialog) skips the request. Until it answers, nothing is locked: the server still refuses. */
export function useProtectedAliasLock(entity: string, enabled: boolean): ProtectedAliasLock {
  const list = useProtectedAliases(entity, enabled);
  const can = useCan('editProtectedAliases', entity);
  const protectedSet = new Set(list.data?.aliases ?? []);
  return {
    held: (aliases) => aliases.filter((alias) => protectedSet.has(alias)),
    lockedReason: (alias) =>
      !can.allowed && protectedSet.has(alias) ? `${alias} is a protected alias of ${entity}: only its admins may add, move or remove it.` : null,
    mayEdit: can.allowed,
  };
}
