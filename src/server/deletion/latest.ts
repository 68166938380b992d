/** `latest` always names the newest COMMITTED version of a collection, or nothing when there is none. */
import { LATEST_ALIAS } from '../../domain';
import type { Db } from '../store/database';

export async function recomputeLatest(db: Db, collectionId: number): Promise<void> {
  const newest = await db
    .selectFrom('versions')
    .select('seq')
    .where('collection_id', '=', collectionId)
    .where('state', '=', 'COMMITTED')
    // A committed version's order_key is its idx (set together at commit), and ordering by it lets
    // the versions_by_state index answer with one row; ordering by idx sorted every committed
    // version of the collection, which a deletion job paid once per batch (decision 156).
    .orderBy('order_key', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) {
    await db.deleteFrom('aliases').where('collection_id', '=', collectionId).where('alias', '=', LATEST_ALIAS).execute();
    return;
  }
  await db
    .insertInto('aliases')
    .values({ collection_id: collectionId, alias: LATEST_ALIAS, version_seq: newest.seq })
    .onConflict((oc) => oc.columns(['collection_id', 'alias']).doUpdateSet({ version_seq: newest.seq }))
    .execute();
}
