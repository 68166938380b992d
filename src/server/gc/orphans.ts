/**
 * Blob files that no row knows. An upload moves its file into place before the transaction that
 * writes its row (so a row never points at a missing file); a process killed in between leaves a
 * file nothing will ever reference (issue 7). Such files can only come from a process that did not
 * stop cleanly, so the store marks a sweep due when it opens after one (`attic.sweep-due`, whose
 * modification time is that start), and runs sweep until every file from before it is older than
 * the upload window. A file is swept when no `blobs` or `gc_deleting` row names it, it was last
 * written before that start (an upload of this process cannot be mistaken for one) and before the
 * upload window: into the trash, counted in the run's figures and the trash bytes. Walking the
 * store costs time in proportion to it, which is why runs only do it after an unclean stop.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { nowIso, type AtticContext } from '../context';
import { mapLimit } from './map-limit';

const SWEEP_DUE_FILE = 'attic.sweep-due';

const markerOf = (ctx: AtticContext) => path.join(ctx.config.dataDir, SWEEP_DUE_FILE);

/** Called when the store opens after a process that did not stop cleanly. */
export function markOrphanSweepDue(dataDir: string): void {
  const marker = path.join(dataDir, SWEEP_DUE_FILE);
  writeFileSync(marker, 'Files under blobs/ older than this file that no row knows are swept by the next garbage-collection runs.\n');
  const now = new Date();
  utimesSync(marker, now, now);
}

export async function orphanSweepDue(ctx: AtticContext): Promise<boolean> {
  return fs.access(markerOf(ctx)).then(
    () => true,
    () => false,
  );
}

/** Moves the orphan files to the trash, one shard directory per step; `step` wraps each write (test hooks). */
export async function sweepOrphans(
  ctx: AtticContext,
  runId: string,
  step: (work: () => Promise<void>) => Promise<void>,
): Promise<{ files: number; bytes: number }> {
  const marker = markerOf(ctx);
  const since = (await fs.stat(marker)).mtimeMs;
  const now = ctx.clock();
  const windowStart = now - ctx.config.gc.uploadWindowSeconds * 1000;
  const olderThan = Math.min(since, windowStart);
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
      await mapLimit(orphans, 8, (o) => ctx.blobs.moveToTrash(shard.entity, o.digest, o.generation));
    });
    files += orphans.length;
    bytes += shardBytes;
  }
  // Every file from before the unclean start has now been looked at past its upload window.
  if (since <= windowStart) await fs.rm(marker, { force: true });
  return { files, bytes };
}
