/**
 * Who may call each mock route, written as a table the guard reads and a test checks against the
 * handler list (a route added without a rule fails it). Permissions come from src/domain/auth.ts,
 * the same table the server and the web app read.
 */
import type { Permission } from '../../domain/auth';
import type { RouteParams } from '../handlers/route';

/** `public`: no session needed; `signedIn`: any caller (their own account, server-wide status). */
export type Access = Permission | 'public' | 'signedIn';

export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As the handlers write it, relative to `/api/v1`. */
  path: string;
  access: Access;
  /** The audit log's action for a change under an entity; reads and account routes have none. */
  action?: string;
  /** What the entry names as its target. */
  target?: (params: RouteParams) => string;
}

const P = '/projects/:entity/:project';
const C = `${P}/collections/:collection`;
const V = `${C}/versions/:version`;
const E = '/entities/:entity';

// As the server names them (src/server/auth/route-rules.ts `targetOf`): `entity/project[/collection[:version]]`.
const projectTarget = (p: RouteParams) => `${p.entity}/${p.project}`;
const collectionTarget = (p: RouteParams) => `${p.entity}/${p.project}/${p.collection}`;
const versionTarget = (p: RouteParams) => `${p.entity}/${p.project}/${p.collection}:${p.version}`;

export const ROUTE_RULES: RouteRule[] = [
  { method: 'GET', path: '/health', access: 'public' },
  { method: 'POST', path: '/auth/login', access: 'public' },
  { method: 'GET', path: '/auth/demo-users', access: 'public' },
  { method: 'POST', path: '/auth/logout', access: 'signedIn' },
  { method: 'GET', path: '/auth/me', access: 'signedIn' },
  { method: 'POST', path: '/auth/password', access: 'signedIn' },
  { method: 'GET', path: '/auth/api-keys', access: 'signedIn' },
  { method: 'POST', path: '/auth/api-keys', access: 'signedIn' },
  { method: 'DELETE', path: '/auth/api-keys/:id', access: 'signedIn' },
  { method: 'GET', path: '/users', access: 'manageUsers' },
  { method: 'POST', path: '/users', access: 'manageUsers' },

  { method: 'GET', path: `${E}/members`, access: 'manageMembers' },
  { method: 'PUT', path: `${E}/members/:username`, access: 'manageMembers', action: 'member.set', target: (p) => `${p.username}` },
  { method: 'DELETE', path: `${E}/members/:username`, access: 'manageMembers', action: 'member.remove', target: (p) => `${p.username}` },
  { method: 'GET', path: `${E}/protected-aliases`, access: 'browse' },
  { method: 'PUT', path: `${E}/protected-aliases`, access: 'editProtectedAliases', action: 'protected-aliases.set', target: (p) => `${p.entity}` },
  { method: 'GET', path: `${E}/audit`, access: 'readAudit' },
  { method: 'GET', path: `${E}/audit/export`, access: 'readAudit' },

  { method: 'GET', path: '/projects', access: 'signedIn' },
  { method: 'GET', path: `${P}/types`, access: 'browse' },
  { method: 'GET', path: `${P}/collections`, access: 'browse' },
  { method: 'GET', path: C, access: 'browse' },
  { method: 'GET', path: `${C}/versions`, access: 'browse' },
  { method: 'GET', path: V, access: 'browse' },
  { method: 'GET', path: `${V}/files`, access: 'browse' },
  { method: 'GET', path: `${V}/files/*`, access: 'download' },
  { method: 'GET', path: `${P}/runs/:runId/logged-artifacts`, access: 'browse' },
  { method: 'POST', path: `${P}/artifacts`, access: 'logVersion', action: 'version.log', target: projectTarget },
  { method: 'POST', path: `${P}/artifacts/:id/commit`, access: 'logVersion', action: 'version.commit', target: projectTarget },
  { method: 'PUT', path: `${P}/blobs/:digest`, access: 'logVersion' },

  { method: 'DELETE', path: V, access: 'deleteVersion', action: 'version.delete', target: versionTarget },
  { method: 'POST', path: `${V}/restore`, access: 'restoreVersion', action: 'version.restore', target: versionTarget },
  { method: 'GET', path: `${V}/deletion-preview`, access: 'browse' },
  { method: 'DELETE', path: C, access: 'deleteCollection', action: 'collection.delete', target: collectionTarget },
  { method: 'POST', path: `${C}/restore`, access: 'restoreCollection', action: 'collection.restore', target: collectionTarget },
  { method: 'GET', path: `${C}/deletion-preview`, access: 'browse' },
  { method: 'GET', path: `${P}/pending-deletion`, access: 'browse' },
  { method: 'POST', path: `${P}/bulk-delete`, access: 'bulkJob', action: 'bulk.delete', target: projectTarget },
  { method: 'POST', path: `${P}/bulk-restore`, access: 'bulkJob', action: 'bulk.restore', target: projectTarget },
  { method: 'POST', path: `${P}/deletion-jobs`, access: 'bulkJob', action: 'deletion-job.create', target: projectTarget },
  { method: 'GET', path: `${P}/deletion-jobs/:id`, access: 'browse' },
  { method: 'POST', path: `${P}/deletion-jobs/:id/cancel`, access: 'bulkJob', action: 'deletion-job.cancel', target: projectTarget },
  { method: 'POST', path: `${P}/deletion-jobs/:id/undo`, access: 'bulkJob', action: 'deletion-job.undo', target: projectTarget },
  { method: 'GET', path: `${P}/storage`, access: 'browse' },

  { method: 'PUT', path: `${V}/ttl`, access: 'setVersionTtl', action: 'version.ttl', target: versionTarget },
  { method: 'PUT', path: `${P}/settings`, access: 'projectSettings', action: 'project.settings', target: projectTarget },
  { method: 'GET', path: `${P}/settings`, access: 'browse' },
  { method: 'GET', path: `${P}/settings/ttl-preview`, access: 'browse' },
  { method: 'PUT', path: `${V}/aliases`, access: 'editAliases', action: 'version.aliases', target: versionTarget },
  { method: 'POST', path: `${C}/aliases/:alias/move`, access: 'editAliases', action: 'alias.move', target: (p) => `${p.project}/${p.collection}:${p.alias}` },

  { method: 'GET', path: '/gc', access: 'signedIn' },
  { method: 'GET', path: '/gc/runs', access: 'signedIn' },
  { method: 'GET', path: '/gc/runs/:id', access: 'signedIn' },
  { method: 'POST', path: '/gc/runs', access: 'runGc' },
];
