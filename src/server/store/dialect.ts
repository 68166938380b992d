/**
 * The few SQL spellings SQLite and PostgreSQL do not share, chosen by the database a query runs on.
 * Everything else is written once in SQL both accept (TRUE/FALSE, CASE, aliased subqueries).
 */
import { type Kysely, PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { DatabaseKind, Db } from './database';

export function kindOf<DB>(db: Kysely<DB>): DatabaseKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Days since a fixed origin of an ISO-8601 text timestamp, with fractions: only differences and comparisons are meaningful. */
export function daysOf(db: Db, iso: RawBuilder<unknown>): RawBuilder<number> {
  return kindOf(db) === 'postgres' ? sql<number>`(EXTRACT(EPOCH FROM CAST(${iso} AS timestamptz)) / 86400.0)` : sql<number>`julianday(${iso})`;
}

/** A JSON text array with one more element, the object of `fields`. */
export function jsonArrayAppend(db: Db, array: RawBuilder<unknown>, fields: Record<string, unknown>): RawBuilder<string> {
  const pairs = Object.entries(fields).map(([key, value]) => sql`${sql.lit(key)}, CAST(${value} AS TEXT)`);
  return kindOf(db) === 'postgres'
    ? sql<string>`CAST(CAST(${array} AS jsonb) || jsonb_build_array(jsonb_build_object(${sql.join(pairs)})) AS TEXT)`
    : sql<string>`json_insert(${array}, '$[#]', json_object(${sql.join(pairs)}))`;
}

/** A table expression of the strings of a JSON text array, one row each in column `value`, aliased `as`. */
export function jsonStrings(db: Db, array: RawBuilder<unknown>, as: string): RawBuilder<unknown> {
  return kindOf(db) === 'postgres'
    ? sql`jsonb_array_elements_text(CAST(${array} AS jsonb)) AS ${sql.raw(as)}(value)`
    : sql`json_each(${array}) AS ${sql.raw(as)}`;
}

/**
 * Refreshes PostgreSQL's planner statistics of `tables` after a bulk change (a job's 100,000 items
 * arriving in one statement): until autovacuum's next analyze, which may be a minute away, the
 * planner would take the table for empty and scan whole tables per batch. SQLite: nothing to do.
 */
export async function refreshStatistics(db: Db, tables: readonly string[]): Promise<void> {
  if (kindOf(db) !== 'postgres') return;
  await sql.raw(`ANALYZE ${tables.join(', ')}`).execute(db);
}
