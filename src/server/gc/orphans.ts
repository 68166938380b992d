/**
 * Blob files that no row knows. An upload moves its file into place before the transaction that
 * writes its row (so a row never points at a missing file); a process killed in between leaves a
 * file nothing will ever reference (issue 7). Such files can only come from a process that did not
 * stop cleanly, so a sweep is marked due when a server opens after one, or when the fleet finds a
 * server that stopped answering (the `orphan_sweep_since` row of `server_state`, holding that
 * time), and runs sweep until every file from before it is older than
 * the upload window. A file is swept when no `blobs` or `gc_deleting` row names it, it was last
 * written before that start (an upload of this process cannot be mistaken for one) and before the
 * upload window: into the trash, counted in the run's figures and the trash bytes (with a trash
 * retention of 0, deleted at once and counted in the figures only: decision 184). Walking the
 * store costs time in proportion to it, which is why runs only do it after an unclean stop.
 */
import { sql } from 'kysely';
import { nowIso, type AtticContext } from '../context';
import type { Db } from '../store/database';
import { mapLimit } from './map-limit';

const MARKER = 'orphan_sweep_since';

/**
 * Called when a process is known to have stopped without cleaning up. The time is the machine's
 * real time, not the server's clock: it is compared with the files' modification times.
 */
export async function markOrphanSweepDue(db: Db, at = Date.now()): Promise<void> {
  const value = String(at);
  await db
    .insertInto('server_state')
    .values({ key: MARKER, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Since when files no row knows may be orphans, or null when no sweep is due. */
async function sweepSince(db: Db): Promise<number | null> {
  const row = await db.selectFrom('server_state').select('value').where('key', '=', MARKER).executeTakeFirst();
  return row ? Number(row.value) : null;
}

export async function orphanSweepDue(ctx: AtticContext): Promise<boolean> {
  return (await sweepSince(ctx.db)) !== null;
}

/** Moves the orphan files to the trash (or deletes them, retention 0), one shard directory per step; `step` wraps each write (test hooks). */
export async function sweepOrphans(
  ctx: AtticContext,
  runId: string,
  step: (work: () => Promise<void>) => Promise<void>,
): Promise<{ files: number; bytes: number }> {
  const since = (await sweepSince(ctx.db)) ?? Date.now();
  const now = ctx.clock();
  const windowStart = now - ctx.config.gc.uploadWindowSeconds * 1000;
  const olderThan = Math.min(since, windowStart);
  const atOnce = ctx.config.gc.trashRetentionSeconds === 0;
  let files = 0;
  let bytes = 0;
  for await (const shard of ctx.blobs.listShards()) {
    if (shard.files.length === 0) continue;
    const known = new Set<string>();
    const range = sql`entity = ${shard.entity} AND digest >= ${shard.prefix} AND digest < ${`${shard.prefix}~`}`;
    const rows = await sql<{ digest: string; generation: string }>`
      SELECT digest, generation FROM blobs WHERE ${range} UNION ALL SELECT digest, generation FROM gc_deleting WHERE ${range}`.execute(ctx.db);
    for (const row of rows.rows) known.add(`${row.digest}.${row.generation}`);
    const orphans: { digest: string; generation: string; sizeBytes: number }[] = [];
    for (const file of shard.files) {
      if (known.has(`${file.digest}.${file.generation}`)) continue;
      const stat = await ctx.blobs.statBlob(shard.entity, file.digest, file.generation);
      if (stat && stat.mtimeMs < olderThan) orphans.push({ ...file, sizeBytes: stat.sizeBytes });
    }
    if (orphans.length === 0) continue;
    const shardBytes = orphans.reduce((sum, o) => sum + o.sizeBytes, 0);
    await step(async () => {
      // The trash rows first: a crash before the files move leaves rows the trash emptying drops, and
      // the files, still orphans, for the next sweep (the marker is rewritten by that crash's restart).
      const trashedAt = nowIso(ctx);
      await ctx.db.transaction().execute(async (trx) => {
        if (!atOnce)
          await sql`INSERT INTO trash (entity, digest, generation, size_bytes, trashed_at)
          VALUES ${sql.join(orphans.map((o) => sql`(${shard.entity}, ${o.digest}, ${o.generation}, ${o.sizeBytes}, ${trashedAt})`))} ON CONFLICT DO NOTHING`.execute(
            trx,
          );
        await trx
          .updateTable('gc_runs')
          .set((eb) => ({ blobs_deleted: eb('blobs_deleted', '+', orphans.length), bytes_reclaimed: eb('bytes_reclaimed', '+', shardBytes) }))
          .where('id', '=', runId)
          .execute();
      });
      await mapLimit(orphans, 8, (o) =>
        atOnce ? ctx.blobs.remove(shard.entity, o.digest, o.generation) : ctx.blobs.moveToTrash(shard.entity, o.digest, o.generation),
      );
    });
    files += orphans.length;
    bytes += shardBytes;
  }
  // Every file from before the unclean start has now been looked at past its upload window.
  // A newer unclean stop marked meanwhile keeps its own, later time.
  if (since <= windowStart) await ctx.db.deleteFrom('server_state').where('key', '=', MARKER).where('value', '=', String(since)).execute();
  return { files, bytes };
}
