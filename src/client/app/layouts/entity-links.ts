import type { Refusal } from '../../features/auth/api/use-can';
import { pagePaths } from '../../lib/paths';

/** An entity's own pages that the signed-in user may use: the sidebar and the entity's tabs list only these. */
export function entityLinks(entity: string, refusal: Refusal): { to: string; label: string }[] {
  return [
    { to: pagePaths.members(entity), label: 'Members', refused: refusal('manageMembers', entity) },
    { to: pagePaths.protectedAliases(entity), label: 'Protected aliases', refused: refusal('editProtectedAliases', entity) },
    { to: pagePaths.audit(entity), label: 'Audit log', refused: refusal('readAudit', entity) },
  ].filter((link) => link.refused === null);
}
