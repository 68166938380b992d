/**
 * Undoing a collection delete: the versions that deletion took (they carry its deletion id) come
 * back; versions deleted on their own stay deleted, even those deleted in the same millisecond.
 */
import type { CollectionRestoreResponse } from '../../domain';
import { updateCollectionCounters } from '../artifacts/collection-usage';
import { requireCollection, requireProject } from '../artifacts/lookup';
import { toCollection } from '../artifacts/to-api';
import { auditSuccess } from '../auth/audit';
import { nowIso, type AtticContext } from '../context';
import { restoreInTransaction, reviveCollection } from './delete-version';
import { recomputeLatest } from './latest';

export async function restoreCollection(ctx: AtticContext, entity: string, projectName: string, name: string): Promise<CollectionRestoreResponse> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const collection = await requireCollection(trx, project, name);
    await auditSuccess(trx, now);
    if (collection.state === 'READY' || collection.deletion_id === null) {
      return { collection: toCollection(project, collection), versionsRestored: 0, versionsGone: 0, aliasesNotRestored: [] };
    }
    const taken = await trx
      .selectFrom('versions')
      .select(['seq', 'idx', 'state'])
      .where('collection_id', '=', collection.id)
      .where('deletion_id', '=', collection.deletion_id)
      .where('state', 'in', ['PENDING_DELETION', 'DELETED'])
      .execute();
    const restorable = taken.filter((v) => v.state === 'PENDING_DELETION');
    const aliasesNotRestored: CollectionRestoreResponse['aliasesNotRestored'] = [];
    for (const version of restorable) {
      const outcome = await restoreInTransaction(trx, collection.id, version, now);
      for (const alias of outcome.aliasesNotRestored) aliasesNotRestored.push({ version: version.idx === null ? null : `v${version.idx}`, alias });
    }
    await reviveCollection(trx, collection.id);
    // Stamped even when every version it took is gone: the collection itself came back.
    await updateCollectionCounters(trx, collection.id, {}, now);
    await recomputeLatest(trx, collection.id);
    const row = await requireCollection(trx, project, name);
    return { collection: toCollection(project, row), versionsRestored: restorable.length, versionsGone: taken.length - restorable.length, aliasesNotRestored };
  });
}
