/** Starts a run every GC_INTERVAL_SECONDS while garbage collection is on, and says when the next one is. */
import { expectedPurgeAt } from '../../domain';
import type { AtticContext } from '../context';
import { setLongTimeout, type LongTimer } from '../long-timeout';
import { IntervalTakenError } from '../fleet/fleet';
import type { GcEngine } from './engine';

export class GcScheduler {
  private timer: LongTimer | null = null;
  private next: number | null = null;

  constructor(
    private readonly ctx: AtticContext,
    readonly engine: GcEngine,
  ) {}

  start(): void {
    if (!this.ctx.config.gc.enabled) return;
    this.schedule();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
    this.next = null;
  }

  /** The next scheduled run, or null when garbage collection is off or the schedule is stopped. */
  get nextRunAt(): number | null {
    return this.next;
  }

  /** When a version that may be purged from `eligibleAt` on will be purged by the schedule. */
  expectedPurgeAt(eligibleAt: number): number | null {
    return expectedPurgeAt(this.next, this.ctx.config.gc.intervalSeconds, eligibleAt);
  }

  private schedule(): void {
    const interval = this.ctx.config.gc.intervalSeconds * 1000;
    this.next = this.ctx.clock() + interval;
    // Intervals past Node's 24.8-day timer limit are legitimate: waited in steps.
    this.timer = setLongTimeout(() => {
      // Once per interval across the fleet: the start claims the interval (another server's timer
      // finds it claimed and starts nothing), in the transaction that records the run.
      this.engine
        .start({ dryRun: false, trigger: 'schedule', scheduleIntervalMs: interval })
        .catch((error: unknown) => {
          if (error instanceof IntervalTakenError) return;
          console.warn('[attic] scheduled garbage collection did not start:', error instanceof Error ? error.message : error);
        })
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, interval);
  }
}
