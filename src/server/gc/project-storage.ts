/** The storage figures of one project: live, pending deletion (reclaimable and shared) and in trash. */
import { sql } from 'kysely';
import type { ProjectStorage } from '../../domain';
import { requireProject } from '../artifacts/lookup';
import { summarizeReclaim } from '../deletion/reclaim';
import type { Db } from '../store/database';

export async function projectStorage(db: Db, entity: string, projectName: string): Promise<ProjectStorage> {
  const project = await requireProject(db, entity, projectName);
  // From the project's live versions to their blobs: the cost follows them, not the entity's whole store.
  const live = await sql<{ bytes: number | null }>`
    SELECT SUM(b.size_bytes) AS bytes FROM blobs b WHERE b.entity = ${project.entity} AND b.digest IN (
      SELECT f.digest FROM versions v JOIN version_files f ON f.version_seq = v.seq
      WHERE v.project_id = ${project.id} AND v.state IN ('COMMITTED', 'PENDING'))`.execute(db);
  const count = await db
    .selectFrom('versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', project.id)
    .where('state', '=', 'PENDING_DELETION')
    .executeTakeFirstOrThrow();
  // The project's pending versions, purged together with every other version pending deletion.
  const pending = await summarizeReclaim(db, { kind: 'pendingDeletion', projectId: project.id }, { kind: 'pendingDeletion' });
  const trash = await sql<{ bytes: number | null }>`SELECT SUM(size_bytes) AS bytes FROM trash WHERE entity = ${project.entity}`.execute(db);
  return {
    liveBytes: Number(live.rows[0]?.bytes ?? 0),
    pendingDeletion: { versions: Number(count.n), reclaimableBytes: pending.freedBytes, sharedBytes: pending.keptBytes },
    trashBytes: Number(trash.rows[0]?.bytes ?? 0),
  };
}
