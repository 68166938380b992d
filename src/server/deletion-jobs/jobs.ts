/** Creating deletion jobs (or answering their dry runs) and reading them back in the contract's shape. */
import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import {
  deletionJobNotFound,
  LOCAL_ACTOR,
  isFinishedJob,
  parseDeletionJobRequest,
  type DeletionDryRun,
  type DeletionJob,
  type DeletionJobAction,
  type DeletionJobRequest,
} from '../../domain';
import { requireCollection, requireProject, type ProjectRow } from '../artifacts/lookup';
import { auditSuccess } from '../auth/audit';
import { currentActor, markUnchanged } from '../auth/scope';
import { nowIso, type AtticContext } from '../context';
import { summarizeReclaim, type VersionSet } from '../deletion/reclaim';
import type { Db } from '../store/database';
import { jsonStrings, refreshStatistics } from '../store/dialect';
import { doneItem } from './batch';
import { jobFilterSql } from './filter-sql';

/** Items in one job from which the planner's statistics of the items table are refreshed at once. */
const BULK_ITEMS = 10_000;

/** A job lists this many refusals at most; `failed` counts them all. */
export const REFUSALS_SHOWN = 1000;

const label = (idx: number | null) => (idx === null ? null : `v${idx}`);

/**
 * What the job would do, at once: its versions, the aliases involved and, for a delete, the bytes
 * garbage collection would then free or keep, for the versions the job would really delete (those
 * with aliases only with deleteAliases), once everything already pending deletion is purged too.
 */
