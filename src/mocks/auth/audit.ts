/** The mock backend's audit log: append-only per entity, newest first, filtered and exported as the server does. */
import type { AuditFilters } from '../../domain/accounts';
import type { AuditEntry } from '../../domain/auth';
import { errors } from '../../domain/errors';
import { requireIsoTime } from '../../domain/iso-time';
import type { Page } from '../../domain/schemas';
import { decodeCursor, encodeCursor, parsePageParams } from '../../domain/validate';
import { type MockAuthState, nextId } from './state';

/** Appends an entry to `entity`'s log. */
export function recordAudit(state: MockAuthState, entity: string, entry: Omit<AuditEntry, 'id' | 'at'>, at: number): AuditEntry {
  const full: AuditEntry = { id: nextId(state, 'audit'), at: new Date(at).toISOString(), ...entry };
  const log = state.audit.get(entity) ?? [];
  log.push(full);
  state.audit.set(entity, log);
  return full;
}

/** The filters from `?actor=&action=&target=&since=&until=`; a bad time is `400 INVALID_REQUEST`. */
export function auditFilters(url: URL): AuditFilters {
  const filters: AuditFilters = {};
  for (const field of ['actor', 'action', 'target', 'since', 'until'] as const) {
    const value = url.searchParams.get(field);
    if (value) filters[field] = value;
  }
  for (const field of ['since', 'until'] as const) {
    const value = filters[field];
    if (value !== undefined) filters[field] = requireIsoTime(field, value);
  }
  return filters;
}

/** Entries matching every filter given, newest first: actor and action exactly, target as a substring, `since` inclusive and `until` exclusive (as the server's). */
export function matchingEntries(state: MockAuthState, entity: string, filters: AuditFilters): AuditEntry[] {
  const since = filters.since ? Date.parse(filters.since) : -Infinity;
  const until = filters.until ? Date.parse(filters.until) : Infinity;
  return [...(state.audit.get(entity) ?? [])].reverse().filter((entry) => {
    const at = Date.parse(entry.at);
    return (
      (!filters.actor || entry.actor === filters.actor) &&
      (!filters.action || entry.action === filters.action) &&
      (!filters.target || entry.target.includes(filters.target)) &&
      at >= since &&
      at < until
    );
  });
}

/** One page of `GET .../audit`; the cursor is the last entry's id, stable while new entries arrive at the top. */
export function listAudit(state: MockAuthState, entity: string, url: URL): Page<AuditEntry> {
  const page = parsePageParams({ limit: url.searchParams.get('limit'), cursor: url.searchParams.get('cursor') });
  let entries = matchingEntries(state, entity, auditFilters(url));
  if (page.cursor !== null) {
    const [afterId] = decodeCursor<[string]>(page.cursor, ['string']);
    const index = entries.findIndex((e) => e.id === afterId);
    if (index < 0) throw errors.invalidCursor();
    entries = entries.slice(index + 1);
  }
  const items = entries.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: entries.length > page.limit && last ? encodeCursor([last.id]) : null };
}

/** `GET .../audit/export?format=csv|jsonl`: every matching entry as a file. */
export function exportAudit(state: MockAuthState, entity: string, url: URL): { body: string; contentType: string; filename: string } {
  const format = url.searchParams.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw errors.invalidRequest('format must be csv or jsonl.', { field: 'format' });
  const entries = matchingEntries(state, entity, auditFilters(url));
  if (format === 'jsonl') {
    return {
      body: entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length ? '\n' : ''),
      contentType: 'application/x-ndjson',
      filename: `${entity}-audit.jsonl`,
    };
  }
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = entries.map((e) => [e.id, e.at, e.actor, e.action, e.target, e.outcome, JSON.stringify(e.details)].map(cell).join(','));
  return {
    body: `${['id', 'at', 'actor', 'action', 'target', 'outcome', 'details'].join(',')}\n${rows.map((r) => `${r}\n`).join('')}`,
    contentType: 'text/csv',
    filename: `${entity}-audit.csv`,
  };
}
