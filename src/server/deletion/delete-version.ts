/** Soft delete and restore of one version, each in one transaction. */
import { randomBytes } from 'node:crypto';
import { aliasesPresent, alreadyGarbageCollected, LOCAL_ACTOR, LATEST_ALIAS, type RestoredVersion, type Version } from '../../domain';
import { sql, type SqlBool } from 'kysely';
import { rememberDeletedAliases } from '../aliases/deleted-aliases';
import { adjustCommittedBlobs, updateCollectionCounters } from '../artifacts/collection-usage';
import { requireCollection, requireProject, resolveVersion, type CollectionRow, type ProjectRow, type VersionRow } from '../artifacts/lookup';
import { toVersions } from '../artifacts/to-api';
import { auditSuccess } from '../auth/audit';
import { refuseProtectedAliases } from '../auth/protected';
import { currentActor, markUnchanged } from '../auth/scope';
import { nowIso, type AtticContext } from '../context';
import type { Db } from '../store/database';
import { recomputeLatest } from './latest';
import { restoreManyInTransaction } from './restore-many';

export interface VersionAddress {
  entity: string;
  project: string;
  collection: string;
  version: string;
}

async function locate(db: Db, address: VersionAddress) {
  const project = await requireProject(db, address.entity, address.project);
  const collection = await requireCollection(db, project, address.collection);
  const version = await resolveVersion(db, collection, address.version);
  return { project, collection, version };
}

const refused = (collection: CollectionRow, version: VersionRow) => ({ collection: collection.name, index: version.idx, id: version.id });

async function fresh(db: Db, project: ProjectRow, collection: CollectionRow, seq: number): Promise<Version> {
  const row = await db.selectFrom('versions').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const [version] = await toVersions(db, project, collection, [row]);
  return version!;
}

/**
 * One deletion act (a version, a collection, a bulk request, a TTL scan): who, when, and the id it
 * stamps on every version it takes, so that undoing it never depends on telling times apart.
 */
export interface DeletionAct {
  id: string;
  actor: string;
  at: string;
}

export function newDeletionAct(ctx: AtticContext, actor: string = currentActor(LOCAL_ACTOR)): DeletionAct {
  return { id: `del_${randomBytes(10).toString('hex')}`, actor, at: nowIso(ctx) };
}

/**
 * Marks a version PENDING_DELETION inside an open transaction; the caller has checked aliases.
 * (A deletion job deletes its batches with `softDeleteManyInTransaction`, the same rows set-based.)
 */
export async function softDeleteInTransaction(
  db: Db,
  collection: Pick<CollectionRow, 'id'>,
  version: Pick<VersionRow, 'seq' | 'state'>,
  deletion: DeletionAct,
): Promise<void> {
  const now = deletion.at;
  const removed = await db.deleteFrom('aliases').where('version_seq', '=', version.seq).returning('alias').execute();
  await rememberDeletedAliases(
    db,
    version.seq,
    removed.map((r) => r.alias),
  );
  await db
    .updateTable('versions')
    .set({ state: 'PENDING_DELETION', deleted_at: now, deleted_by: deletion.actor, deletion_id: deletion.id })
    .where('seq', '=', version.seq)
    .execute();
  const bytes = version.state === 'COMMITTED' ? await adjustCommittedBlobs(db, collection.id, version.seq, -1) : 0;
  await updateCollectionCounters(db, collection.id, { committed: version.state === 'COMMITTED' ? -1 : 0, pendingDeletion: 1, bytes }, now);
  if (removed.some((r) => r.alias === LATEST_ALIAS)) await recomputeLatest(db, collection.id);
}

/** What restoring one version did besides its state: aliases another version holds now, and a TTL turned off. */
export interface RestoreOutcome {
  aliasesNotRestored: string[];
  ttlDisabled: boolean;
}

/**
 * Brings a PENDING_DELETION version back inside an open transaction (to PENDING if it never
 * committed), with the aliases its deletion removed unless another version holds them now. One the
 * TTL scanner deleted gets its TTL turned off, or the next scan would delete it again. The caller
 * revives the collection and recomputes `latest`.
 */
export async function restoreInTransaction(db: Db, collectionId: number, version: Pick<VersionRow, 'seq'>, now: string): Promise<RestoreOutcome> {
  const outcome = await restoreManyInTransaction(db, collectionId, (v) => sql<SqlBool>`${sql.ref(`${v}.seq`)} = ${version.seq}`, now);
  return { aliasesNotRestored: outcome.aliasesNotRestored.map((a) => a.alias), ttlDisabled: outcome.ttlDisabled > 0 };
}

/** A DELETED collection is READY again once one of its versions comes back. */
export async function reviveCollection(db: Db, collectionId: number): Promise<void> {
  await db
    .updateTable('collections')
    .set({ state: 'READY', deleted_at: null, deleted_by: null, deletion_id: null })
    .where('id', '=', collectionId)
    .where('state', '=', 'DELETED')
    .execute();
}

/** `DELETE .../versions/:version`: 409 ALIASES_PRESENT unless deleteAliases; a repeated delete changes nothing. A bulk request passes its one act. */
export async function deleteVersion(ctx: AtticContext, address: VersionAddress, options: { deleteAliases: boolean; deletion?: DeletionAct }): Promise<Version> {
  const deletion = options.deletion ?? newDeletionAct(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { project, collection, version } = await locate(trx, address);
    // Deleted already: nothing changes, so the audit log records no second delete.
    if (version.state === 'PENDING_DELETION' || version.state === 'DELETED') {
      markUnchanged();
      return fresh(trx, project, collection, version.seq);
    }
    await auditSuccess(trx, deletion.at, { deleteAliases: options.deleteAliases });
    const aliases = await trx.selectFrom('aliases').select('alias').where('version_seq', '=', version.seq).execute();
    await refuseProtectedAliases(
      trx,
      address.entity,
      aliases.map((a) => a.alias),
      'delete a version that holds one',
    );
    if (aliases.length > 0 && !options.deleteAliases)
      throw aliasesPresent(
        refused(collection, version),
        aliases.map((a) => a.alias),
      );
    await softDeleteInTransaction(trx, collection, version, deletion);
    return fresh(trx, project, collection, version.seq);
  });
}

/** `POST .../versions/:version/restore`: back to COMMITTED (or PENDING if it never committed) with its aliases, those another version holds now named. */
export async function restoreVersion(ctx: AtticContext, address: VersionAddress): Promise<RestoredVersion> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { project, collection, version } = await locate(trx, address);
    if (version.state === 'DELETED') throw alreadyGarbageCollected(refused(collection, version), version.deleted_at);
    // Live already (restored twice, or never deleted): nothing changes, and no entry says it did.
    if (version.state !== 'PENDING_DELETION') {
      markUnchanged();
      return { ...(await fresh(trx, project, collection, version.seq)), aliasesNotRestored: [], ttlDisabled: false };
    }
    await auditSuccess(trx, now);
    const outcome = await restoreInTransaction(trx, collection.id, version, now);
    await reviveCollection(trx, collection.id);
    await recomputeLatest(trx, collection.id);
    return { ...(await fresh(trx, project, collection, version.seq)), ...outcome };
  });
}
