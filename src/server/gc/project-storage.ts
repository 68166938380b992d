/** The storage figures of one project: live, pending deletion (reclaimable and shared) and in trash. */
import { sql } from 'kysely';
import type { ProjectStorage } from '../../domain';
import { requireProject } from '../artifacts/lookup';
import { summarizeReclaim } from '../deletion/reclaim';
import type { Db } from '../store/database';

export async function projectStorage(db: Db, entity: string, projectName: string): Promise<ProjectStorage> {
  const project = await requireProject(db, entity, projectName);
  const live = await sql<{ bytes: number | null }>`
    SELECT SUM(b.size_bytes) AS bytes FROM blobs b WHERE b.entity = ${project.entity} AND EXISTS (
      SELECT 1 FROM version_files f JOIN versions v ON v.seq = f.version_seq
      WHERE f.digest = b.digest AND v.project_id = ${project.id} AND v.state IN ('COMMITTED', 'PENDING'))`.execute(db);
  const pendingSeqs = await db.selectFrom('versions').select('seq').where('project_id', '=', project.id).where('state', '=', 'PENDING_DELETION').execute();
  const pending = await summarizeReclaim(db, { kind: 'seqs', seqs: pendingSeqs.map((r) => r.seq) }, { kind: 'pendingDeletion' });
  const trash = await sql<{ bytes: number | null }>`SELECT SUM(size_bytes) AS bytes FROM trash WHERE entity = ${project.entity}`.execute(db);
  return {
    liveBytes: Number(live.rows[0]?.bytes ?? 0),
    pendingDeletion: { versions: pendingSeqs.length, reclaimableBytes: pending.freedBytes, sharedBytes: pending.keptBytes },
    trashBytes: Number(trash.rows[0]?.bytes ?? 0),
  };
}
