/**
 * One batch of a deletion job: up to `size` of its queued versions, in one transaction and one
 * deletion act, each ending done or refused with a code; `latest` is recomputed once per
 * collection the batch touched, not once per version. Both actions are set-based
 * (`softDeleteManyInTransaction`, `restoreManyInTransaction` per collection).
 */
import { type RawBuilder, sql, type Selectable, type SqlBool } from 'kysely';
import { JOB_REFUSALS } from '../../domain';
import { type AuditRecord, writeAudit } from '../auth/audit';
import { nowIso, type AtticContext } from '../context';
import { softDeleteManyInTransaction } from '../deletion/delete-many';
import { reviveCollection, type DeletionAct } from '../deletion/delete-version';
import { seqsByCollection } from '../deletion/multimap';
import { restoreManyInTransaction } from '../deletion/restore-many';
import { recomputeLatest } from '../deletion/latest';
import type { Db } from '../store/database';
import type { DeletionJobsTable } from '../store/schema';

/**
 * The size of a batch while requests come in (and of the first one): small, so that a batch (one
 * transaction, during which the server answers nothing else on SQLite) lasts a few milliseconds
 * and an unrelated request waits at most about one batch (decision 156). The runner grows batches
 * while the server is quiet (decision 182).
 */
export const BATCH_SIZE = 100;

type JobRow = Selectable<DeletionJobsTable>;
interface ItemRow {
  seq: number;
  collection_id: number;
  state: 'PENDING' | 'COMMITTED' | 'PENDING_DELETION' | 'DELETED';
  idx: number | null;
  /** 1 when the version holds an alias now. */
  has_alias: boolean | number;
}

/** Why a version cannot be taken by this job, or null when it can. */
function refusal(job: JobRow, item: ItemRow): string | null {
  if (item.state === 'DELETED') return JOB_REFUSALS.garbageCollected;
  if (job.action === 'restore') return item.state === 'PENDING_DELETION' ? null : JOB_REFUSALS.notDeleted;
  if (item.state !== 'COMMITTED') return JOB_REFUSALS.alreadyDeleted;
  if (job.delete_aliases) return null;
  return item.has_alias ? JOB_REFUSALS.aliasesPresent : null;
}

/** The condition on a job's items `i` that they were done (the `done` state from jobs that ran before decision 188). */
export function doneItem(doneThrough: number): RawBuilder<unknown> {
  return sql`(i.state = 'done' OR (i.state = 'queued' AND i.version_seq <= ${doneThrough}))`;
}

/**
 * Only refusals are written to the items: an item the batch took stays `queued` and is done by
 * being at or below the job's `done_through` (decision 188). Writing `done` to every item was a
 * sixth of a 100,000-version job on PostgreSQL.
 */
async function markRefused(db: Db, jobId: string, seqs: number[], code: string): Promise<void> {
  await db.updateTable('deletion_job_items').set({ state: 'refused', code }).where('job_id', '=', jobId).where('version_seq', 'in', seqs).execute();
}

/**
 * Runs the next batch of a queued or running job; returns false when there was nothing left to do
 * (the job is then finished, or was cancelled meanwhile).
 */
export async function runBatch(ctx: AtticContext, jobId: string, size = BATCH_SIZE): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const job = await trx.selectFrom('deletion_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return false;
    // Batches take a job's versions in order, so every item through `done_through` is finished
    // and the next batch reads from there. Without that bound PostgreSQL, whose statistics may still
    // say every item is queued (the job was just created), walked the items' primary key and the
    // versions' from the first version, past everything done, a read growing with each batch (a
    // 100,000-version job took 65 s, 44 s of it in this query).
    const after = job.done_through;
    const items = await sql<ItemRow>`
      SELECT v.seq, v.collection_id, v.state, v.idx, EXISTS (SELECT 1 FROM aliases a WHERE a.version_seq = v.seq) AS has_alias
      FROM deletion_job_items i JOIN versions v ON v.seq = i.version_seq
      WHERE i.job_id = ${jobId} AND i.state = 'queued' AND i.version_seq > ${after} AND v.seq > ${after}
      ORDER BY i.version_seq LIMIT ${size}`.execute(trx);
    const now = nowIso(ctx);
    if (items.rows.length === 0) {
      await trx.updateTable('deletion_jobs').set({ state: 'succeeded', finished_at: now }).where('id', '=', jobId).execute();
      await writeAudit(trx, now, await jobFinishedEntry(trx, job));
      return false;
    }
    // Every batch of the job stamps the job's one deletion id, so one undo finds all its versions.
    const act: DeletionAct = { id: job.deletion_id, actor: job.created_by, at: now };
    const done: number[] = [];
    const refused = new Map<string, number[]>();
    const touched = new Set<number>();
    const taken: ItemRow[] = [];
    for (const item of items.rows) {
      const code = refusal(job, item);
      if (code !== null) {
        const seqs = refused.get(code);
        if (seqs) seqs.push(item.seq);
        else refused.set(code, [item.seq]);
      } else taken.push(item);
    }
    if (job.action === 'delete') await softDeleteManyInTransaction(trx, taken, act);
    else
      for (const [collectionId, seqs] of seqsByCollection(taken))
        await restoreManyInTransaction(trx, collectionId, (v) => sql<SqlBool>`${sql.ref(`${v}.seq`)} IN (${sql.join(seqs)})`, now);
    for (const item of taken) {
      done.push(item.seq);
      touched.add(item.collection_id);
    }
    for (const collectionId of touched) {
      if (job.action === 'restore') await reviveCollection(trx, collectionId);
      await recomputeLatest(trx, collectionId);
    }
    for (const [code, seqs] of refused) await markRefused(trx, jobId, seqs, code);
    const failed = items.rows.length - done.length;
    const through = items.rows[items.rows.length - 1]!.seq;
    await trx
      .updateTable('deletion_jobs')
      .set((eb) => ({ state: 'running', done: eb('done', '+', done.length), failed: eb('failed', '+', failed), done_through: through }))
      .where('id', '=', jobId)
      .execute();
    return true;
  });
}

/** The audit entry of a job that ran to its end (or failed), in the entity's log, by who asked for it. */
export async function jobFinishedEntry(db: Db, job: JobRow, outcome: 'success' | 'failed' = 'success'): Promise<AuditRecord> {
  const project = await db.selectFrom('projects').select(['entity', 'name']).where('id', '=', job.project_id).executeTakeFirstOrThrow();
  return {
    entity: project.entity,
    actor: job.created_by,
    action: 'deletion-job.finish',
    target: `${project.entity}/${project.name} job ${job.id}`,
    outcome,
    details: { jobId: job.id, action: job.action, total: job.total, done: job.done, failed: job.failed },
  };
}
