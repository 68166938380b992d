/**
 * Who may do what: one table, read by the server (to refuse) and the web app (to disable what the
 * server would refuse, with the same reason). Roles are held on an entity and inherited by all
 * its projects; site admins may do everything everywhere.
 */
import { z } from 'zod';

export const ENTITY_ROLES = ['viewer', 'member', 'admin'] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];
export const EntityRoleSchema = z.enum(ENTITY_ROLES);

/** What a request wants to do; every API route names exactly one of these (or is public/self-service). */
export type Permission =
  | 'browse'
  | 'download'
  | 'logVersion'
  | 'deleteVersion'
  | 'restoreVersion'
  | 'setVersionTtl'
  | 'editAliases'
  | 'editProtectedAliases'
  | 'deleteCollection'
  | 'restoreCollection'
  | 'bulkJob'
  | 'projectSettings'
  | 'manageMembers'
  | 'readAudit'
  | 'runGc'
  | 'manageUsers'
  | 'readSiteAudit';

/** The least role that grants each permission; `siteAdmin` is not an entity role but the account flag. */
export const REQUIRED_ROLE: Record<Permission, EntityRole | 'siteAdmin'> = {
  browse: 'viewer',
  download: 'viewer',
  logVersion: 'member',
  deleteVersion: 'member',
  restoreVersion: 'member',
  setVersionTtl: 'member',
  editAliases: 'member',
  editProtectedAliases: 'admin',
  deleteCollection: 'admin',
  restoreCollection: 'admin',
  bulkJob: 'admin',
  projectSettings: 'admin',
  manageMembers: 'admin',
  readAudit: 'admin',
  runGc: 'siteAdmin',
  manageUsers: 'siteAdmin',
  readSiteAudit: 'siteAdmin',
};

const RANK: Record<EntityRole, number> = { viewer: 1, member: 2, admin: 3 };

/** Whether a caller with `role` on the entity (or none) and the site-admin flag may do `permission`. */
export function allows(permission: Permission, role: EntityRole | null, siteAdmin: boolean): boolean {
  if (siteAdmin) return true;
  const needed = REQUIRED_ROLE[permission];
  if (needed === 'siteAdmin' || role === null) return false;
  return RANK[role] >= RANK[needed];
}

/** The sentence a refusal carries, in the server's 403 and in the web app's disabled menu entries. */
export function forbiddenReason(permission: Permission): string {
  const needed = REQUIRED_ROLE[permission];
  return needed === 'siteAdmin' ? 'Only site admins may do this.' : `This needs the ${needed} role on the entity.`;
}

export const SessionUserSchema = z.object({ username: z.string(), siteAdmin: z.boolean() });
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** `GET /api/v1/auth/me`. */
export const MeSchema = z.object({
  user: SessionUserSchema,
  roles: z.array(z.object({ entity: z.string(), role: EntityRoleSchema })),
});
export type Me = z.infer<typeof MeSchema>;

/** The role `me` holds on an entity, or null. */
export function roleOn(me: Me, entity: string): EntityRole | null {
  return me.roles.find((r) => r.entity === entity)?.role ?? null;
}

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ApiKeySummarySchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
export type ApiKeySummary = z.infer<typeof ApiKeySummarySchema>;
export const CreatedApiKeySchema = z.object({ id: z.string(), name: z.string(), key: z.string(), createdAt: z.string() });

export const MemberSchema = z.object({ username: z.string(), role: EntityRoleSchema });
export type Member = z.infer<typeof MemberSchema>;
