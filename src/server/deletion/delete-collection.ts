/** Deleting a whole collection: every live version soft-deleted with its aliases, in one transaction taken in chunks (decision 196). */
import { LOCAL_ACTOR, type CollectionDeleteResponse } from '../../domain';
import { rememberDeletedAliases } from '../aliases/deleted-aliases';
import { requireCollection, requireProject } from '../artifacts/lookup';
import { toCollection } from '../artifacts/to-api';
import { auditSuccess } from '../auth/audit';
import { currentActor } from '../auth/scope';
import type { AtticContext } from '../context';
import { yieldToEventLoop } from '../event-loop';
import { BLOBS_PER_CHUNK, VERSIONS_PER_CHUNK } from './chunks';
import { newDeletionAct } from './delete-version';
import { pushTo } from './multimap';

export async function deleteCollection(
  ctx: AtticContext,
  entity: string,
  projectName: string,
  name: string,
  actor = currentActor(LOCAL_ACTOR),
): Promise<CollectionDeleteResponse> {
  const act = newDeletionAct(ctx, actor);
  const now = act.at;
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const collection = await requireCollection(trx, project, name);
    await auditSuccess(trx, now);
    // A collection already DELETED keeps its deletion: what this call takes joins it, so one restore undoes both.
    const deletionId = collection.state === 'DELETED' && collection.deletion_id !== null ? collection.deletion_id : act.id;
    // The aliases go with the versions; each version remembers its own, for an undo.
    const held = await trx.selectFrom('aliases').select(['version_seq', 'alias']).where('collection_id', '=', collection.id).execute();
    let versionsDeleted = 0;
    for (;;) {
      const chunk = await trx
        .updateTable('versions')
        .set({ state: 'PENDING_DELETION', deleted_at: now, deleted_by: actor, deletion_id: deletionId })
        .where('seq', 'in', (eb) =>
          eb
            .selectFrom('versions')
            .select('seq')
            .where('collection_id', '=', collection.id)
            .where('state', 'in', ['PENDING', 'COMMITTED'])
            .limit(VERSIONS_PER_CHUNK),
        )
        .executeTakeFirst();
      const taken = Number(chunk.numUpdatedRows);
      versionsDeleted += taken;
      if (taken < VERSIONS_PER_CHUNK) break;
      await yieldToEventLoop();
    }
    if (collection.state === 'READY' || versionsDeleted > 0) {
      for (const [seq, aliases] of groupBySeq(held)) await rememberDeletedAliases(trx, seq, aliases);
      await trx.deleteFrom('aliases').where('collection_id', '=', collection.id).execute();
      for (;;) {
        const chunk = await trx
          .deleteFrom('collection_blobs')
          .where('collection_id', '=', collection.id)
          .where('digest', 'in', (eb) => eb.selectFrom('collection_blobs').select('digest').where('collection_id', '=', collection.id).limit(BLOBS_PER_CHUNK))
          .executeTakeFirst();
        if (Number(chunk.numDeletedRows) < BLOBS_PER_CHUNK) break;
        await yieldToEventLoop();
      }
      await trx
        .updateTable('collections')
        .set((eb) => ({
          state: 'DELETED',
          deleted_at: collection.state === 'DELETED' ? collection.deleted_at : now,
          deleted_by: collection.state === 'DELETED' ? collection.deleted_by : actor,
          deletion_id: deletionId,
          version_count: 0,
          size_bytes: 0,
          pending_deletion_count: eb('pending_deletion_count', '+', versionsDeleted),
          updated_at: now,
        }))
        .where('id', '=', collection.id)
        .execute();
    }
    const row = await requireCollection(trx, project, name);
    return { collection: toCollection(project, row), versionsDeleted };
  });
}

function groupBySeq(rows: { version_seq: number; alias: string }[]): Map<number, string[]> {
  const bySeq = new Map<number, string[]>();
  for (const row of rows) pushTo(bySeq, row.version_seq, row.alias);
  return bySeq;
}
