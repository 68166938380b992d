/**
 * Undoing a collection delete: the versions that deletion took (they carry its deletion id) come
 * back; versions deleted on their own stay deleted, even those deleted in the same millisecond.
 */
import { sql, type SqlBool } from 'kysely';
import type { CollectionRestoreResponse } from '../../domain';
import { updateCollectionCounters } from '../artifacts/collection-usage';
import { requireCollection, requireProject } from '../artifacts/lookup';
import { toCollection } from '../artifacts/to-api';
import { auditSuccess } from '../auth/audit';
import { nowIso, type AtticContext } from '../context';
import { yieldToEventLoop } from '../event-loop';
import { VERSIONS_PER_CHUNK } from './chunks';
import { reviveCollection } from './delete-version';
import { recomputeLatest } from './latest';
import { restoreManyInTransaction } from './restore-many';

export async function restoreCollection(ctx: AtticContext, entity: string, projectName: string, name: string): Promise<CollectionRestoreResponse> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const collection = await requireCollection(trx, project, name);
    await auditSuccess(trx, now);
    if (collection.state === 'READY' || collection.deletion_id === null) {
      return { collection: toCollection(project, collection), versionsRestored: 0, versionsGone: 0, aliasesNotRestored: [] };
    }
    const deletionId = collection.deletion_id;
    // The deletion's versions GC has purged since: named in the answer, not restorable.
    const gone = await trx
      .selectFrom('versions')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('collection_id', '=', collection.id)
      .where('deletion_id', '=', deletionId)
      .where('state', '=', 'DELETED')
      .executeTakeFirstOrThrow();
    // In chunks of versions in seq order, a turn of the event loop between them (decision 196);
    // each chunk reads the aliases held by then, so the older of two versions remembering one gets it.
    let restored = 0;
    const aliasesNotRestored: CollectionRestoreResponse['aliasesNotRestored'] = [];
    let after = -1;
    for (;;) {
      const bound = await trx
        .selectFrom('versions')
        .select('seq')
        .where('collection_id', '=', collection.id)
        .where('deletion_id', '=', deletionId)
        .where('state', '=', 'PENDING_DELETION')
        .where('seq', '>', after)
        .orderBy('seq')
        .offset(VERSIONS_PER_CHUNK - 1)
        .limit(1)
        .executeTakeFirst();
      const upTo = bound?.seq ?? null;
      const outcome = await restoreManyInTransaction(
        trx,
        collection.id,
        (v) =>
          sql<SqlBool>`${sql.ref(`${v}.deletion_id`)} = ${deletionId} AND ${sql.ref(`${v}.seq`)} > ${after}${upTo === null ? sql`` : sql` AND ${sql.ref(`${v}.seq`)} <= ${upTo}`}`,
        now,
      );
      restored += outcome.restored;
      for (const { idx, alias } of outcome.aliasesNotRestored) aliasesNotRestored.push({ version: idx === null ? null : `v${idx}`, alias });
      if (upTo === null) break;
      after = upTo;
      await yieldToEventLoop();
    }
    await reviveCollection(trx, collection.id);
    // Stamped even when every version it took is gone: the collection itself came back.
    await updateCollectionCounters(trx, collection.id, {}, now);
    await recomputeLatest(trx, collection.id);
    const row = await requireCollection(trx, project, name);
    return { collection: toCollection(project, row), versionsRestored: restored, versionsGone: Number(gone.n), aliasesNotRestored };
  });
}
