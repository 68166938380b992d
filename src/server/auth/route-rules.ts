/**
 * Who may call each API route, in one table: the access-control middleware reads it for every
 * request, and a test compares it with the routes the app really has, so a route added without a
 * rule fails the build (auth-routes.test.ts). Paths are relative to /api/v1, as Hono registers them.
 *
 * `action` names the audit entry a successful change writes; a route without one changes nothing
 * worth recording (reads, blob uploads that only become part of a version at commit).
 */
import type { Permission } from '../../domain';
import { auditText, auditUsername } from './audit-text';

export type Access =
  /** No caller needed (health, sign-in, the demo's accounts). */
  | { kind: 'public' }
  /** Any signed-in caller; the handler decides what it sees (its own keys, the entities it has roles on). */
  | { kind: 'signedIn' }
  /** A permission on the entity named by the `:entity` parameter (a site admin has them all). */
  | { kind: 'entity'; permission: Permission }
  /** A permission only site admins hold. */
  | { kind: 'site'; permission: Permission };

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  access: Access;
  action?: string;
}

const P = '/projects/:entity/:project';
const C = `${P}/collections/:collection`;
const V = `${C}/versions/:version`;
const E = '/entities/:entity';
const entity = (permission: Permission): Access => ({ kind: 'entity', permission });

