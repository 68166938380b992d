/** Roles on entities, members and protected aliases in the mock backend, answering as the server does. */
import { z } from 'zod';
import { allows, type EntityRole, EntityRoleSchema, forbiddenReason, type Member, type Permission } from '../../domain/auth';
import { ApiError } from '../../domain/errors';
import { isValidAlias } from '../../domain/names';
import { errors } from '../../domain/errors';
import { parseBody, requireName } from '../../domain/validate';
import type { Caller } from './accounts';
import type { MockAuthState } from './state';

const RoleBodySchema = z.object({ role: EntityRoleSchema });
const AliasesBodySchema = z.object({ aliases: z.array(z.string()).max(100) });

/** The caller's role on `entity`, or null. */
export function roleOf(state: MockAuthState, caller: Caller, entity: string): EntityRole | null {
  return state.members.get(entity)?.get(caller.user.username) ?? null;
}

/** Whether the caller sees `entity` at all: a site admin sees every one, anyone else only those they hold a role on. */
export function seesEntity(state: MockAuthState, caller: Caller, entity: string): boolean {
  return caller.user.siteAdmin || roleOf(state, caller, entity) !== null;
}

/** `403 FORBIDDEN` naming the role `permission` needs, unless the caller has it on `entity`. */
export function requirePermission(state: MockAuthState, caller: Caller, permission: Permission, entity: string | null): void {
  const role = entity === null ? null : roleOf(state, caller, entity);
  if (!allows(permission, role, caller.user.siteAdmin)) throw forbidden(permission);
}

export const forbidden = (permission: Permission) => new ApiError(403, 'FORBIDDEN', forbiddenReason(permission), { permission });

/** `404` for an entity the caller may not see (or that has no members and no projects). */

/** `GET .../members`, by name. */
export function listMembers(state: MockAuthState, entity: string): { items: Member[] } {
  const members = [...(state.members.get(entity) ?? new Map<string, EntityRole>())];
  return { items: members.sort(([a], [b]) => a.localeCompare(b)).map(([username, role]) => ({ username, role })) };
}

/** `PUT .../members/:username`: adds the user or changes their role; `404 USER_NOT_FOUND` for an unknown user. */
export function setMember(state: MockAuthState, entity: string, username: string, body: unknown): Member {
  const { role } = parseBody(RoleBodySchema, body);
  if (!state.users.has(username)) throw userNotFound(username);
  setRole(state, entity, username, role);
  return { username, role };
}

/** `DELETE .../members/:username`. */
export function removeMember(state: MockAuthState, entity: string, username: string): void {
  const members = state.members.get(entity);
  if (!members?.delete(username)) throw userNotFound(username, entity);
}

/** Gives `username` `role` on `entity` (the demo seed, tests, `PUT .../members`). */
export function setRole(state: MockAuthState, entity: string, username: string, role: EntityRole): void {
  const members = state.members.get(entity) ?? new Map<string, EntityRole>();
  members.set(username, role);
  state.members.set(entity, members);
}

const userNotFound = (username: string, entity?: string) =>
  new ApiError(404, 'USER_NOT_FOUND', entity ? `${username} is not a member of ${entity}.` : `No user is named "${username}".`, { username });

export function getProtectedAliases(state: MockAuthState, entity: string): { aliases: string[] } {
  return { aliases: [...(state.protectedAliases.get(entity) ?? [])] };
}

/** `PUT .../protected-aliases`: the list becomes exactly these, sorted, each once. */
export function setProtectedAliases(state: MockAuthState, entity: string, body: unknown): { aliases: string[] } {
  const { aliases } = parseBody(AliasesBodySchema, body);
  for (const alias of aliases) if (!isValidAlias(alias)) throw errors.invalidAlias(alias);
  requireName('entity', entity);
  const unique = [...new Set(aliases)].sort();
  state.protectedAliases.set(entity, unique);
  return { aliases: unique };
}

/** `403 PROTECTED_ALIAS` when a caller without `editProtectedAliases` would add or remove any of `touched`. */
export function guardProtectedAliases(state: MockAuthState, caller: Caller, entity: string, touched: Iterable<string>): void {
  if (allows('editProtectedAliases', roleOf(state, caller, entity), caller.user.siteAdmin)) return;
  const protectedSet = new Set(state.protectedAliases.get(entity) ?? []);
  const hit = [...new Set(touched)].filter((alias) => protectedSet.has(alias)).sort();
  if (hit.length === 0) return;
  throw new ApiError(
    403,
    'PROTECTED_ALIAS',
    `${hit.map((a) => `"${a}"`).join(', ')} ${hit.length === 1 ? 'is a protected alias' : 'are protected aliases'}: only admins of ${entity} may add, move, remove or delete ${hit.length === 1 ? 'it' : 'them'}.`,
    { aliases: hit },
  );
}
