/** What a deletion would do, before it is done: aliases, `latest`, and the bytes it would free or leave shared. */
import { LATEST_ALIAS, sortAliases, type DeletionPreview } from '../../domain';
import { requireCollection, requireProject, resolveVersion } from '../artifacts/lookup';
import type { Db } from '../store/database';
import type { VersionAddress } from './delete-version';
import { sharingVersions, summarizeReclaim, type VersionSet } from './reclaim';

const SHARING_SHOWN = 10;

/**
 * The bytes a deletion frees are those its versions alone keep alive once everything already
 * pending deletion is purged too: the purged set is the deleted versions plus every version
 * pending deletion, and a blob is freed only if nothing outside that set references it.
 */
async function bytesPreview(db: Db, source: VersionSet) {
  const purge: VersionSet = { kind: 'union', sets: [source, { kind: 'pendingDeletion' }] };
  const summary = await summarizeReclaim(db, source, purge);
  const sharing = await sharingVersions(db, source, purge, SHARING_SHOWN);
  return {
    totalBytes: summary.totalBytes,
    reclaimableBytes: summary.freedBytes,
    sharedBytes: summary.keptBytes,
    sharedWith: sharing.versions,
    sharedWithCount: sharing.count,
  };
}

export async function previewVersionDeletion(db: Db, address: VersionAddress): Promise<DeletionPreview> {
  const project = await requireProject(db, address.entity, address.project);
  const collection = await requireCollection(db, project, address.collection);
  const version = await resolveVersion(db, collection, address.version);
  const label = version.idx === null ? null : `v${version.idx}`;
  const live = version.state === 'COMMITTED' || version.state === 'PENDING';
  const aliases = live
    ? sortAliases((await db.selectFrom('aliases').select('alias').where('version_seq', '=', version.seq).execute()).map((a) => a.alias))
    : [];
  let latest: DeletionPreview['latest'] = { moves: false, to: null };
  if (aliases.includes(LATEST_ALIAS)) {
    const next = await db
      .selectFrom('versions')
      .select('idx')
      .where('collection_id', '=', collection.id)
      .where('state', '=', 'COMMITTED')
      .where('seq', '!=', version.seq)
      .orderBy('idx', 'desc')
      .limit(1)
      .executeTakeFirst();
    latest = { moves: true, to: next?.idx == null ? null : `v${next.idx}` };
  }
  const bytes = live
    ? await bytesPreview(db, { kind: 'seqs', seqs: [version.seq] })
    : { totalBytes: 0, reclaimableBytes: 0, sharedBytes: 0, sharedWith: [], sharedWithCount: 0 };
  return { versionCount: live ? 1 : 0, aliases: aliases.map((alias) => ({ version: label, alias })), latest, ...bytes };
}

export async function previewCollectionDeletion(db: Db, entity: string, projectName: string, name: string): Promise<DeletionPreview> {
  const project = await requireProject(db, entity, projectName);
  const collection = await requireCollection(db, project, name);
  const count = await db
    .selectFrom('versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collection_id', '=', collection.id)
    .where('state', 'in', ['PENDING', 'COMMITTED'])
    .executeTakeFirstOrThrow();
  const aliases = await db
    .selectFrom('aliases')
    .innerJoin('versions', 'versions.seq', 'aliases.version_seq')
    .select(['aliases.alias', 'versions.idx'])
    .where('aliases.collection_id', '=', collection.id)
    .orderBy('versions.idx', 'desc')
    .orderBy('aliases.alias')
    .execute();
  const bytes = await bytesPreview(db, { kind: 'collection', collectionId: collection.id });
  return {
    versionCount: Number(count.n),
    aliases: aliases.map((a) => ({ version: a.idx === null ? null : `v${a.idx}`, alias: a.alias })),
    latest: { moves: false, to: null },
    ...bytes,
  };
}
