/**
 * The audit log: append-only (the database refuses UPDATE and DELETE on it), one entry per change,
 * written in the change's own transaction so that a change and its entry commit or vanish together.
 * Refusals and failures are written by the access-control middleware after the (rolled back) attempt.
 */
import { sql } from 'kysely';
import { decodeCursor, requireIsoTime, type AuditEntry, type PageParams } from '../../domain';
import type { Db } from '../store/database';
import type { AuditLogTable } from '../store/schema';
import { keysetPage } from '../store/keyset-page';
import { currentScope } from './scope';
import { newId } from './secrets';

export interface AuditRecord {
  entity: string | null;
  actor: string;
  action: string;
  target: string;
  outcome: AuditEntry['outcome'];
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Db, at: string, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId('aud_'),
      entity: entry.entity,
      at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      outcome: entry.outcome,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/**
 * The success entry of the request in progress, inside the change's transaction; once per request.
 * Outside a request (direct calls in tests, the demo seed) there is nothing to record.
 */
/**
 * Names the request's target once the handler knows more than its URL said: a log's collection is
 * in its body, a commit's version is known by id only until it is looked up. Refusals and the
 * success entry written after this name it, so filtering the log by a collection finds them.
 */
export function auditTargetIs(target: string): void {
  const scope = currentScope();
  if (scope && !scope.recorded) scope.target = target;
}

export async function auditSuccess(trx: Db, at: string, details: Record<string, unknown> = {}): Promise<void> {
  const scope = currentScope();
  if (!scope || scope.recorded || scope.action === '') return;
  scope.recorded = true;
  const key = scope.caller?.keyName ? { key: scope.caller.keyName } : {};
  await writeAudit(trx, at, {
    entity: scope.entity,
    actor: scope.actor,
    action: scope.action,
    target: scope.target,
    outcome: 'success',
    details: { ...details, ...key },
  });
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  since?: string;
  until?: string;
}

type Row = AuditLogTable;

function toEntry(row: Pick<Row, 'id' | 'at' | 'actor' | 'action' | 'target' | 'outcome' | 'details'>): AuditEntry {
  return { id: row.id, at: row.at, actor: row.actor, action: row.action, target: row.target, outcome: row.outcome, details: JSON.parse(row.details) };
}

function validTime(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return requireIsoTime(name, value);
}

/** A page of an entity's log (or the site's, entity null), newest first; `target` matches a prefix, the rest exactly. */
export async function listAudit(
  db: Db,
  entity: string | null,
  query: AuditQuery,
  page: PageParams,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const since = validTime('since', query.since);
  const until = validTime('until', query.until);
  const after = page.cursor ? decodeCursor<[number]>(page.cursor, ['number'])[0] : null;
  let q = db.selectFrom('audit_log').select(['seq', 'id', 'at', 'actor', 'action', 'target', 'outcome', 'details']);
  q = entity === null ? q.where('entity', 'is', null) : q.where('entity', '=', entity);
  if (query.actor) q = q.where('actor', '=', query.actor);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.target) q = q.where(sql<boolean>`substr(target, 1, ${query.target.length}) = ${query.target}`);
  if (since) q = q.where('at', '>=', since);
  if (until) q = q.where('at', '<', until);
  if (after !== null) q = q.where('seq', '<', after);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  const { shown, nextCursor } = keysetPage(rows, page.limit, (last) => [last.seq]);
  return { items: shown.map(toEntry), nextCursor };
}

/** `entity/project/collection:vN` of a version row, for entries the server writes on its own (TTL expiry). */
export async function versionTarget(
  db: Db,
  version: { project_id: number; entity: string; idx: number | null; id: string },
  collection: { name: string },
): Promise<string> {
  const project = await db.selectFrom('projects').select('name').where('id', '=', version.project_id).executeTakeFirstOrThrow();
  return `${version.entity}/${project.name}/${collection.name}:${version.idx === null ? version.id : `v${version.idx}`}`;
}

/**
 * An entry for work a request may have asked for (a manual GC run) or the server does on its own
 * (a scheduled one): the request's success entry when it is that request, else the server's own.
 */
export async function auditRequestOrServer(trx: Db, at: string, own: AuditRecord): Promise<void> {
  const scope = currentScope();
  if (scope && scope.action === own.action) return auditSuccess(trx, at, own.details);
  await writeAudit(trx, at, own);
}
