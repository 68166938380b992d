/**
 * Diagnosis: times every SQL statement this process runs through better-sqlite3, and every COMMIT
 * (keyed by the statement before it), by wrapping `prepare()`. Used by bench/profile-gc.ts and
 * bench/profile-jobs.ts; never by `npm run bench`.
 */
import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

export interface StatementEntry {
  calls: number;
  runMs: number;
  prepareMs: number;
  walFrames: number;
}

/** Starts timing; `walFile` lets a COMMIT report the WAL frames it appended. Returns the table, filled as statements run. */
export function timeStatements(walFile?: string): Map<string, StatementEntry> {
  const stats = new Map<string, StatementEntry>();
  const walSize = () => {
    if (!walFile) return 0;
    try {
      return statSync(walFile).size;
    } catch {
      return 0;
    }
  };
  type Method = (...args: unknown[]) => unknown;
  const proto = BetterSqlite3.prototype as unknown as { prepare: (sql: string) => Record<string, Method> };
  const prepare = proto.prepare;
  let previous = '';
  proto.prepare = function (this: unknown, sql: string) {
    const started = performance.now();
    const statement = prepare.call(this, sql);
    const text = sql
      .replace(/\s+/g, ' ')
      .replace(/\(\?(, \?)*\)/g, '(?…)')
      .trim()
      .slice(0, 100);
    const isCommit = text.toLowerCase() === 'commit';
    const isBegin = text.toLowerCase() === 'begin';
    // Statements are prepared once and reused (store/database.ts), so a COMMIT is keyed by the
    // statement executed before it, at execution time, not when it was prepared.
    const entryOf = (key: string) => {
      const entry = stats.get(key) ?? { calls: 0, runMs: 0, prepareMs: 0, walFrames: 0 };
      stats.set(key, entry);
      return entry;
    };
    if (!isCommit) entryOf(text).prepareMs += performance.now() - started;
    for (const name of ['run', 'all', 'get', 'iterate']) {
      const original = statement[name]!;
      statement[name] = (...args: unknown[]) => {
        const entry = entryOf(isCommit ? `COMMIT after: ${previous.slice(0, 70)}` : text);
        if (!isCommit && !isBegin) previous = text;
        const before = isCommit ? walSize() : 0;
        const t = performance.now();
        try {
          return original.apply(statement, args);
        } finally {
          entry.calls++;
          entry.runMs += performance.now() - t;
          if (isCommit) entry.walFrames += Math.max(0, walSize() - before) / 4120;
        }
      };
    }
    return statement;
  };
  return stats;
}

/** The `top` most expensive statements, as lines. */
export function statementLines(stats: Map<string, StatementEntry>, top = 15, frames = false): string[] {
  const lines = [`${'exec ms'.padStart(8)} ${'prep ms'.padStart(8)} ${'calls'.padStart(7)}${frames ? ` ${'frames/call'.padStart(11)}` : ''}  statement`];
  for (const [key, e] of [...stats].sort((a, b) => b[1].runMs + b[1].prepareMs - (a[1].runMs + a[1].prepareMs)).slice(0, top)) {
    const perCall = frames ? ` ${(e.walFrames / Math.max(1, e.calls)).toFixed(0).padStart(11)}` : '';
    lines.push(`${e.runMs.toFixed(0).padStart(8)} ${e.prepareMs.toFixed(0).padStart(8)} ${String(e.calls).padStart(7)}${perCall}  ${key}`);
  }
  return lines;
}

/**
 * The same table for PostgreSQL: every query a `pg` client sends in this process, timed from send
 * to answer (round trip included), keyed by its text; a COMMIT by the query before it.
 */
export function timePgQueries(): Map<string, StatementEntry> {
  const stats = new Map<string, StatementEntry>();
  type Query = (...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const query = proto.query;
  let previous = '';
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const raw = typeof first === 'string' ? first : (first?.text ?? '');
    const text = raw
      .replace(/\s+/g, ' ')
      .replace(/\(\$\d+(, \$\d+)*\)/g, '($…)')
      .trim()
      .slice(0, 100);
    const isCommit = text.toLowerCase() === 'commit';
    const key = isCommit ? `COMMIT after: ${previous.slice(0, 70)}` : text;
    if (!isCommit && text.toLowerCase() !== 'begin') previous = text;
    const entry = stats.get(key) ?? { calls: 0, runMs: 0, prepareMs: 0, walFrames: 0 };
    stats.set(key, entry);
    const started = performance.now();
    const done = () => {
      entry.calls++;
      entry.runMs += performance.now() - started;
    };
    const result = query.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    return result;
  };
  return stats;
}
