import { useMemo } from 'react';
import { allows, forbiddenReason, type Me, type Permission, roleOn } from '../../../../domain';
import { useMe } from './get-me';

/** Why the signed-in user may not do `permission` on `entity` (the server's own 403 sentence), or null when they may. */
export type Refusal = (permission: Permission, entity: string) => string | null;

/** The refusal for `me`; no session refuses everything (pages are not shown without one). */
export function refusalFor(me: Me | null | undefined): Refusal {
  return (permission, entity) => {
    if (!me) return forbiddenReason(permission);
    return allows(permission, roleOn(me, entity), me.user.siteAdmin) ? null : forbiddenReason(permission);
  };
}

/** `refusal(permission, entity)` for the signed-in user: for action factories that check several permissions. */
export function useRefusal(): Refusal {
  const me = useMe().data;
  return useMemo(() => refusalFor(me), [me]);
}

/** Whether the signed-in user may do `permission` on `entity` and, when not, the reason to show next to the disabled control. */
export function useCan(permission: Permission, entity: string): { allowed: boolean; reason: string | null } {
  const reason = useRefusal()(permission, entity);
  return { allowed: reason === null, reason };
}
