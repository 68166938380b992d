/** Garbage-collection run records: mapping and listing. */
import { decodeCursor, type GcRun, type Page, type PageParams } from '../../domain';
import type { Db } from '../store/database';
import { keysetPage } from '../store/keyset-page';
import type { GcRunsTable } from '../store/schema';

export type GcRunRow = GcRunsTable;

export function toGcRun(row: GcRunRow): GcRun {
  return {
    id: row.id,
    dryRun: row.dry_run === 1,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    versionsPurged: row.versions_purged,
    blobsDeleted: row.blobs_deleted,
    blobsRetainedShared: row.blobs_retained_shared,
    bytesReclaimed: row.bytes_reclaimed,
    error: row.error,
    trigger: row.trigger,
    phase: row.phase,
    planned: { versionsPurged: row.planned_versions, blobsDeleted: row.planned_blobs, bytesReclaimed: row.planned_bytes },
    log: JSON.parse(row.log) as { at: string; message: string }[],
  };
}

export async function listGcRuns(db: Db, params: PageParams): Promise<Page<GcRun>> {
  let query = db
    .selectFrom('gc_runs')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(params.limit + 1);
  if (params.cursor) {
    const [seq] = decodeCursor<[number]>(params.cursor, ['number']);
    query = query.where('seq', '<', seq);
  }
  const { shown, nextCursor } = keysetPage(await query.execute(), params.limit, (last) => [last.seq]);
  return { items: shown.map((r) => toGcRun(r as GcRunRow)), nextCursor };
}

export async function lastRun(db: Db): Promise<GcRun | null> {
  const row = await db.selectFrom('gc_runs').selectAll().where('dry_run', '=', 0).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? toGcRun(row as GcRunRow) : null;
}
