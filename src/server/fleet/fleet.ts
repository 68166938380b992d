/**
 * Several Attic servers on one store (PostgreSQL and a bucket) behave as one (decision 180). Each
 * server has a row in `servers` that it renews every third of LEASE_SECONDS; work only one server
 * may do at a time (the garbage-collection run) is a lease in `leases`, renewed with it; scheduled
 * work is claimed per interval in `schedules`, so it happens once per interval across the fleet.
 * A server that stops renewing is dead once its lease time has passed: its row goes, a sweep for
 * the files its cut-off uploads may have left is marked due, and its GC run is resumed by another.
 *
 * Every claim is a read and a write in one transaction, and transactions run one at a time on
 * either database (PostgreSQL: the advisory lock of store/postgres.ts), so two servers never both
 * win a claim. Fencing: a run's every transaction checks that its server still holds the lease.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { outsideAnyScope } from '../auth/scope';
import type { AtticContext } from '../context';
import { markOrphanSweepDue } from '../gc/orphans';
import type { Db } from '../store/database';

export class LeaseLostError extends Error {
  constructor(name: string) {
    super(`This server no longer holds the ${name} lease: another server took the work over.`);
  }
}

/** Another server of the fleet already did this interval's scheduled work. */
export class IntervalTakenError extends Error {
  constructor(name: string) {
    super(`Another server already did this interval's ${name}.`);
  }
}

export interface LeaseHolder {
  holder: string;
  runId: string | null;
  expired: boolean;
}

export class Fleet {
  readonly id = `srv_${randomBytes(6).toString('hex')}`;

  constructor(
    private readonly ctx: AtticContext,
    readonly leaseMs: number,
  ) {}

  private at(offsetMs = 0): string {
    return new Date(this.ctx.clock() + offsetMs).toISOString();
  }

  /**
   * Joins the fleet; returns the servers found dead: those silent for a whole lease, and with
   * `alone` (SQLite's DATA_DIR lock: this server is the only one) every other row, a dead predecessor's.
   */
  async join(alone: boolean): Promise<string[]> {
    await this.ctx.db
      .insertInto('servers')
      .values({ id: this.id, host: os.hostname(), pid: process.pid, started_at: this.at(), heartbeat_at: this.at() })
      .execute();
    return this.reap(alone ? this.at(this.leaseMs + 1) : this.at());
  }

  /** Says this server is alive and keeps its leases; returns the servers found dead meanwhile. */
  async heartbeat(): Promise<string[]> {
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('servers').set({ heartbeat_at: this.at() }).where('id', '=', this.id).execute();
      await trx
        .updateTable('leases')
        .set({ expires_at: this.at(this.leaseMs) })
        .where('holder', '=', this.id)
        .execute();
    });
    return this.reap(this.at());
  }

  /**
   * Removes the servers silent since before `now - lease`, and what they held lapses with them;
   * an orphan sweep is marked due in the same transaction.
   */
  private async reap(now: string): Promise<string[]> {
    const silentSince = new Date(Date.parse(now) - this.leaseMs).toISOString();
    return this.ctx.db.transaction().execute(async (trx) => {
      const dead = await trx.selectFrom('servers').select('id').where('id', '<>', this.id).where('heartbeat_at', '<', silentSince).execute();
      if (dead.length === 0) return [];
      const ids = dead.map((d) => d.id);
      await trx.deleteFrom('servers').where('id', 'in', ids).execute();
      // Their cut-off uploads may have left files no row knows; marked here, so the mark cannot
      // be lost with this server between the rows going and a later step.
      await markOrphanSweepDue(trx);
      // Their leases may be taken at once: the server is gone.
      await trx
        .updateTable('leases')
        .set({ expires_at: this.at(-1) })
        .where('holder', 'in', ids)
        .execute();
      return ids;
    });
  }

  async leave(): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('leases').where('holder', '=', this.id).execute();
      await trx.deleteFrom('servers').where('id', '=', this.id).execute();
    });
  }

  /** Who holds the lease `name`, if anyone does or did. */
  async holderOf(db: Db, name: string): Promise<LeaseHolder | null> {
    const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? { holder: row.holder, runId: row.run_id, expired: row.expires_at <= this.at() } : null;
  }

  /** Takes the lease in this transaction unless a live holder has it; returns that holder then. */
  async claim(trx: Db, name: string, runId: string | null): Promise<LeaseHolder | null> {
    const current = await this.holderOf(trx, name);
    if (current && !current.expired && current.holder !== this.id) return current;
    await trx
      .insertInto('leases')
      .values({ name, holder: this.id, run_id: runId, expires_at: this.at(this.leaseMs) })
      .onConflict((oc) => oc.column('name').doUpdateSet({ holder: this.id, run_id: runId, expires_at: this.at(this.leaseMs) }))
      .execute();
    return null;
  }

  /** Fencing: throws LeaseLostError unless this server holds `name` (checked in the transaction doing the work). */
  async requireLease(trx: Db, name: string): Promise<void> {
    const current = await this.holderOf(trx, name);
    if (current?.holder !== this.id) throw new LeaseLostError(name);
  }

  async release(trx: Db, name: string): Promise<void> {
    await trx.deleteFrom('leases').where('name', '=', name).where('holder', '=', this.id).execute();
  }

  /**
   * True for exactly one server per interval: the first whose timer finds the work due. A timer
   * firing a moment early still counts (1% of the interval), so drift never skips an interval.
   */
  async claimSchedule(name: string, intervalMs: number, trx?: Db): Promise<boolean> {
    if (!trx) return this.ctx.db.transaction().execute((t) => this.claimSchedule(name, intervalMs, t));
    const now = this.ctx.clock();
    const next = new Date(now + intervalMs).toISOString();
    const dueBy = new Date(now + intervalMs * 0.01).toISOString();
    const row = await trx.selectFrom('schedules').select('next_at').where('name', '=', name).executeTakeFirst();
    if (row && row.next_at > dueBy) return false;
    await trx
      .insertInto('schedules')
      .values({ name, next_at: next })
      .onConflict((oc) => oc.column('name').doUpdateSet({ next_at: next }))
      .execute();
    return true;
  }
}

/**
 * Runs `work` every third of the fleet's lease, as the server's own work (outside any request),
 * never two at once; a failure is logged as `what` failed and tried again next time. Returns the stop.
 */
export function everyThirdOfLease(fleet: Fleet, what: string, work: () => Promise<void>): () => void {
  let busy = false;
  const timer = setInterval(
    () => {
      if (busy) return;
      busy = true;
      outsideAnyScope(work)
        .catch((error: unknown) => console.warn(`[attic] ${what} failed:`, error instanceof Error ? error.message : error))
        .finally(() => {
          busy = false;
        });
    },
    Math.max(100, fleet.leaseMs / 3),
  );
  timer.unref();
  return () => clearInterval(timer);
}
