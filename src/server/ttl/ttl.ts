/**
 * TTL policies: per-version TTLs, the project default, and the scanner that soft-deletes expired
 * versions through the same path as any other delete (`deletedBy: "ttl"`, aliases removed).
 */
import { sql } from 'kysely';
import {
  alreadyGarbageCollected,
  NO_TTL_ON_TOMBSTONES,
  TTL_ACTOR,
  validateProjectSettings,
  validateTtlRequest,
  type ProjectSettings,
  type Version,
} from '../../domain';
import { requireCollection, requireProject, resolveVersion } from '../artifacts/lookup';
import { toVersions } from '../artifacts/to-api';
import { auditSuccess, versionTarget, writeAudit } from '../auth/audit';
import { nowIso, type AtticContext } from '../context';
import { newDeletionAct, softDeleteInTransaction, type VersionAddress } from '../deletion/delete-version';
import { yieldToEventLoop } from '../event-loop';
import { setLongInterval } from '../long-timeout';
import { daysOf } from '../store/dialect';
import type { Fleet } from '../fleet/fleet';

export { TTL_ACTOR };

export async function setVersionTtl(ctx: AtticContext, address: VersionAddress, body: unknown): Promise<Version> {
  const ttl = validateTtlRequest(body);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, address.entity, address.project);
    const collection = await requireCollection(trx, project, address.collection);
    const version = await resolveVersion(trx, collection, address.version);
    // A tombstone has nothing left for a TTL to delete.
    if (version.state === 'DELETED')
      throw alreadyGarbageCollected({ collection: collection.name, index: version.idx, id: version.id }, version.deleted_at, NO_TTL_ON_TOMBSTONES);
    await auditSuccess(trx, nowIso(ctx), ttl);
    await trx.updateTable('versions').set({ ttl_mode: ttl.mode, ttl_days: ttl.days }).where('seq', '=', version.seq).execute();
    const row = await trx.selectFrom('versions').selectAll().where('seq', '=', version.seq).executeTakeFirstOrThrow();
    const [result] = await toVersions(trx, project, collection, [row]);
    return result!;
  });
}

export async function setProjectSettings(ctx: AtticContext, entity: string, projectName: string, body: unknown): Promise<ProjectSettings> {
  const settings = validateProjectSettings(body);
  await ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    await auditSuccess(trx, nowIso(ctx), { before: project.default_ttl_days, after: settings.defaultTtlDays });
    await trx.updateTable('projects').set({ default_ttl_days: settings.defaultTtlDays }).where('id', '=', project.id).execute();
  });
  return settings;
}

/** Soft-deletes every COMMITTED version whose TTL, counted from its creation, has passed. Returns how many. */
export async function expireVersions(ctx: AtticContext, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    // Each scan's transaction is one deletion act, by "ttl".
    const deletion = newDeletionAct(ctx, TTL_ACTOR);
    const now = deletion.at;
    const expired = await ctx.db.transaction().execute(async (trx) => {
      const rows = await sql<{ seq: number }>`
        SELECT v.seq FROM versions v JOIN projects p ON p.id = v.project_id
        WHERE v.state = 'COMMITTED' AND v.ttl_mode <> 'disabled'
          AND ${daysOf(trx, sql`v.created_at`)} + (CASE v.ttl_mode WHEN 'custom' THEN v.ttl_days ELSE p.default_ttl_days END) <= ${daysOf(trx, sql`${now}`)}
          AND NOT EXISTS (SELECT 1 FROM aliases a JOIN protected_aliases pa ON pa.alias = a.alias AND pa.entity = v.entity WHERE a.version_seq = v.seq)
        LIMIT ${batchSize}`.execute(trx);
      for (const { seq } of rows.rows) {
        const version = await trx.selectFrom('versions').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
        const collection = await trx.selectFrom('collections').selectAll().where('id', '=', version.collection_id).executeTakeFirstOrThrow();
        await softDeleteInTransaction(trx, collection, version, deletion);
        await writeAudit(trx, now, {
          entity: version.entity,
          actor: TTL_ACTOR,
          action: 'version.delete',
          target: await versionTarget(trx, version, collection),
          outcome: 'success',
          details: { ttl: true },
        });
      }
      return rows.rows.length;
    });
    total += expired;
    if (expired < batchSize) return total;
    // Requests are served between batches: a backlog of expired versions otherwise held the event
    // loop for all of them, as garbage collection did (decision 192).
    await yieldToEventLoop();
  }
}

/** Scans for expired versions every TTL_INTERVAL_SECONDS. */
export function startTtlScanner(ctx: AtticContext, fleet: Fleet, scan: () => Promise<number> = () => expireVersions(ctx)): () => void {
  const interval = ctx.config.ttlIntervalSeconds * 1000;
  const timer = setLongInterval(() => {
    // Once per interval across the fleet.
    void fleet
      .claimSchedule('ttl', interval)
      .then((mine) => (mine ? scan() : 0))
      .catch((error: unknown) => console.warn('[attic] TTL scan failed:', error instanceof Error ? error.message : error));
  }, interval);
  return () => timer.cancel();
}
