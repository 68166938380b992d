/**
 * The aliases a deletion removed, kept on the version (`deleted_aliases`) so that its restore can
 * bring them back (`restoreManyInTransaction`). `latest` is never kept: it is Attic's, recomputed
 * after every restore.
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
