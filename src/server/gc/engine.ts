/**
 * The garbage-collection run. Each step is a batch in its own transaction and every step is
 * idempotent, with the run's progress in the database, so a run killed at any point is finished by
 * the next one. A blob's row moves from `blobs` to `gc_deleting` in the same transaction as the
 * check that nothing counting references it, its file goes to the trash (or, with a trash retention
 * of 0, is deleted at once: decision 184), then the row goes. Logging a version
 * reads blob rows in the transaction that records its references: a version logged before the
 * decision keeps the blob live; one logged after it finds the blob missing and uploads it again
 * under a new generation, so a blob a new version needs is never removed.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import {
  ApiError,
  doneLogLine,
  gcDisabled,
  gcRunNotFound,
  emptiedTrashLogLine,
  failedLogLine,
  planLogLine,
  purgeCutoff,
  sweptLogLine,
  trashEmptyCutoff,
  type GcRun,
} from '../../domain';
import { auditRequestOrServer } from '../auth/audit';
import { type Fleet, IntervalTakenError, LeaseLostError } from '../fleet/fleet';
import { outsideAnyScope } from '../auth/scope';
import { nowIso, type AtticContext } from '../context';
import { yieldToEventLoop } from '../event-loop';
import { candidateBlobsAmong, NO_VERSIONS } from '../deletion/reclaim';
import type { Db } from '../store/database';
import { jsonArrayAppend } from '../store/dialect';
import type { GcStepName, GcTestHooks, StepHook } from './hooks';
import { gcGate } from './gate';
import { takeKeyBatch } from './key-batch';
import { mapLimit } from './map-limit';
import { orphanSweepDue, sweepOrphans } from './orphans';
import { RunCache } from './run-cache';
import { dueCandidates, planRun } from './plan';
import { toGcRun, type GcRunRow } from './runs';

export type { StepHook } from './hooks';

export interface GcEngineOptions {
  batchSize?: number;
  onStep?: StepHook;
  /** Tests only: act before and after every step of a run (see hooks.ts). */
  hooks?: GcTestHooks;
}

/** The actor of the server's own garbage collection in the audit log. */
const GC_ACTOR = 'gc';

interface StartOptions {
  dryRun: boolean;
  trigger: 'schedule' | 'manual';
  /** A scheduled start claims this interval for the fleet first; another server's claim makes it IntervalTakenError. */
  scheduleIntervalMs?: number;
}

const INTERRUPTED = 'Interrupted: the server stopped during the run. The next run finishes its work.';

/** The fleet's lease on the one garbage-collection run in progress. */
const GC_LEASE = 'gc';

function gcRunning(runId: string | null): ApiError {
  return new ApiError(409, 'GC_RUNNING', 'A garbage-collection run is already in progress; wait for it to finish.', { runId });
}

export class GcEngine {
  private current: Promise<void> | null = null;
  private currentId: string | null = null;
  private readonly batchSize: number;
  private stopping = false;
  /** The run's current phase and how often each step has run, for the test hooks. */
  private phase = '';
  private readonly batches = new Map<GcStepName, number>();
  /** The last candidate the decide phase took, so each batch takes the next ones in key order. */
  private decideCursor: { entity: string; digest: string } | null = null;
  /**
   * The run found `gc_deleting` rows a killed run left. Deleting at once (retention 0), it then also
   * removes their trash copies: the killed run may have moved the files there under a retention
   * above 0, and nothing else would ever remove them (decision 184).
   */
  private leftoverRows = false;
  private readonly cache: RunCache;

  constructor(
    private readonly ctx: AtticContext,
    private readonly fleet: Fleet,
    private readonly options: GcEngineOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.cache = new RunCache(ctx.db);
  }

