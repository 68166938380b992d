/** Sessions (cookie) and API keys (bearer): random secrets stored as SHA-256 hashes, checked on every request. */
import { ApiError, type ApiKeySummary, validApiKeyName } from '../../domain';
import { type AtticContext, nowIso } from '../context';
import type { Db } from '../store/database';
import type { Caller } from './scope';
import { newId, newSecret, sha256Hex } from './secrets';

export const SESSION_COOKIE = 'attic_session';
const KEY_PREFIX = 'attic_';
/** `last_used_at` is written at most this often per key, so reads do not turn into writes. */
const LAST_USED_PRECISION_MS = 60_000;

export async function createSession(ctx: AtticContext, username: string): Promise<{ token: string; expiresAt: string }> {
  const token = newSecret('');
  const expiresAt = new Date(ctx.clock() + ctx.config.sessionTtlSeconds * 1000).toISOString();
  await ctx.db
    .insertInto('sessions')
    .values({ token_hash: sha256Hex(token), username, created_at: nowIso(ctx), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
}

export async function callerFromSession(ctx: AtticContext, token: string): Promise<Caller | null> {
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.username', 'sessions.username')
    .select(['users.username', 'users.site_admin', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= nowIso(ctx)) return null;
  return { username: row.username, siteAdmin: row.site_admin === 1, keyName: null };
}

export async function callerFromApiKey(ctx: AtticContext, key: string): Promise<Caller | null> {
  const row = await ctx.db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.username', 'api_keys.username')
    .select(['api_keys.id', 'api_keys.name', 'api_keys.last_used_at', 'users.username', 'users.site_admin'])
    .where('api_keys.key_hash', '=', sha256Hex(key))
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock();
  if (row.last_used_at === null || Date.parse(row.last_used_at) + LAST_USED_PRECISION_MS <= now)
    await ctx.db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now).toISOString() })
      .where('id', '=', row.id)
      .execute();
  return { username: row.username, siteAdmin: row.site_admin === 1, keyName: row.name };
}

export async function createApiKey(ctx: AtticContext, db: Db, username: string, body: unknown) {
  const key = newSecret(KEY_PREFIX);
  const row = { id: newId('key_'), username, name: validApiKeyName(body), key_hash: sha256Hex(key), created_at: nowIso(ctx), last_used_at: null };
  await db.insertInto('api_keys').values(row).execute();
  return { id: row.id, name: row.name, key, createdAt: row.created_at };
}

export async function listApiKeys(db: Db, username: string): Promise<{ items: ApiKeySummary[] }> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('username', '=', username)
    .orderBy('created_at', 'desc')
    .execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at })) };
}

/** Revoked at once: the row goes, so the next request with the key finds nothing. */
export async function revokeApiKey(db: Db, username: string, id: string): Promise<void> {
  const deleted = await db.deleteFrom('api_keys').where('id', '=', id).where('username', '=', username).executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new ApiError(404, 'API_KEY_NOT_FOUND', `You have no API key with id ${id}.`, { id });
}

/**
 * ADMIN_API_KEY (optional): a key for the site admin set at every start, for provisioning scripts
 * and test harnesses that cannot sign in first. It replaces the key of the same name.
 */
export async function ensureBootstrapKey(ctx: AtticContext, key: string | null): Promise<void> {
  // One transaction: another server of the fleet never sees the key missing for a moment.
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('api_keys').where('username', '=', 'admin').where('name', '=', 'ADMIN_API_KEY').execute();
    if (key === null) return;
    await trx
      .insertInto('api_keys')
      .values({ id: newId('key_'), username: 'admin', name: 'ADMIN_API_KEY', key_hash: sha256Hex(key), created_at: nowIso(ctx), last_used_at: null })
      .execute();
  });
}