async function dryRun(db: Db, project: ProjectRow, request: DeletionJobRequest): Promise<DeletionDryRun> {
  const matches = jobFilterSql(db, project.id, request.action, request.filter);
  const count = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM versions v WHERE ${matches('v')}`.execute(db);
  const aliasRows =
    request.action === 'delete'
      ? await sql<{ collection: string; idx: number | null; alias: string }>`
          SELECT c.name AS collection, v.idx, a.alias FROM versions v JOIN aliases a ON a.version_seq = v.seq JOIN collections c ON c.id = v.collection_id
          WHERE ${matches('v')} ORDER BY c.name, v.idx DESC, a.alias`.execute(db)
      : await sql<{ collection: string; idx: number | null; alias: string }>`
          SELECT c.name AS collection, v.idx, j.value AS alias FROM versions v CROSS JOIN ${jsonStrings(db, sql`v.deleted_aliases`, 'j')} JOIN collections c ON c.id = v.collection_id
          WHERE ${matches('v')} ORDER BY c.name, v.idx DESC, j.value`.execute(db);
  let bytes = { reclaimableBytes: 0, sharedBytes: 0 };
  if (request.action === 'delete') {
    const deleted: VersionSet = request.deleteAliases
      ? { kind: 'where', where: matches }
      : { kind: 'where', where: (a) => sql`(${matches(a)} AND NOT EXISTS (SELECT 1 FROM aliases x WHERE x.version_seq = ${sql.ref(`${a}.seq`)}))` };
    const summary = await summarizeReclaim(db, deleted, { kind: 'union', sets: [deleted, { kind: 'pendingDeletion' }] });
    bytes = { reclaimableBytes: summary.freedBytes, sharedBytes: summary.keptBytes };
  }
  return {
    versionCount: Number(count.rows[0]?.n ?? 0),
    aliases: aliasRows.rows.map((r) => ({ collection: r.collection, version: label(r.idx), alias: r.alias })),
    ...bytes,
  };
}

/** `POST .../deletion-jobs`: the dry run's figures, or a queued job whose version set is fixed now, in this transaction. */
export async function createDeletionJob(
  ctx: AtticContext,
  entity: string,
  projectName: string,
  body: unknown,
): Promise<{ dryRun: DeletionDryRun } | { job: DeletionJob }> {
  const request = parseDeletionJobRequest(body);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    // A misspelt collection is a clear 404, not a job that silently matches nothing.
    for (const name of request.filter.collections ?? []) await requireCollection(trx, project, name);
    if (request.dryRun) {
      markUnchanged();
      return { dryRun: await dryRun(trx, project, request) };
    }
    const matches = jobFilterSql(trx, project.id, request.action, request.filter);
    const id = await insertJob(
      ctx,
      trx,
      project.id,
      request.action,
      request.deleteAliases ?? false,
      (jobId) => sql`INSERT INTO deletion_job_items (job_id, version_seq) SELECT ${jobId}, v.seq FROM versions v WHERE ${matches('v')}`,
    );
    const job = await readJob(trx, project.id, id);
    await auditSuccess(trx, nowIso(ctx), {
      jobId: id,
      action: request.action,
      filter: request.filter,
      deleteAliases: request.deleteAliases ?? false,
      total: job.total,
    });
    return { job };
  });
}

/**
 * Inserts a queued job and its items (`items` writes them for the new job's id), then sets its
 * total from them; the job's one deletion id is `del_<job id>` (decision 140).
 */
async function insertJob(
  ctx: AtticContext,
  trx: Db,
  projectId: number,
  action: DeletionJobAction,
  deleteAliases: boolean,
  items: (jobId: string) => RawBuilder<unknown>,
): Promise<string> {
  const id = `job_${randomBytes(10).toString('hex')}`;
  await trx
    .insertInto('deletion_jobs')
    .values({
      id,
      project_id: projectId,
      action,
      delete_aliases: deleteAliases ? 1 : 0,
      state: 'queued',
      deletion_id: `del_${id}`,
      total: 0,
      done: 0,
      failed: 0,
      created_at: nowIso(ctx),
      finished_at: null,
      created_by: currentActor(LOCAL_ACTOR),
    })
    .execute();
  const inserted = await items(id).execute(trx);
  const total = Number(inserted.numAffectedRows ?? 0);
  await trx.updateTable('deletion_jobs').set({ total }).where('id', '=', id).execute();
  if (total >= BULK_ITEMS) await refreshStatistics(trx, ['deletion_job_items']);
  return id;
}

/**
 * `POST .../deletion-jobs/:id/undo`: a new job of the opposite action over exactly the versions
 * this job changed (its items that ended done), queued like any other. A delete job's undo is a
 * restore (which brings back the aliases the deletion removed); a restore job's undo deletes those
 * versions again, aliases included, since the restore gave them back. A job still queued or running
 * is cancelled first, in the same transaction, so the undo covers all it did and it does no more.
 */
export async function undoJob(ctx: AtticContext, entity: string, projectName: string, id: string): Promise<DeletionJob> {
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const original = await readJob(trx, project.id, id);
    if (!isFinishedJob(original.state)) {
      await trx
        .updateTable('deletion_jobs')
        .set({ state: 'cancelled', finished_at: nowIso(ctx) })
        .where('id', '=', id)
        .execute();
    }
    const action: DeletionJobAction = original.action === 'delete' ? 'restore' : 'delete';
    const { done_through: doneThrough } = await trx.selectFrom('deletion_jobs').select('done_through').where('id', '=', id).executeTakeFirstOrThrow();
    const undoId = await insertJob(
      ctx,
      trx,
      project.id,
      action,
      action === 'delete',
      (jobId) =>
        sql`INSERT INTO deletion_job_items (job_id, version_seq) SELECT ${jobId}, i.version_seq FROM deletion_job_items i WHERE i.job_id = ${id} AND ${doneItem(doneThrough)}`,
    );
    const undo = await readJob(trx, project.id, undoId);
    await auditSuccess(trx, nowIso(ctx), { jobId: undoId, undoes: id, action, total: undo.total });
    return undo;
  });
}

/** A job of the project in the contract's shape, with its first refusals; `404 NOT_FOUND` otherwise. */
export async function readJob(db: Db, projectId: number, id: string): Promise<DeletionJob> {
  const row = await db.selectFrom('deletion_jobs').selectAll().where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
  if (!row) throw deletionJobNotFound(id);
  const refusals = await sql<{ collection: string; idx: number | null; code: string }>`
    SELECT c.name AS collection, v.idx, i.code FROM deletion_job_items i JOIN versions v ON v.seq = i.version_seq JOIN collections c ON c.id = v.collection_id
    WHERE i.job_id = ${id} AND i.state = 'refused' ORDER BY i.version_seq LIMIT ${REFUSALS_SHOWN}`.execute(db);
  return {
    id: row.id,
    action: row.action,
    state: row.state,
    total: row.total,
    done: row.done,
    failed: row.failed,
    refusals: refusals.rows.map((r) => ({ collection: r.collection, version: label(r.idx), code: r.code })),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export async function readProjectJob(db: Db, entity: string, projectName: string, id: string): Promise<DeletionJob> {
  const project = await requireProject(db, entity, projectName);
  return readJob(db, project.id, id);
}

/** `POST .../cancel`: a queued or running job stops before its next batch; a finished one is answered as it is. */
export async function cancelJob(ctx: AtticContext, entity: string, projectName: string, id: string): Promise<DeletionJob> {
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const before = await readJob(trx, project.id, id);
    await auditSuccess(trx, nowIso(ctx), { jobId: id, stateBefore: before.state });
    await trx
      .updateTable('deletion_jobs')
      .set({ state: 'cancelled', finished_at: nowIso(ctx) })
      .where('id', '=', id)
      .where('state', 'in', ['queued', 'running'])
      .execute();
    return readJob(trx, project.id, id);
  });
}
