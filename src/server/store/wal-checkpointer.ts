/**
 * Checkpoints a SQLite store's write-ahead log on a worker thread, so that copying the log's pages
 * into the database file (and the two fsyncs that go with it) no longer holds the event loop of the
 * server that wrote them (decision 187). A checkpoint at every 40 MB of log was a quarter of a
 * 100,000-version deletion job's time, and every request waited while it ran.
 *
 * The server's connection keeps SQLite's automatic checkpoints until its log first reaches
 * `startBytes` (most stores in tests never do); then it turns them off and a worker with its own
 * connection runs a PASSIVE checkpoint every `intervalMs`, which never waits for, nor blocks, the
 * server's reads and writes. SQLite starts the log over at the first write after a checkpoint has
 * copied all of it, but a server writing back to back may never leave it such a moment: when the
 * log file passes `boundBytes`, the server's own connection copies what the worker has not yet
 * copied (a short tail) between two of its transactions, so the log starts over at the next write.
 * `journal_size_limit` (half the bound) then shrinks the file, which is how its size tells whether
 * the log started over. If the worker fails, that bound keeps the log in check alone.
 *
 * A worker thread holds about 7 MB. Once the server's connection has written nothing for `idleMs`
 * and the log is all in the database file, the worker ends and gives it back; the first write after
 * that starts a new one at the next tick (decision 190).
 */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export interface WalCheckpointOptions {
  /** The log size at which the worker takes over checkpoints. */
  startBytes: number;
  /** The log size past which the server's connection copies the tail itself. */
  boundBytes: number;
  intervalMs: number;
  /** How long the server's connection writes nothing before an idle worker ends. */
  idleMs: number;
}

export const WAL_CHECKPOINTS: WalCheckpointOptions = { startBytes: 4 << 20, boundBytes: 64 << 20, intervalMs: 200, idleMs: 60_000 };

/** The worker: its own connection; a PASSIVE checkpoint for each message, answered with the log's frames and those copied. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
parentPort.postMessage('ready');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error), code: error && error.code });
  }
});
`;

/** A checkpoint that threw: SQLite's message and code (SQLITE_IOERR_WRITE when the database file refuses writes). */
interface CheckpointFailure {
  error: string;
  code?: string;
}

export interface CheckpointReport {
  /** Frames in the log when the worker's last checkpoint ran, and how many of them are in the database file. */
  log: number;
  checkpointed: number;
}

