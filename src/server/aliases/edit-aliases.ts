/** Alias editing: set a version's aliases, move one alias to another version; each in one transaction. */
import { aliasChanges, errors, requireLatestUntouched, validateMoveAlias, validateSetAliases, type Version } from '../../domain';
import { requireCollection, requireProject, resolveVersion, type CollectionRow, type VersionRow } from '../artifacts/lookup';
import { aliasesOf, toVersions } from '../artifacts/to-api';
import { updateCollectionCounters } from '../artifacts/collection-usage';
import { auditSuccess } from '../auth/audit';
import { refuseProtectedAliases } from '../auth/protected';
import { nowIso, type AtticContext } from '../context';
import type { VersionAddress } from '../deletion/delete-version';
import type { Db } from '../store/database';

function requireCommitted(collection: CollectionRow, version: VersionRow, ref: string): void {
  if (version.state !== 'COMMITTED') throw errors.notCommitted(collection.name, version.idx === null ? ref : `v${version.idx}`, version.state);
}

/** Gives the alias to the version, taking it from whichever version of the collection held it. */
async function giveAlias(db: Db, collectionId: number, alias: string, versionSeq: number): Promise<void> {
  await db
    .insertInto('aliases')
    .values({ collection_id: collectionId, alias, version_seq: versionSeq })
    .onConflict((oc) => oc.columns(['collection_id', 'alias']).doUpdateSet({ version_seq: versionSeq }))
    .execute();
}

/** `PUT .../versions/:version/aliases`: the version's aliases become exactly `aliases`. */
export async function setVersionAliases(ctx: AtticContext, address: VersionAddress, body: unknown): Promise<Version> {
  const desired = validateSetAliases(body);
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, address.entity, address.project);
    const collection = await requireCollection(trx, project, address.collection);
    const version = await resolveVersion(trx, collection, address.version);
    const current = (await aliasesOf(trx, [version.seq])).get(version.seq) ?? [];
    requireLatestUntouched(current, desired);
    requireCommitted(collection, version, address.version);
    const { add, remove } = aliasChanges(current, desired);
    await refuseProtectedAliases(trx, address.entity, [...add, ...remove], 'give or take away protected aliases');
    await auditSuccess(trx, now, { add, remove });
    for (const alias of add) await giveAlias(trx, collection.id, alias, version.seq);
    if (remove.length > 0) await trx.deleteFrom('aliases').where('collection_id', '=', collection.id).where('alias', 'in', remove).execute();
    if (add.length + remove.length > 0) await updateCollectionCounters(trx, collection.id, {}, now);
    const [answer] = await toVersions(trx, project, collection, [version]);
    return answer!;
  });
}

/** `POST .../collections/:collection/aliases/:alias/move` with `{to}`: answers the version that now holds it. */
export async function moveAlias(
  ctx: AtticContext,
  entity: string,
  projectName: string,
  collectionName: string,
  alias: string,
  body: unknown,
): Promise<Version> {
  const { to } = validateMoveAlias(alias, body);
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const collection = await requireCollection(trx, project, collectionName);
    await refuseProtectedAliases(trx, entity, [alias], 'move protected aliases');
    await auditSuccess(trx, now, { to });
    const holder = await trx
      .selectFrom('aliases')
      .select('version_seq')
      .where('collection_id', '=', collection.id)
      .where('alias', '=', alias)
      .executeTakeFirst();
    if (!holder) throw errors.aliasNotFound(collection.name, alias);
    const target = await resolveVersion(trx, collection, to);
    requireCommitted(collection, target, to);
    if (holder.version_seq !== target.seq) {
      await giveAlias(trx, collection.id, alias, target.seq);
      await updateCollectionCounters(trx, collection.id, {}, now);
    }
    const [answer] = await toVersions(trx, project, collection, [target]);
    return answer!;
  });
}
