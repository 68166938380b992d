/** Sign-in, sessions, passwords, users and API keys of the mock backend, answering as the server does. */
import { z } from 'zod';
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser, type UserSummary, validApiKeyName } from '../../domain/accounts';
import type { ApiKeySummary, Me, SessionUser } from '../../domain/auth';
import { ApiError, errors } from '../../domain/errors';
import { parseBody, requireName } from '../../domain/validate';
import { type MockApiKey, type MockAuthState, type MockUser, nextId } from './state';

/** Failed sign-ins of one user before `429 TOO_MANY_ATTEMPTS` (the server also counts per address; the mock has one). */
export const MAX_FAILED_LOGINS = 5;

const LoginSchema = z.object({ username: z.string(), password: z.string() });
const PasswordSchema = z.object({ currentPassword: z.string(), newPassword: z.string() });
const NewUserSchema = z.object({ username: z.string(), password: z.string(), siteAdmin: z.boolean().optional() });
/** Who a request is from: the user, and the key when it came with `Authorization: Bearer`. */
export interface Caller {
  user: MockUser;
  key: MockApiKey | null;
}

export const unauthenticated = () => new ApiError(401, 'UNAUTHENTICATED', 'Sign in first: this needs a session or an API key.');

/** The caller of a request with this `Authorization` header (a bearer key wins over the session), or null. */
export function callerOf(state: MockAuthState, authorization: string | null, at: number): Caller | null {
  const bearer = authorization?.match(/^Bearer (.+)$/)?.[1];
  if (bearer !== undefined) {
    const key = [...state.apiKeys.values()].find((k) => k.key === bearer);
    const user = key && state.users.get(key.username);
    if (!key || !user) return null;
    key.lastUsedAt = at;
    return { user, key };
  }
  const user = state.session === null ? undefined : state.users.get(state.session);
  return user ? { user, key: null } : null;
}

const sessionUser = (user: MockUser): SessionUser => ({ username: user.username, siteAdmin: user.siteAdmin });

/** `POST /auth/login`: starts the session, or `401 INVALID_CREDENTIALS`, or `429` after repeated failures. */
export function login(state: MockAuthState, body: unknown): { user: SessionUser } {
  const { username, password } = parseBody(LoginSchema, body);
  const failures = state.failedLogins.get(username) ?? 0;
  if (failures >= MAX_FAILED_LOGINS) {
    throw new ApiError(429, 'TOO_MANY_ATTEMPTS', 'Too many failed sign-ins for this account. Wait a few minutes, then try again.');
  }
  const user = state.users.get(username);
  if (!user || user.password !== password) {
    state.failedLogins.set(username, failures + 1);
    throw new ApiError(401, 'INVALID_CREDENTIALS', 'The username or password is wrong.');
  }
  state.failedLogins.delete(username);
  state.session = user.username;
  return { user: sessionUser(user) };
}

export function logout(state: MockAuthState): void {
  state.session = null;
}

/** `GET /auth/me`. */
export function me(state: MockAuthState, caller: Caller): Me {
  const roles: Me['roles'] = [];
  for (const [entity, members] of state.members) {
    const role = members.get(caller.user.username);
    if (role) roles.push({ entity, role });
  }
  roles.sort((a, b) => a.entity.localeCompare(b.entity));
  return { user: sessionUser(caller.user), roles };
}

/** `POST /auth/password`: checks the current password; other sessions end (the mock has only this one). */
export function changePassword(caller: Caller, body: unknown): { user: SessionUser } {
  const { currentPassword, newPassword } = parseBody(PasswordSchema, body);
  if (caller.user.password !== currentPassword) throw new ApiError(400, 'INVALID_CREDENTIALS', 'The current password is wrong.', { field: 'currentPassword' });
  if (newPassword.length < 8) throw errors.invalidRequest('The new password needs at least 8 characters.', { field: 'newPassword' });
  caller.user.password = newPassword;
  return { user: sessionUser(caller.user) };
}

/** `GET /auth/demo-users`: the demo's accounts and password while the demo is loaded. */
export function demoUsers(state: MockAuthState): { items: DemoUser[] } {
  if (!state.demoLoaded) return { items: [] };
  return { items: DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, role: u.role })) };
}

/** `GET /users`, by name. */
export function listUsers(state: MockAuthState): { items: UserSummary[] } {
  const items = [...state.users.values()]
    .sort((a, b) => a.username.localeCompare(b.username))
    .map((u) => ({ username: u.username, siteAdmin: u.siteAdmin, createdAt: new Date(u.createdAt).toISOString() }));
  return { items };
}

/** `POST /users`: `409 USER_EXISTS` when the name is taken. */
export function createUser(state: MockAuthState, body: unknown, at: number): SessionUser {
  const { username, password, siteAdmin = false } = parseBody(NewUserSchema, body);
  requireName('user', username);
  if (password.length < 8) throw errors.invalidRequest('The password needs at least 8 characters.', { field: 'password' });
  if (state.users.has(username)) throw new ApiError(409, 'USER_EXISTS', `A user named "${username}" already exists.`, { username });
  const user: MockUser = { username, password, siteAdmin, createdAt: at };
  state.users.set(username, user);
  return sessionUser(user);
}

/** Adds a user directly (the demo seed, tests). */
export function addUser(state: MockAuthState, username: string, password: string, at: number, siteAdmin = false): void {
  state.users.set(username, { username, password, siteAdmin, createdAt: at });
}

const keySummary = (k: MockApiKey): ApiKeySummary => ({
  id: k.id,
  name: k.name,
  createdAt: new Date(k.createdAt).toISOString(),
  lastUsedAt: k.lastUsedAt === null ? null : new Date(k.lastUsedAt).toISOString(),
});

/** `GET /auth/api-keys`: the caller's own keys, newest first, never the key itself. */
export function listApiKeys(state: MockAuthState, caller: Caller): { items: ApiKeySummary[] } {
  const mine = [...state.apiKeys.values()].filter((k) => k.username === caller.user.username);
  return { items: mine.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id)).map(keySummary) };
}

/** `POST /auth/api-keys`: the only answer that carries the key. */
export function createApiKey(state: MockAuthState, caller: Caller, body: unknown, at: number) {
  const name = validApiKeyName(body);
  const id = nextId(state, 'key');
  const secret = `attic_${id}_${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`;
  const key: MockApiKey = { id, name, key: secret, username: caller.user.username, createdAt: at, lastUsedAt: null };
  state.apiKeys.set(id, key);
  return { id, name, key: secret, createdAt: new Date(at).toISOString() };
}

/** `DELETE /auth/api-keys/:id`: one of the caller's keys (site admins: anyone's), else `404 API_KEY_NOT_FOUND`. */
export function revokeApiKey(state: MockAuthState, caller: Caller, id: string): ApiKeySummary {
  const key = state.apiKeys.get(id);
  if (!key || (key.username !== caller.user.username && !caller.user.siteAdmin)) {
    throw new ApiError(404, 'API_KEY_NOT_FOUND', 'No such API key: it may have been revoked already.', { id });
  }
  state.apiKeys.delete(id);
  return keySummary(key);
}