export class WalCheckpointer {
  private worker: Worker | null = null;
  /** Until the worker has opened its connection, ticks do not wait for it (starting takes a while on a busy machine). */
  private workerReady = false;
  private workerFailed = false;
  private asking: ((answer: CheckpointReport | CheckpointFailure | null) => void) | null = null;
  /** Checkpoints fail since the operator was warned; the next success says they work again. */
  private failing = false;
  private ticking = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  /** Rows the server's connection has changed since it opened (SQLite's total_changes()): a write moves it. */
  private readonly changes: BetterSqlite3.Statement<[], number>;
  private lastChanges = -1;
  private quietSince = 0;
  /** Set when an idle worker ended: the next worker starts at the first write after that, whatever the log's size. */
  private changesAtIdleStop: number | null = null;
  /** An idle worker on its way out; close() waits for it. */
  private stopping: Promise<void> | null = null;
  /** Ticks, workers started, their checkpoints, the server connection's own, idle workers ended (tests and diagnosis read them). */
  readonly counts = { ticks: 0, started: 0, worker: 0, server: 0, idleStops: 0 };
  lastReport: CheckpointReport | null = null;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly file: string,
    private readonly options: WalCheckpointOptions = WAL_CHECKPOINTS,
  ) {
    this.changes = sqlite.prepare('SELECT total_changes()').pluck() as BetterSqlite3.Statement<[], number>;
    this.timer = setInterval(() => void this.tick(), options.intervalMs);
    this.timer.unref();
  }

  /** Whether the worker is checkpointing (tests stop it to see the bound hold alone). */
  get workerRunning(): boolean {
    return this.worker !== null && this.workerReady;
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    this.counts.ticks++;
    try {
      const changes = this.changesSoFar();
      if (changes !== this.lastChanges) {
        this.lastChanges = changes;
        this.quietSince = performance.now();
      }
      let size = await walBytes(this.file);
      // Closed while the size was read: no worker may start for a store going away.
      if (this.closed) return;
      const due = this.changesAtIdleStop === null ? size >= this.options.startBytes : changes !== this.changesAtIdleStop;
      if (!this.worker && !this.workerFailed && due) this.startWorker();
      if (this.worker && this.workerReady && size < this.options.boundBytes) {
        const report = await this.ask();
        if (report && 'error' in report) this.failed(report);
        else if (report) {
          this.succeeded();
          this.lastReport = report;
          this.counts.worker++;
          // Everything in the database file and nothing written for a while: the thread's memory goes back.
          if (report.checkpointed === report.log && performance.now() - this.quietSince >= this.options.idleMs && !this.closed) {
            this.stopping = this.stopIdleWorker(changes);
            await this.stopping;
            return;
          }
        }
        // Writes went on while the worker copied: look again before the next tick.
        size = await walBytes(this.file);
        if (this.closed) return;
      }
      if (size < this.options.boundBytes || this.sqlite.inTransaction) return;
      // The log has not started over for a while: copy the tail here, between two transactions, so
      // that the next write starts it over. Ticks take turns, so the worker is not copying now.
      try {
        this.sqlite.pragma('wal_checkpoint(PASSIVE)');
        this.counts.server++;
        this.succeeded();
      } catch (error) {
        // The next tick tries again either way.
        const { message, code } = error as { message?: string; code?: string };
        this.failed({ error: String(message ?? error), code });
      }
    } finally {
      this.ticking = false;
    }
  }

  /**
   * A checkpoint failed. SQLITE_BUSY (another connection, a backup or the sqlite3 shell, is
   * checkpointing) passes; anything else (an I/O error, a full disk, a database file that refuses
   * writes) is told to the operator once, for the log then keeps all that is written.
   */
  private failed(failure: CheckpointFailure): void {
    if (failure.code === 'SQLITE_BUSY' || this.failing) return;
    this.failing = true;
    console.warn(
      `[attic] copying the SQLite log into ${this.file} failed (${failure.error}); everything written stays in ${this.file}-wal, which grows until a checkpoint succeeds`,
    );
  }

  private succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    console.log(`[attic] the SQLite log is copied into ${this.file} again`);
  }

  /** total_changes(); should the connection refuse the read, counted as a write, which keeps or starts a worker. */
  private changesSoFar(): number {
    try {
      return this.changes.get() ?? 0;
    } catch {
      return this.lastChanges + 1;
    }
  }

  private startWorker(): void {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: this.file },
    });
    this.changesAtIdleStop = null;
    this.counts.started++;
    worker.unref();
    worker.on('message', (message: 'ready' | CheckpointReport | CheckpointFailure) => {
      if (message === 'ready') {
        this.workerReady = true;
        return;
      }
      const answer = this.asking;
      this.asking = null;
      answer?.(message);
    });
    const gone = (error?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.workerReady = false;
      this.workerFailed = true;
      if (error)
        console.warn('[attic] the WAL checkpoint worker stopped; the server checkpoints the log itself:', error instanceof Error ? error.message : error);
      this.asking?.(null);
      this.asking = null;
    };
    worker.on('error', gone);
    worker.on('exit', () => gone(this.closed ? undefined : new Error('exited')));
    this.sqlite.pragma('wal_autocheckpoint = 0');
    // Half the bound: a log that started over shrinks below it, one that did not grows past it.
    this.sqlite.pragma(`journal_size_limit = ${Math.floor(this.options.boundBytes / 2)}`);
    this.worker = worker;
  }

  private ask(): Promise<CheckpointReport | CheckpointFailure | null> {
    return new Promise((resolve) => {
      this.asking = resolve;
      this.worker?.postMessage('checkpoint');
    });
  }

  /** Ends an idle worker the way close() does (it is no longer this.worker, so its exit is no failure). */
  private async stopIdleWorker(changes: number): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.workerReady = false;
    this.changesAtIdleStop = changes;
    await closeWorker(worker);
    this.counts.idleStops++;
    this.stopping = null;
  }

  /** Tests: stops the worker as a crash would; the bound then keeps the log in check. */
  async stopWorkerForTests(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  /** Stops the timer and the worker (before the server's connection closes, which checkpoints the rest). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    const worker = this.worker;
    this.worker = null;
    this.asking?.(null);
    this.asking = null;
    await this.stopping;
    if (worker) await closeWorker(worker);
  }
}

/** Asks a worker to close its connection and waits for its thread to end. */
export async function closeWorker(worker: Worker): Promise<void> {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  // The worker is unref'd so that it never keeps a process alive by itself; waiting for its exit,
  // it must: a process whose last step is closing the store otherwise ended right here, the rest
  // of its close never run (found by the purge bench, exit code 13).
  worker.ref();
  worker.postMessage('close');
  await exited;
}

async function walBytes(file: string): Promise<number> {
  try {
    return (await stat(`${file}-wal`)).size;
  } catch {
    return 0;
  }
}
