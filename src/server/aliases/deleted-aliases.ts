/**
 * The aliases a deletion removed, kept on the version (`deleted_aliases`) so that its restore can
 * bring them back. `latest` is never kept: it is Attic's, recomputed after every restore.
 */
import { LATEST_ALIAS, sortAliases } from '../../domain';
import type { Db } from '../store/database';

/** Remembers, inside the deleting transaction, the aliases it removed from a version. */
export async function rememberDeletedAliases(db: Db, versionSeq: number, removed: readonly string[]): Promise<void> {
  const kept = sortAliases(removed.filter((alias) => alias !== LATEST_ALIAS));
  await db
    .updateTable('versions')
    .set({ deleted_aliases: JSON.stringify(kept) })
    .where('seq', '=', versionSeq)
    .execute();
}

/** What a restore did with the aliases the deletion removed. */
export interface ReinstatedAliases {
  /** Aliases another version of the collection holds now: they stay where they are. */
  notRestored: string[];
}

/**
 * Gives a restored version back the aliases its deletion removed, except those another version of
 * the collection holds by now, and forgets them; inside the restoring transaction.
 */
export async function reinstateDeletedAliases(db: Db, collectionId: number, versionSeq: number): Promise<ReinstatedAliases> {
  const row = await db.selectFrom('versions').select('deleted_aliases').where('seq', '=', versionSeq).executeTakeFirstOrThrow();
  const remembered = JSON.parse(row.deleted_aliases) as string[];
  const notRestored: string[] = [];
  for (const alias of remembered) {
    const inserted = await db
      .insertInto('aliases')
      .values({ collection_id: collectionId, alias, version_seq: versionSeq })
      .onConflict((oc) => oc.columns(['collection_id', 'alias']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) notRestored.push(alias);
  }
  await db.updateTable('versions').set({ deleted_aliases: '[]' }).where('seq', '=', versionSeq).execute();
  return { notRestored: sortAliases(notRestored) };
}
