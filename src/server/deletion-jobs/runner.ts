/**
 * Runs deletion jobs in the background, one batch at a time, yielding to the event loop between
 * batches so that other requests are answered meanwhile, and pausing while requests come in. At
 * start it resumes the jobs a stopped server left queued or running: their items say what is left.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { nowIso, type AtticContext } from '../context';
import { yieldToEventLoop } from '../event-loop';
import { outsideAnyScope } from '../auth/scope';
import { writeAudit } from '../auth/audit';
import { trafficOf } from '../http/traffic';
import { BATCH_SIZE, jobFinishedEntry, runBatch } from './batch';
import { nextBatchSize, quietBatchMs } from './batch-size';

/** The longest pause between two batches while requests come in. */
const MAX_PAUSE_MS = 100;
export class DeletionJobRunner {
  private loop: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly ctx: AtticContext) {}

  /** Starts working through the queued and running jobs unless already at it. */
  kick(): void {
    if (this.stopped) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    // Kicked by a request, but the batches are not that request (its audit scope stays behind).
    this.loop = outsideAnyScope(() => this.work()).finally(() => {
      this.loop = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Runs one batch (`size` versions at most) of the oldest unfinished job; false when no job has work left. Tests drive it by hand. */
  async step(size = BATCH_SIZE): Promise<boolean> {
    const job = await this.ctx.db
      .selectFrom('deletion_jobs')
      .select('id')
      .where('state', 'in', ['queued', 'running'])
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!job) return false;
    try {
      await runBatch(this.ctx, job.id, size);
    } catch (error) {
      // A job that cannot go on is failed, not retried forever; what its batches did stays done.
      console.warn(`[attic] deletion job ${job.id} failed:`, error instanceof Error ? error.message : error);
      await this.ctx.db
        .updateTable('deletion_jobs')
        .set({ state: 'failed', finished_at: nowIso(this.ctx) })
        .where('id', '=', job.id)
        .execute();
      const row = await this.ctx.db.selectFrom('deletion_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
      await writeAudit(this.ctx.db, nowIso(this.ctx), {
        ...(await jobFinishedEntry(this.ctx.db, row, 'failed')),
        details: { error: error instanceof Error ? error.message : String(error) },
      });
    }
    return true;
  }

  private async work(): Promise<void> {
    const traffic = trafficOf(this.ctx);
    const budgetMs = quietBatchMs(this.ctx.db);
    let size = BATCH_SIZE;
    let cameBefore = false;
    while (!this.stopped) {
      const started = performance.now();
      if (!(await this.step(size))) return;
      const batchMs = performance.now() - started;
      await yieldToEventLoop();
      // Requests come first. While they keep coming (during this batch and the one before), pause
      // as long as the batch took, so that a client's next request finds the event loop free and
      // the job still gets about half of it, and halve the next batch. A lone request (a progress
      // poll) waits for at most one batch and changes nothing; on a quiet server the batches run
      // back to back and grow (decisions 156, 182).
      const requestsCame = traffic.busy(batchMs);
      const keepComing = requestsCame && cameBefore;
      size = nextBatchSize(size, batchMs, keepComing, budgetMs);
      if (keepComing) await sleep(Math.min(batchMs, MAX_PAUSE_MS));
      cameBefore = requestsCame;
    }
  }

  /** Stops after the batch in progress (its transaction commits); the rest resumes at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

const runners = new WeakMap<AtticContext, DeletionJobRunner>();

/** The runner of a store's context, started (and resuming) by openStore. */
export function startDeletionJobs(ctx: AtticContext): DeletionJobRunner {
  const runner = new DeletionJobRunner(ctx);
  runners.set(ctx, runner);
  runner.kick();
  return runner;
}

export function deletionJobRunner(ctx: AtticContext): DeletionJobRunner {
  const runner = runners.get(ctx);
  if (!runner) throw new Error('The deletion job runner is not started: open the store with openStore.');
  return runner;
}
