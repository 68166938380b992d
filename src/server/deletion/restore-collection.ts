/**
 * Undoing a collection delete: the versions that deletion soft-deleted (they share its deletedAt,
 * stamped in one transaction) come back; versions deleted on their own before it stay deleted.
 */
import type { CollectionRestoreResponse } from '../../domain';
import { adjustCommittedBlobs, updateCollectionCounters } from '../artifacts/collection-usage';
import { requireCollection, requireProject } from '../artifacts/lookup';
import { toCollection } from '../artifacts/to-api';
import { nowIso, type AtticContext } from '../context';
import { recomputeLatest } from './latest';

export async function restoreCollection(ctx: AtticContext, entity: string, projectName: string, name: string): Promise<CollectionRestoreResponse> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const collection = await requireCollection(trx, project, name);
    if (collection.state === 'READY' || collection.deleted_at === null) {
      return { collection: toCollection(project, collection), versionsRestored: 0, versionsGone: 0 };
    }
    const taken = await trx
      .selectFrom('versions')
      .select(['seq', 'idx', 'state'])
      .where('collection_id', '=', collection.id)
      .where('deleted_at', '=', collection.deleted_at)
      .where('state', 'in', ['PENDING_DELETION', 'DELETED'])
      .execute();
    const restorable = taken.filter((v) => v.state === 'PENDING_DELETION');
    let committed = 0;
    let bytes = 0;
    for (const version of restorable) {
      const restoredState = version.idx === null ? 'PENDING' : 'COMMITTED';
      await trx.updateTable('versions').set({ state: restoredState, deleted_at: null, deleted_by: null }).where('seq', '=', version.seq).execute();
      if (restoredState === 'COMMITTED') {
        committed++;
        bytes += await adjustCommittedBlobs(trx, collection.id, version.seq, 1);
      }
    }
    await trx.updateTable('collections').set({ state: 'READY', deleted_at: null, deleted_by: null }).where('id', '=', collection.id).execute();
    await updateCollectionCounters(trx, collection.id, { committed, pendingDeletion: -restorable.length, bytes }, now);
    await recomputeLatest(trx, collection.id);
    const row = await requireCollection(trx, project, name);
    return { collection: toCollection(project, row), versionsRestored: restorable.length, versionsGone: taken.length - restorable.length };
  });
}