export const ROUTE_RULES: RouteRule[] = [
  { method: 'GET', path: '/health', access: { kind: 'public' } },
  { method: 'POST', path: '/auth/login', access: { kind: 'public' }, action: 'auth.login' },
  { method: 'GET', path: '/auth/demo-users', access: { kind: 'public' } },
  { method: 'POST', path: '/auth/logout', access: { kind: 'signedIn' } },
  { method: 'GET', path: '/auth/me', access: { kind: 'signedIn' } },
  { method: 'POST', path: '/auth/password', access: { kind: 'signedIn' }, action: 'auth.password' },
  { method: 'GET', path: '/auth/api-keys', access: { kind: 'signedIn' } },
  { method: 'POST', path: '/auth/api-keys', access: { kind: 'signedIn' }, action: 'api-key.create' },
  { method: 'DELETE', path: '/auth/api-keys/:id', access: { kind: 'signedIn' }, action: 'api-key.revoke' },
  { method: 'GET', path: '/users', access: { kind: 'site', permission: 'manageUsers' } },
  { method: 'POST', path: '/users', access: { kind: 'site', permission: 'manageUsers' }, action: 'user.create' },
  { method: 'GET', path: '/audit', access: { kind: 'site', permission: 'readSiteAudit' } },
  { method: 'GET', path: '/audit/export', access: { kind: 'site', permission: 'readSiteAudit' } },

  { method: 'GET', path: `${E}/members`, access: entity('browse') },
  { method: 'PUT', path: `${E}/members/:username`, access: entity('manageMembers'), action: 'member.set' },
  { method: 'DELETE', path: `${E}/members/:username`, access: entity('manageMembers'), action: 'member.remove' },
  { method: 'GET', path: `${E}/protected-aliases`, access: entity('browse') },
  { method: 'PUT', path: `${E}/protected-aliases`, access: entity('editProtectedAliases'), action: 'protected-aliases.set' },
  { method: 'GET', path: `${E}/audit`, access: entity('readAudit') },
  { method: 'GET', path: `${E}/audit/export`, access: entity('readAudit') },

  { method: 'GET', path: '/projects', access: { kind: 'signedIn' } },
  { method: 'GET', path: `${P}/types`, access: entity('browse') },
  { method: 'GET', path: `${P}/collections`, access: entity('browse') },
  { method: 'GET', path: C, access: entity('browse') },
  { method: 'DELETE', path: C, access: entity('deleteCollection'), action: 'collection.delete' },
  { method: 'GET', path: `${C}/deletion-preview`, access: entity('browse') },
  { method: 'POST', path: `${C}/restore`, access: entity('restoreCollection'), action: 'collection.restore' },
  { method: 'POST', path: `${C}/aliases/:alias/move`, access: entity('editAliases'), action: 'alias.move' },
  { method: 'GET', path: `${C}/versions`, access: entity('browse') },
  { method: 'GET', path: V, access: entity('browse') },
  { method: 'DELETE', path: V, access: entity('deleteVersion'), action: 'version.delete' },
  { method: 'GET', path: `${V}/deletion-preview`, access: entity('browse') },
  { method: 'POST', path: `${V}/restore`, access: entity('restoreVersion'), action: 'version.restore' },
  { method: 'PUT', path: `${V}/aliases`, access: entity('editAliases'), action: 'aliases.set' },
  { method: 'PUT', path: `${V}/ttl`, access: entity('setVersionTtl'), action: 'version.ttl' },
  { method: 'GET', path: `${V}/files`, access: entity('browse') },
  { method: 'GET', path: `${V}/files/*`, access: entity('download') },
  { method: 'GET', path: `${P}/runs/:runId/logged-artifacts`, access: entity('browse') },
  { method: 'POST', path: `${P}/artifacts`, access: entity('logVersion'), action: 'version.log' },
  { method: 'POST', path: `${P}/artifacts/:id/commit`, access: entity('logVersion'), action: 'version.commit' },
  { method: 'PUT', path: `${P}/blobs/:digest`, access: entity('logVersion') },
  { method: 'GET', path: `${P}/pending-deletion`, access: entity('browse') },
  { method: 'POST', path: `${P}/bulk-delete`, access: entity('bulkJob'), action: 'versions.bulk-delete' },
  { method: 'POST', path: `${P}/bulk-restore`, access: entity('bulkJob'), action: 'versions.bulk-restore' },
  { method: 'POST', path: `${P}/deletion-jobs`, access: entity('bulkJob'), action: 'deletion-job.create' },
  { method: 'GET', path: `${P}/deletion-jobs/:id`, access: entity('browse') },
  { method: 'POST', path: `${P}/deletion-jobs/:id/cancel`, access: entity('bulkJob'), action: 'deletion-job.cancel' },
  { method: 'POST', path: `${P}/deletion-jobs/:id/undo`, access: entity('bulkJob'), action: 'deletion-job.undo' },
  { method: 'GET', path: `${P}/storage`, access: entity('browse') },
  { method: 'GET', path: `${P}/settings`, access: entity('browse') },
  { method: 'PUT', path: `${P}/settings`, access: entity('projectSettings'), action: 'project.settings' },
  { method: 'GET', path: `${P}/settings/ttl-preview`, access: entity('browse') },

  { method: 'GET', path: '/gc', access: { kind: 'signedIn' } },
  { method: 'GET', path: '/gc/runs', access: { kind: 'signedIn' } },
  { method: 'POST', path: '/gc/runs', access: { kind: 'site', permission: 'runGc' }, action: 'gc.run' },
  { method: 'GET', path: '/gc/runs/:id', access: { kind: 'signedIn' } },
];

/**
 * What an audit entry names: the most specific thing the route's parameters name. A refused or
 * failed request is recorded before (or without) its names being checked, so each is bounded.
 */
export function targetOf(raw: Record<string, string>): string {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) params[name] = name === 'username' ? auditUsername(value) : auditText(value);
  const { entity, project, collection, version, alias, username, id, runId } = params;
  const projectPath = entity && project ? `${entity}/${project}` : null;
  if (projectPath && collection && version) return `${projectPath}/${collection}:${version}`;
  if (projectPath && collection && alias) return `${projectPath}/${collection} alias ${alias}`;
  if (projectPath && collection) return `${projectPath}/${collection}`;
  if (projectPath && id) return `${projectPath} job ${id}`;
  if (projectPath && runId) return `${projectPath} run ${runId}`;
  if (projectPath) return projectPath;
  if (entity && username) return `${entity} member ${username}`;
  if (entity) return entity;
  if (username) return `user ${username}`;
  if (id) return `api key ${id}`;
  return 'site';
}
