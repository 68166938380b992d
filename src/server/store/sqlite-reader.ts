/**
 * A second, read-only SQLite connection on a worker thread, behind a Kysely dialect of its own
 * (`ctx.reads`), for the few reads that aggregate a whole backlog: a project's storage figures,
 * `GET /gc`'s reclaimable bytes, a collection's deletion preview. On the server's own connection
 * each held the event loop for seconds at 100,000 pending versions (no other request read, no
 * health check answered); here the server goes on serving while the worker reads (decision 195).
 * WAL lets the worker read a consistent snapshot while the server writes: a transaction on `reads`
 * (BEGIN ... COMMIT) reads one snapshot throughout.
 *
 * The worker starts at the first query and ends after `idleMs` without one (a thread holds about
 * 7 MB, decision 190); queries take turns on its one connection, as they do on the server's.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Database } from './schema';
import { closeWorker } from './wal-checkpointer';

/**
 * The worker: its own connection that refuses writes, a statement per message, answered with its
 * rows. Before each statement it waits while a test holds the readers (`holdReadersForTests`),
 * counting itself in the gate's second slot, as a long query would keep it busy.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const gate = new Int32Array(workerData.gate);
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('query_only = ON');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -16000');
const kept = new Map();
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  const { id, sql, parameters } = message;
  if (Atomics.load(gate, 0) === 1) {
    Atomics.add(gate, 1, 1);
    while (Atomics.load(gate, 0) === 1) Atomics.wait(gate, 0, 1);
    Atomics.sub(gate, 1, 1);
  }
  try {
    let statement = kept.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > 50) kept.delete(kept.keys().next().value);
    }
    const rows = statement.reader ? statement.all(parameters) : (statement.run(parameters), []);
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error), code: error && error.code });
  }
});
`;

/** Tests only: [held (1) or not, workers waiting at it], shared with every reader thread of the process. */
const gate = new Int32Array(new SharedArrayBuffer(8));

/**
 * Tests only: every reader thread waits before its next statement, as if that statement were long,
 * until the returned function is called. `waiting()` says how many are waiting now.
 */
export function holdReadersForTests(): { waiting: () => number; release: () => void } {
  Atomics.store(gate, 0, 1);
  return {
    waiting: () => Atomics.load(gate, 1),
    release: () => {
      Atomics.store(gate, 0, 0);
      Atomics.notify(gate, 0);
    },
  };
}

interface Answer {
  id: number;
  rows?: unknown[];
  error?: string;
  code?: string;
}

export interface ReaderOptions {
  /** How long the worker waits without a query before it ends. */
  idleMs: number;
}

export const READER: ReaderOptions = { idleMs: 60_000 };

/** The worker and the queries it has been sent. */
class ReaderThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  private idleTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  /** Workers started (tests read it: one per burst of queries, not one per query). */
  started = 0;

  get running(): boolean {
    return this.worker !== null;
  }

  constructor(
    private readonly file: string,
    private readonly options: ReaderOptions,
  ) {}

  query(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<unknown[]>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // A query in flight keeps the process alive, as one on a socket would.
      worker.ref();
      worker.postMessage({ id, sql, parameters });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.file, gate: gate.buffer },
    });
    this.started++;
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (this.waiting.size === 0) worker.unref();
      if (answer.error !== undefined) waiter?.reject(Object.assign(new Error(answer.error), { code: answer.code }));
      else waiter?.resolve(answer.rows ?? []);
    });
    const gone = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', gone);
    worker.on('exit', () => gone(new Error('the SQLite reader thread ended')));
    this.worker = worker;
    return worker;
  }

  /**
   * The connection was released (a query or a transaction is over): the worker ends after `idleMs`
   * unless another query comes. Armed here, not when a query is answered, so a transaction's pause
   * between two of its queries never ends the thread under its open snapshot.
   */
  idle(): void {
    if (!this.worker || this.waiting.size > 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.stop(), this.options.idleMs);
    this.idleTimer.unref();
  }

  /** Ends the worker once its queries are answered; the next query starts another. */
  private async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.waiting.size > 0) return;
    this.worker = null;
    this.closing = closeWorker(worker);
    await this.closing;
    this.closing = null;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    await this.closing;
    if (worker) await closeWorker(worker);
  }
}

/** One connection, one query or transaction at a time (the worker's connection is one). */
class ReaderDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;
  private readonly connection: DatabaseConnection;

  constructor(readonly thread: ReaderThread) {
    this.connection = {
      executeQuery: async <R>(compiled: CompiledQuery): Promise<QueryResult<R>> => ({
        rows: (await thread.query(compiled.sql, compiled.parameters)) as R[],
      }),
      streamQuery: () => {
        throw new Error('The SQLite reader does not stream.');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    this.thread.idle();
    release?.();
  }

  async destroy(): Promise<void> {
    await this.thread.close();
  }
}

export interface SqliteReader {
  db: Kysely<Database>;
  /** Workers started so far, and whether one is running now. */
  readonly started: number;
  readonly running: boolean;
  close(): Promise<void>;
}

/** A Kysely over a read-only connection to `file` on a worker thread, started at its first query. */
export function openSqliteReader(file: string, options: ReaderOptions = READER): SqliteReader {
  const thread = new ReaderThread(file, options);
  const dialect: Dialect = {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ReaderDriver(thread),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    get started() {
      return thread.started;
    },
    get running() {
      return thread.running;
    },
    close: () => db.destroy(),
  };
}
