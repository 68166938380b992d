/** `GET /api/v1/gc` and the storage figures of a project. */
import { sql } from 'kysely';
import type { GcStatus } from '../../domain';
import { nowIso, type AtticContext } from '../context';
import { gcGate } from './gate';
import { planRun } from './plan';
import { lastRun } from './runs';
import type { GcScheduler } from './scheduler';

export async function gcStatus(ctx: AtticContext, scheduler: GcScheduler): Promise<GcStatus> {
  const { gc } = ctx.config;
  const pending = await ctx.db
    .selectFrom('versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'PENDING_DELETION')
    .executeTakeFirstOrThrow();
  // Every version pending deletion, grace period or not (the contract's definition).
  const plan = await planRun(ctx.reads, null, nowIso(ctx));
  const trash = await sql<{ bytes: number | null }>`SELECT SUM(size_bytes) AS bytes FROM trash`.execute(ctx.db);
  const gate = await gcGate(ctx);
  // Scheduled runs are refused while the gate is shut (bucket versioning off): none is announced.
  const next = gate.enabled ? scheduler.nextRunAt : null;
  return {
    enabled: gate.enabled,
    disabledReason: gate.disabledReason,
    pendingVersions: Number(pending.n),
    reclaimableBytes: plan.bytesReclaimed,
    lastRun: await lastRun(ctx.db),
    nextRunAt: next === null ? null : new Date(next).toISOString(),
    graceSeconds: gc.graceSeconds,
    intervalSeconds: gc.intervalSeconds,
    trashRetentionSeconds: gc.trashRetentionSeconds,
    trashBytes: Number(trash.rows[0]?.bytes ?? 0),
    running: await scheduler.engine.runningRun(),
    safetyNet: gate.safetyNet,
  };
}
