/**
 * PostgreSQL behind Kysely (DATABASE_URL), for teams that run Attic on their own database and
 * several servers on it. Every transaction starts by taking one transaction-scoped advisory lock,
 * so transactions run one at a time across every server on the database, as they do on SQLite:
 * the garbage collector's check-and-move, version numbering and every other read-then-write were
 * written for that and keep their guarantees unchanged (decision 178).
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Driver,
  type Kysely,
  PostgresDialect,
  PostgresDriver,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { CurrentSchemaIntrospector } from './current-schema-introspector';

/** int8 (COUNT, BIGINT columns) and numeric (SUM) as numbers: every figure Attic stores fits in 2^53. */
const NUMBER_TYPES = new Set([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);

function typeParser(oid: number, format?: 'text' | 'binary') {
  if (NUMBER_TYPES.has(oid)) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format);
}

/**
 * The key of the lock every transaction takes: per schema, so separate Attic stores in one
 * database (the tests make one schema per server) do not wait on each other.
 */
const TAKE_WRITE_LOCK = CompiledQuery.raw(`SELECT pg_advisory_xact_lock(hashtext('attic:' || current_schema()))`);

class SerializedTransactionsDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // READ COMMITTED (the default): every statement after the lock sees what the transactions
    // before it committed. A snapshot taken before the wait (REPEATABLE READ) would not.
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(TAKE_WRITE_LOCK);
  }
}

class SerializedTransactionsDialect extends PostgresDialect {
  constructor(private readonly pool: pg.Pool) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new SerializedTransactionsDriver({ pool: this.pool });
  }

  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

export function postgresDialect(url: string): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser: typeParser as typeof pg.types.getTypeParser } });
  // An idle client that loses its connection (a database restart) must not crash the server.
  pool.on('error', (error) => console.warn(`[attic] PostgreSQL connection lost: ${error.message}`));
  return { dialect: new SerializedTransactionsDialect(pool), pool };
}
