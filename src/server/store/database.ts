/**
 * Opens the database behind Kysely and brings its schema up to date: the embedded SQLite file in
 * DATA_DIR (WAL), or PostgreSQL when DATABASE_URL names one (postgres.ts).
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { kindOf } from './dialect';
import { migrationProvider } from './migrations';
import { postgresDialect } from './postgres';
import type { Database } from './schema';
import { openSqliteReader } from './sqlite-reader';
import { type WalCheckpointOptions, WalCheckpointer } from './wal-checkpointer';

export type Db = Kysely<Database>;

export type DatabaseKind = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Db;
  kind: DatabaseKind;
  /** SQLite's: checkpoints its log off the event loop (decision 187). */
  checkpointer?: WalCheckpointer;
  /**
   * Where reads that aggregate a whole backlog run: on SQLite a read-only connection on a worker
   * thread, so the server goes on answering meanwhile (decision 195); on PostgreSQL `db` itself.
   */
  reads: Db;
  close(): Promise<void>;
}

/** `databaseUrl` null: SQLite in `sqliteFile`, its log checkpointed as `walCheckpoints` says (tests make it small). */
export async function openDatabase(target: { databaseUrl: string | null; sqliteFile: string; walCheckpoints?: WalCheckpointOptions }): Promise<OpenedDatabase> {
  const opened = target.databaseUrl === null ? openSqlite(target.sqliteFile, target.walCheckpoints) : openPostgres(target.databaseUrl);
  try {
    await migrate(opened.db);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}

/** The store's migrator (tests also use it to build a store as an older version left it). */
export async function storeMigrator<DB>(db: Kysely<DB>): Promise<Migrator> {
  // Kysely looks for its own tables in every schema unless told which: with several Attic stores in
  // one PostgreSQL database (a schema each), it would find another store's and skip making its own.
  const schema = kindOf(db) === 'postgres' ? (await sql<{ name: string }>`SELECT current_schema() AS name`.execute(db)).rows[0]?.name : undefined;
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
}

async function migrate(db: Db): Promise<void> {
  const { error, results } = await (await storeMigrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function openPostgres(url: string): OpenedDatabase {
  const { dialect } = postgresDialect(url);
  const db = new Kysely<Database>({ dialect });
  return { db, kind: 'postgres', reads: db, close: () => db.destroy() };
}

function openSqlite(file: string, walCheckpoints?: WalCheckpointOptions): OpenedDatabase {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; blobs are fsynced separately.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MB of page cache: queries touch few pages (keyset pages, index lookups), and a larger cache
  // only raised the memory a garbage-collection run over a big store peaks at (npm run bench).
  sqlite.pragma('cache_size = -16000');
  // Checkpoints (and their fsyncs) every ~40 MB of WAL rather than every 4 MB: a garbage-collection
  // batch touches many random pages, and the default made every other commit pay for a checkpoint.
  // Once the log first reaches a few MB, a worker thread takes checkpoints over (decision 187).
  sqlite.pragma('wal_autocheckpoint = 10000');
  const checkpointer = new WalCheckpointer(sqlite, file, walCheckpoints);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) });
  const reader = openSqliteReader(file);
  return {
    db,
    kind: 'sqlite',
    checkpointer,
    reads: reader.db,
    async close() {
      await reader.close();
      await checkpointer.close();
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/** How many prepared statements are kept for reuse, by SQL text. */
const STATEMENTS_KEPT = 100;

/**
 * Kysely prepares every query it runs, and better-sqlite3 frees a statement's native memory only
 * when V8 collects its JavaScript object, which V8 does not hurry to do since it cannot see that
 * memory: a garbage-collection run preparing a few statements per batch grew the process by about
 * 15 MB of statements waiting for collection (decision 125). Statements are therefore kept by their
 * SQL text, the most recently used first, and reused. A statement never runs twice at once: every
 * call is synchronous and none is iterated.
 */
function reusingStatements(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = kept.get(text);
      if (statement) kept.delete(text);
      else statement = sqlite.prepare(text);
      kept.set(text, statement);
      if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}