  /**
   * With SQLite this server is the only one: a run left `running` was its predecessor's, which
   * stopped mid-run, and is marked failed (the next run finishes its work). In a fleet the server
   * holding a run may be alive; a run whose server died is resumed once its lease lapses (`resumeLapsed`).
   */
  async recoverInterrupted(alone: boolean): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      // In a fleet, a run the lease names is its server's, or resumed by another once that lapses.
      await this.failAbandonedRuns(trx, { spareLeased: !alone });
      if (alone) await trx.deleteFrom('leases').where('name', '=', GC_LEASE).execute();
    });
  }

  /** The run in progress on any server of the fleet, if any. */
  async runningRun(): Promise<GcRun | null> {
    // This server's own run, until its last step is over (its record says done a moment before).
    if (this.currentId) return this.get(this.currentId).catch(() => null);
    const lease = await this.fleet.holderOf(this.ctx.db, GC_LEASE);
    if (!lease?.runId) return null;
    const run = await this.get(lease.runId).catch(() => null);
    return run?.status === 'running' ? run : null;
  }

  /**
   * Resumes the run of a server that died holding it (its lease lapsed): this server takes the
   * lease in one transaction, so exactly one server resumes it, and carries on from the phase the
   * run's rows say; every step is idempotent (decision 180). Returns the run's id, or null.
   */
  async resumeLapsed(): Promise<string | null> {
    if (this.current || this.stopping) return null;
    const lease = await this.fleet.holderOf(this.ctx.db, GC_LEASE);
    if (!lease?.expired || !lease.runId) return null;
    const runId = lease.runId;
    const resumed = await this.ctx.db.transaction().execute(async (trx) => {
      const run = await trx.selectFrom('gc_runs').select(['status', 'cutoff']).where('id', '=', runId).executeTakeFirst();
      if (run?.status !== 'running') {
        await trx.deleteFrom('leases').where('name', '=', GC_LEASE).where('holder', '=', lease.holder).execute();
        return null;
      }
      if ((await this.fleet.claim(trx, GC_LEASE, runId)) !== null) return null;
      await this.appendLog(trx, runId, `Resumed by server ${this.fleet.id}: the server running it (${lease.holder}) stopped answering.`);
      return run.cutoff;
    });
    if (resumed === null || this.current) return null;
    this.currentId = runId;
    this.current = outsideAnyScope(() => this.cache.around(() => this.execute(runId, resumed)))
      .catch((error: unknown) => console.warn(`[attic] garbage-collection run ${runId} failed:`, error instanceof Error ? error.message : error))
      .finally(() => {
        this.current = null;
        this.currentId = null;
      });
    return runId;
  }

  /** Starts a run. A dry run is computed at once and returned finished; a real run goes on in the background. */
  async start(options: StartOptions): Promise<GcRun> {
    const { config } = this.ctx;
    // GC switched off (ARTIFACT_GC_ENABLED) is refused by the gate below, with the safety net.
    const id = `gc_${randomBytes(8).toString('hex')}`;
    const cutoff = new Date(purgeCutoff(this.ctx.clock(), config.gc.graceSeconds)).toISOString();
    if (options.dryRun) {
      await this.refuseWithoutSafetyNet();
      return this.record(id, cutoff, options);
    }
    if (this.current) throw gcRunning(this.currentId);
    // The run is claimed before the first await, so a start arriving meanwhile gets GC_RUNNING.
    let begin!: (recorded: boolean) => void;
    const recorded = new Promise<boolean>((resolve) => (begin = resolve));
    const run: Promise<void> = recorded
      // The run goes on after the request that started it has been answered, as the server's own work.
      .then((ok) => (ok ? outsideAnyScope(() => this.cache.around(() => this.execute(id, cutoff))) : undefined))
      // A failed run is recorded in its row; the process carries on.
      .catch((error: unknown) => console.warn(`[attic] garbage-collection run ${id} failed:`, error instanceof Error ? error.message : error))
      .finally(() => {
        // A start refused below has already let go, and a later start may hold the claim by now.
        if (this.current !== run) return;
        this.current = null;
        this.currentId = null;
      });
    this.currentId = id;
    this.current = run;
    let recordedRun: GcRun;
    try {
      await this.refuseWithoutSafetyNet();
      recordedRun = await this.record(id, cutoff, options);
    } catch (error) {
      // Let go before answering: a start right after this refusal (another server's run, the safety
      // net) is not refused as GC_RUNNING naming a run that never began.
      this.current = null;
      this.currentId = null;
      begin(false);
      throw error;
    }
    begin(true);
    // The run as recorded, running: read back after it began, a run with little to do could be
    // over already, and its start would answer 200 with a finished run (seen on PostgreSQL under load).
    return recordedRun;
  }

  /**
   * GC_REQUIRE_SAFETY_NET against the store's safety net as it is now (bucket versioning can be
   * switched while Attic runs; gate.ts). Asked after the claim, so the claim stays synchronous.
   */
  private async refuseWithoutSafetyNet(): Promise<void> {
    const gate = await gcGate(this.ctx);
    if (!gate.enabled) throw gcDisabled(gate.disabledReason);
  }

  /**
   * The run's row with its plan (a dry run's: all of it, done), returned as recorded; the run number
   * is allocated in the transaction that inserts it.
   */
  private async record(id: string, cutoff: string, options: StartOptions): Promise<GcRun> {
    const now = nowIso(this.ctx);
    return this.cache.around(() =>
      this.ctx.db.transaction().execute(async (trx) => {
        if (options.scheduleIntervalMs !== undefined && !(await this.fleet.claimSchedule('gc', options.scheduleIntervalMs, trx))) {
          throw new IntervalTakenError('garbage collection');
        }
        if (!options.dryRun) await this.claimRun(trx, id);
        const plan = await planRun(trx, cutoff, now);
        const seqRow = await trx
          .selectFrom('gc_runs')
          .select((eb) => eb.fn.max('seq').as('max'))
          .executeTakeFirst();
        const log = [{ at: now, message: planLogLine(plan, cutoff) }];
        const done = options.dryRun;
        const recorded = await trx
          .insertInto('gc_runs')
          .values({
            id,
            seq: Number(seqRow?.max ?? 0) + 1,
            dry_run: done ? 1 : 0,
            status: done ? 'succeeded' : 'running',
            trigger: options.trigger,
            phase: done ? 'done' : 'purging',
            started_at: now,
            finished_at: done ? now : null,
            cutoff,
            versions_purged: done ? plan.versionsPurged : 0,
            blobs_deleted: done ? plan.blobsDeleted : 0,
            blobs_retained_shared: plan.blobsRetainedShared,
            bytes_reclaimed: done ? plan.bytesReclaimed : 0,
            planned_versions: plan.versionsPurged,
            planned_blobs: plan.blobsDeleted,
            planned_bytes: plan.bytesReclaimed,
            error: null,
            log: JSON.stringify(log),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const seq = Number(seqRow?.max ?? 0) + 1;
        await auditRequestOrServer(trx, now, {
          entity: null,
          actor: GC_ACTOR,
          action: 'gc.run',
          target: `gc run ${seq}`,
          outcome: 'success',
          details: {
            runId: id,
            dryRun: options.dryRun,
            trigger: options.trigger,
            plannedVersions: plan.versionsPurged,
            plannedBlobs: plan.blobsDeleted,
            plannedBytes: plan.bytesReclaimed,
          },
        });
        return toGcRun(recorded as GcRunRow);
      }),
    );
  }

  /**
   * Takes the fleet's GC lease for run `id`, or answers GC_RUNNING naming the run another server
   * holds. A run whose server died before anyone resumed it is marked failed: this one finishes its work.
   */
  private async claimRun(trx: Db, id: string): Promise<void> {
    const holder = await this.fleet.claim(trx, GC_LEASE, id);
    if (holder) throw gcRunning(holder.runId);
    // With the lease this run's, any other run still `running` belongs to a server that died.
    await this.failAbandonedRuns(trx, { spareLeased: false });
  }

  /** Records runs left `running` by a server that stopped as failed (interrupted); the next run does their work. */
  private async failAbandonedRuns(trx: Db, { spareLeased }: { spareLeased: boolean }): Promise<void> {
    let abandoned = trx
      .updateTable('gc_runs')
      .set({ status: 'failed', finished_at: nowIso(this.ctx), error: INTERRUPTED })
      .where('status', '=', 'running');
    if (spareLeased)
      abandoned = abandoned.where('id', 'not in', trx.selectFrom('leases').select('run_id').where('name', '=', GC_LEASE).where('run_id', 'is not', null));
    await abandoned.execute();
  }

  /** Stops a run in progress at its next batch (it is recorded as failed; the next run finishes its work). */
  async shutdown(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private checkStopping(): void {
    if (this.stopping) throw new Error('Interrupted: the server is stopping. The next run finishes this work.');
  }

  /** Waits for the run in progress, if any (tests, shutdown). */
  async idle(): Promise<void> {
    await this.current;
  }

  async get(id: string): Promise<GcRun> {
    const row = await this.ctx.db.selectFrom('gc_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw gcRunNotFound(id);
    return toGcRun(row as GcRunRow);
  }

  private async execute(id: string, cutoff: string): Promise<void> {
    this.batches.clear();
    try {
      this.leftoverRows = (await this.ctx.db.selectFrom('gc_deleting').select('digest').limit(1).executeTakeFirst()) !== undefined;
      await this.setPhase(id, 'purging');
      // Between batches the event loop serves requests and the SQLite checkpointer's ticks: a run
      // over a big backlog otherwise held it for all its purge and decide batches (3 s at 1M blobs),
      // and the log's automatic checkpoints ran inside its commits (decision 192).
      while ((await this.step(id, 'purge', () => this.purgeBatch(id, cutoff))) > 0) {
        await this.options.onStep?.('purged');
        this.checkStopping();
        await yieldToEventLoop();
      }
      await this.setPhase(id, 'deciding');
      this.decideCursor = null;
      while ((await this.step(id, 'decide', () => this.decideBatch())) > 0) {
        await this.options.onStep?.('decided');
        this.checkStopping();
        await yieldToEventLoop();
      }
      await this.setPhase(id, 'deleting');
      while ((await this.deleteBatch(id)) > 0) this.checkStopping();
      if (await orphanSweepDue(this.ctx)) {
        await this.setPhase(id, 'sweeping');
        const swept = await sweepOrphans(this.ctx, id, (fn) => this.step(id, 'sweep', fn));
        if (swept.files > 0) await this.appendLog(this.ctx.db, id, sweptLogLine(swept.files, swept.bytes, this.deletesAtOnce));
      }
      await this.setPhase(id, 'emptying trash');
      await this.emptyTrash(id);
      await this.step(id, 'finish', async () => {
        const run = await this.get(id);
        await this.finish(id, 'succeeded', null, doneLogLine(run));
      });
    } catch (error) {
      // The server that took the lease over owns the run's record now.
      if (error instanceof LeaseLostError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await this.finish(id, 'failed', message, failedLogLine(message)).catch(() => undefined);
      throw error;
    }
  }

  /** One step of a run (a transaction, or a batch of file moves), with the test hooks around it. */
  private async step<T>(runId: string, step: GcStepName, work: () => Promise<T>): Promise<T> {
    const hooks = this.options.hooks;
    if (!hooks) return work();
    const batch = (this.batches.get(step) ?? 0) + 1;
    this.batches.set(step, batch);
    const point = { runId, step, batch, phase: this.phase };
    await hooks.before?.(point);
    const result = await work();
    await hooks.after?.(point);
    return result;
  }

  private async appendLog(db: Db, id: string, message: string) {
    await sql`UPDATE gc_runs SET log = ${jsonArrayAppend(db, sql`log`, { at: nowIso(this.ctx), message })} WHERE id = ${id}`.execute(db);
  }

  private async setPhase(id: string, phase: string) {
    this.phase = phase;
    await this.step(id, 'phase', () => this.ctx.db.updateTable('gc_runs').set({ phase }).where('id', '=', id).execute());
  }

  private async finish(id: string, status: 'succeeded' | 'failed', error: string | null, message: string) {
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.fleet.requireLease(trx, GC_LEASE);
      await this.fleet.release(trx, GC_LEASE);
      await trx
        .updateTable('gc_runs')
        .set({ status, error, phase: 'done', finished_at: nowIso(this.ctx) })
        .where('id', '=', id)
        .execute();
      await this.appendLog(trx, id, message);
    });
  }

  /** Step 1: versions past the grace period become DELETED; their blobs become candidates. */
  private async purgeBatch(id: string, cutoff: string): Promise<number> {
    const now = nowIso(this.ctx);
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.fleet.requireLease(trx, GC_LEASE);
      const batch = await trx
        .selectFrom('versions')
        .select(['seq', 'collection_id'])
        .where('state', '=', 'PENDING_DELETION')
        .where('deleted_at', '<=', cutoff)
        .limit(this.batchSize)
        .execute();
      if (batch.length === 0) return 0;
      const seqs = batch.map((b) => b.seq);
      await trx.updateTable('versions').set({ state: 'DELETED' }).where('seq', 'in', seqs).execute();
      // In key order: a batch's blobs have random digests, and inserting them in the order of their
      // versions reread and rewrote the same pages of gc_candidates once per blob when the run's
      // small page cache could not hold them; sorted, each page is visited once (GROUP BY: one sort
      // makes the rows distinct and ordered).
      await sql`
        INSERT INTO gc_candidates (entity, digest, not_before)
        SELECT v.entity, f.digest, ${now} FROM versions v JOIN version_files f ON f.version_seq = v.seq
        WHERE v.seq IN (${sql.join(seqs)}) GROUP BY v.entity, f.digest ORDER BY v.entity, f.digest
        ON CONFLICT (entity, digest) DO UPDATE SET not_before = CASE WHEN excluded.not_before < gc_candidates.not_before THEN excluded.not_before ELSE gc_candidates.not_before END`.execute(
        trx,
      );
      const perCollection = new Map<number, number>();
      for (const b of batch) perCollection.set(b.collection_id, (perCollection.get(b.collection_id) ?? 0) + 1);
      for (const [collectionId, n] of perCollection) {
        await trx
          .updateTable('collections')
          .set((eb) => ({ pending_deletion_count: eb('pending_deletion_count', '-', n) }))
          .where('id', '=', collectionId)
          .execute();
      }
      await trx
        .updateTable('gc_runs')
        .set((eb) => ({ versions_purged: eb('versions_purged', '+', batch.length) }))
        .where('id', '=', id)
        .execute();
      return batch.length;
    });
  }

  /** Step 2: candidates that nothing counting references become deleting, in the transaction that checks it; the rest stay live. */
  private async decideBatch(): Promise<number> {
    const now = nowIso(this.ctx);
    return this.ctx.db.transaction().execute(async (trx) => {
      await this.fleet.requireLease(trx, GC_LEASE);
      await sql`DROP TABLE IF EXISTS gc_batch`.execute(trx);
      // In key order, from where the last batch stopped: consecutive batches then touch neighbouring
      // pages of blobs and gc_candidates, where batches in the order the purge made the candidates
      // (random digests) rewrote most of those tables' pages each, so a blob cost more the bigger
      // the store. A candidate made behind the cursor during the phase waits for the next run.
      const after = this.decideCursor ? sql`(entity, digest) > (${this.decideCursor.entity}, ${this.decideCursor.digest})` : sql`TRUE`;
      await sql`CREATE TEMP TABLE gc_batch AS SELECT * FROM (${dueCandidates(now)}) AS due WHERE ${after} ORDER BY entity, digest LIMIT ${this.batchSize}`.execute(
        trx,
      );
      const last = await sql<{ entity: string; digest: string; n: number }>`
        SELECT entity, digest, (SELECT COUNT(*) FROM gc_batch) AS n FROM gc_batch ORDER BY entity DESC, digest DESC LIMIT 1`.execute(trx);
      const n = Number(last.rows[0]?.n ?? 0);
      if (n > 0) {
        this.decideCursor = { entity: last.rows[0]!.entity, digest: last.rows[0]!.digest };
        // The plan's candidate query, on this batch: its versions are purged already (DELETED), so
        // nothing more is purged; a PENDING version's files were reported present to its client and count.
        const batch = candidateBlobsAmong(sql`SELECT entity, digest, from_purge FROM gc_batch`, NO_VERSIONS);
        await sql`INSERT INTO gc_deleting (entity, digest, generation, size_bytes)
          SELECT entity, digest, generation, size_bytes FROM (${batch}) AS decided WHERE NOT kept
          ON CONFLICT DO NOTHING`.execute(trx);
        // Driven by the batch (a primary-key probe of blobs per batch row), never by gc_deleting,
        // which holds every blob decided so far in the phase: scanning it made the phase quadratic.
        await sql`DELETE FROM blobs WHERE (entity, digest) IN (SELECT entity, digest FROM gc_batch)
          AND EXISTS (SELECT 1 FROM gc_deleting d WHERE d.entity = blobs.entity AND d.digest = blobs.digest AND d.generation = blobs.generation)`.execute(trx);
        await sql`DELETE FROM gc_candidates WHERE (entity, digest) IN (SELECT entity, digest FROM gc_batch)`.execute(trx);
      }
      await sql`DROP TABLE gc_batch`.execute(trx);
      return n;
    });
  }

  /** GC_TRASH_RETENTION_SECONDS is 0: removed files are deleted at once, never moved to the trash first (decision 184). */
  private get deletesAtOnce(): boolean {
    return this.ctx.config.gc.trashRetentionSeconds === 0;
  }

  /**
   * Steps 3-4: deleting blobs' files leave the store (moved to the trash, or deleted at once with a
   * retention of 0), then their rows are dropped with the figures (a run killed in between is
   * finished by the next: both file operations are idempotent).
   */
  private async deleteBatch(id: string): Promise<number> {
    // The drop below names exactly the rows whose files were moved.
    const batch = await takeKeyBatch(this.ctx.db, 'gc_moving', sql`SELECT entity, digest, generation FROM gc_deleting LIMIT ${this.batchSize}`);
    const deleting = batch.keys;
    if (deleting.length === 0) {
      await batch.release();
      return 0;
    }
    const atOnce = this.deletesAtOnce;
    const { blobs } = this.ctx;
    if (atOnce) {
      const leftovers = this.leftoverRows;
      await this.step(id, 'remove', () =>
        mapLimit(deleting, 8, async (b) => {
          await blobs.remove(b.entity, b.digest, b.generation);
          if (leftovers) await blobs.removeFromTrash(b.entity, b.digest, b.generation);
        }),
      );
      await this.options.onStep?.('removed');
    } else {
      await this.step(id, 'trash', () => mapLimit(deleting, 8, (b) => blobs.moveToTrash(b.entity, b.digest, b.generation)));
      await this.options.onStep?.('trashed');
    }
    const now = nowIso(this.ctx);
    // Set-based: the trash rows, the removal and the figures, in one transaction. Every row of
    // gc_deleting is freed: its file has left the blob store (a re-upload of the same bytes is a
    // new blob under another generation, counted as stored again).
    const moved = batch.has;
    await this.step(id, 'drop', () =>
      this.ctx.db.transaction().execute(async (trx) => {
        await this.fleet.requireLease(trx, GC_LEASE);
        const totals = await sql<{ n: number; bytes: number | null }>`SELECT COUNT(*) AS n, SUM(size_bytes) AS bytes FROM gc_deleting WHERE ${moved}`.execute(
          trx,
        );
        const blobs = Number(totals.rows[0]?.n ?? 0);
        const bytes = Number(totals.rows[0]?.bytes ?? 0);
        if (!atOnce)
          await sql`INSERT INTO trash (entity, digest, generation, size_bytes, trashed_at)
          SELECT entity, digest, generation, size_bytes, ${now} FROM gc_deleting WHERE ${moved} ON CONFLICT DO NOTHING`.execute(trx);
        await sql`DELETE FROM gc_deleting WHERE ${moved}`.execute(trx);
        await trx
          .updateTable('gc_runs')
          .set((eb) => ({ blobs_deleted: eb('blobs_deleted', '+', blobs), bytes_reclaimed: eb('bytes_reclaimed', '+', bytes) }))
          .where('id', '=', id)
          .execute();
      }),
    );
    await batch.release();
    await this.options.onStep?.('dropped');
    return deleting.length;
  }

  /** Files kept in the trash longer than GC_TRASH_RETENTION_SECONDS are removed for good. */
  private async emptyTrash(id: string): Promise<void> {
    const before = new Date(trashEmptyCutoff(this.ctx.clock(), this.ctx.config.gc.trashRetentionSeconds)).toISOString();
    let removed = 0;
    for (;;) {
      const batch = await takeKeyBatch(
        this.ctx.db,
        'gc_emptying',
        sql`SELECT entity, digest, generation FROM trash WHERE trashed_at <= ${before} LIMIT ${this.batchSize}`,
      );
      const rows = batch.keys;
      if (rows.length === 0) {
        await batch.release();
        break;
      }
      await this.step(id, 'empty', async () => {
        await mapLimit(rows, 8, (r) => this.ctx.blobs.removeFromTrash(r.entity, r.digest, r.generation));
        await sql`DELETE FROM trash WHERE ${batch.has}`.execute(this.ctx.db);
      });
      await batch.release();
      removed += rows.length;
    }
    if (removed > 0) await this.appendLog(this.ctx.db, id, emptiedTrashLogLine(removed, this.ctx.config.gc.trashRetentionSeconds));
  }
}
