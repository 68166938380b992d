/** Logging a version: the manifest is recorded, blobs are deduplicated per entity, and the version commits once every blob is stored. */
import { randomBytes } from 'node:crypto';
import {
  ApiError,
  CHECK_STEP_FILES,
  LATEST_ALIAS,
  declaredSizes,
  logRequestChecks,
  manifestText,
  storedSizeMismatches,
  type FileEntry,
  type LogVersionResponse,
  type Version,
} from '../../domain';
import { runYielding, yieldToEventLoop } from '../event-loop';
import { sha256 } from '../hash';
import { auditSuccess, auditTargetIs } from '../auth/audit';
import { refuseProtectedAliases } from '../auth/protected';
import { nowIso, type AtticContext } from '../context';
import type { Db } from '../store/database';
import { adjustCommittedBlobs, updateCollectionCounters } from './collection-usage';
import { requireCollection, requireProject, type ProjectRow } from './lookup';
import { toVersions } from './to-api';

/** Sort key of a PENDING version: above every possible index, newest logged first. */
const PENDING_ORDER_BASE = 1e15;

export function newVersionId(): string {
  return `ver_${randomBytes(10).toString('hex')}`;
}

async function getOrCreateProject(db: Db, entity: string, project: string, now: string): Promise<ProjectRow> {
  await db
    .insertInto('projects')
    .values({ entity, name: project, default_ttl_days: null, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // Every entity has its row (members and protected aliases hang on it), made with its first project.
  await db
    .insertInto('entities')
    .values({ name: entity, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return requireProject(db, entity, project);
}

/** The stored size of each of these digests that this entity stores (a blob being removed is not stored). */
async function storedSizes(db: Db, entity: string, digests: Iterable<string>): Promise<Map<string, number>> {
  const unique = [...new Set(digests)];
  const sizes = new Map<string, number>();
  for (let i = 0; i < unique.length; i += 500) {
    if (i > 0 && i % CHECK_STEP_FILES === 0) await yieldToEventLoop();
    const rows = await db
      .selectFrom('blobs')
      .select(['digest', 'size_bytes'])
      .where('entity', '=', entity)
      .where('digest', 'in', unique.slice(i, i + 500))
      .execute();
    // A blob garbage collection has decided to remove has left this table: it is missing, and the
    // client uploads it again under a new generation, never sharing a path with the copy being removed.
    for (const row of rows) sizes.set(row.digest, row.size_bytes);
  }
  return sizes;
}

/** Digests of the files that are not stored, unique, in order of first appearance. */
function missingDigestsOf(files: readonly { digest: string }[], stored: Map<string, number>): string[] {
  return [...new Set(files.map((f) => f.digest))].filter((d) => !stored.has(d));
}

/** Checks the declared sizes against each other and against the stored blobs; returns the stored sizes. */
async function checkSizes(db: Db, entity: string, files: readonly FileEntry[]): Promise<Map<string, number>> {
  const stored = await storedSizes(db, entity, declaredSizes(files).keys());
  const mismatch = storedSizeMismatches(files, (digest) => stored.get(digest));
  if (mismatch) throw mismatch;
  return stored;
}

/** `POST .../artifacts`. */
export async function logVersion(ctx: AtticContext, entity: string, projectName: string, body: unknown): Promise<LogVersionResponse> {
  const request = await runYielding(logRequestChecks(body));
  const now = nowIso(ctx);
  const digest = sha256(manifestText(request.files));
  auditTargetIs(`${entity}/${projectName}/${request.name}`);
  return ctx.db.transaction().execute(async (trx) => {
    await refuseProtectedAliases(trx, entity, request.aliases ?? [], 'give protected aliases');
    const project = await getOrCreateProject(trx, entity, projectName, now);
    await auditSuccess(trx, now, { type: request.type, name: request.name, files: request.files.length, aliases: request.aliases ?? [] });
    let collection = await trx.selectFrom('collections').selectAll().where('project_id', '=', project.id).where('name', '=', request.name).executeTakeFirst();
    if (collection && collection.type !== request.type) {
      throw new ApiError(
        409,
        'TYPE_MISMATCH',
        `Collection "${request.name}" already holds ${collection.type} artifacts, not ${request.type}; use another name or type "${collection.type}".`,
        {
          collection: request.name,
          existingType: collection.type,
          requestedType: request.type,
        },
      );
    }
    if (!collection) {
      await trx
        .insertInto('collections')
        .values({
          project_id: project.id,
          type: request.type,
          name: request.name,
          state: 'READY',
          next_index: 0,
          version_count: 0,
          pending_deletion_count: 0,
          size_bytes: 0,
          created_at: now,
          updated_at: now,
          deleted_at: null,
          deleted_by: null,
        })
        .execute();
    } else if (collection.state === 'DELETED') {
      await trx
        .updateTable('collections')
        .set({ state: 'READY', deleted_at: null, deleted_by: null, updated_at: now })
        .where('id', '=', collection.id)
        .execute();
    }
    collection = await requireCollection(trx, project, request.name);
    const missingDigests = missingDigestsOf(request.files, await checkSizes(trx, entity, request.files));

    const inserted = await trx
      .insertInto('versions')
      .values({
        id: newVersionId(),
        collection_id: collection.id,
        project_id: project.id,
        entity,
        idx: null,
        order_key: 0,
        state: 'PENDING',
        size_bytes: request.files.reduce((sum, f) => sum + f.sizeBytes, 0),
        file_count: request.files.length,
        digest,
        run_id: request.runId ?? null,
        requested_aliases: JSON.stringify(request.aliases ?? []),
        created_at: now,
        committed_at: null,
        deleted_at: null,
        deleted_by: null,
        ttl_mode: 'inherit',
        ttl_days: null,
      })
      .returning('seq')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('versions')
      .set({ order_key: PENDING_ORDER_BASE + inserted.seq })
      .where('seq', '=', inserted.seq)
      .execute();
    for (let i = 0; i < request.files.length; i += 200) {
      // Still one transaction (the garbage collector relies on it, decision 003): while it yields,
      // other requests' queries wait for the one connection, but the rest of the server runs.
      if (i > 0 && i % CHECK_STEP_FILES === 0) await yieldToEventLoop();
      const chunk = request.files.slice(i, i + 200).map((f) => ({ version_seq: inserted.seq, path: f.path, digest: f.digest, size_bytes: f.sizeBytes }));
      await trx.insertInto('version_files').values(chunk).execute();
    }
    await updateCollectionCounters(trx, collection.id, {}, now);
    if (missingDigests.length === 0) await commitInTransaction(trx, inserted.seq, now);
    const row = await trx.selectFrom('versions').selectAll().where('seq', '=', inserted.seq).executeTakeFirstOrThrow();
    const [version] = await toVersions(trx, project, collection, [row]);
    return { version: version!, missingDigests };
  });
}

/** Commits a PENDING version whose blobs are all stored: next index, `latest` and the requested aliases. */
async function commitInTransaction(db: Db, seq: number, now: string): Promise<void> {
  const version = await db.selectFrom('versions').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
  const collection = await db.selectFrom('collections').select(['id', 'next_index']).where('id', '=', version.collection_id).executeTakeFirstOrThrow();
  const index = collection.next_index;
  await db.updateTable('versions').set({ state: 'COMMITTED', idx: index, order_key: index, committed_at: now }).where('seq', '=', seq).execute();
  await db
    .updateTable('collections')
    .set({ next_index: index + 1 })
    .where('id', '=', collection.id)
    .execute();
  const requested = JSON.parse(version.requested_aliases) as string[];
  for (const alias of new Set([LATEST_ALIAS, ...requested])) {
    await db
      .insertInto('aliases')
      .values({ collection_id: collection.id, alias, version_seq: seq })
      .onConflict((oc) => oc.columns(['collection_id', 'alias']).doUpdateSet({ version_seq: seq }))
      .execute();
  }
  const bytes = await adjustCommittedBlobs(db, collection.id, seq, 1);
  await updateCollectionCounters(db, collection.id, { committed: 1, bytes }, now);
}

/** `POST .../artifacts/:id/commit`. */
export async function commitVersion(ctx: AtticContext, entity: string, projectName: string, id: string): Promise<Version> {
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, entity, projectName);
    const row = await trx.selectFrom('versions').selectAll().where('id', '=', id).where('project_id', '=', project.id).executeTakeFirst();
    if (!row) throw new ApiError(404, 'VERSION_NOT_FOUND', `No version with id ${id} in ${entity}/${projectName}.`, { id });
    const collection = await trx.selectFrom('collections').selectAll().where('id', '=', row.collection_id).executeTakeFirstOrThrow();
    auditTargetIs(`${entity}/${projectName}/${collection.name}`);
    if (row.state === 'PENDING') {
      const files = await trx
        .selectFrom('version_files')
        .select(['path', 'digest', 'size_bytes as sizeBytes'])
        .where('version_seq', '=', row.seq)
        .orderBy('path')
        .execute();
      // Sizes were declared before the blobs existed: a blob counts only with its stored size.
      const stored = await checkSizes(trx, entity, files);
      const missingDigests = missingDigestsOf(files, stored);
      if (missingDigests.length > 0) {
        throw new ApiError(
          409,
          'MISSING_BLOBS',
          `${missingDigests.length} of this version's files have not been uploaded yet; upload them with PUT .../blobs/:digest, then commit again.`,
          { missingDigests },
        );
      }
      // The aliases the log asked for are given now: one protected since then is an admin's to give.
      await refuseProtectedAliases(trx, entity, JSON.parse(row.requested_aliases) as string[], 'give protected aliases');
      await commitInTransaction(trx, row.seq, now);
    }
    const fresh = await trx.selectFrom('versions').selectAll().where('seq', '=', row.seq).executeTakeFirstOrThrow();
    if (fresh.idx !== null) auditTargetIs(`${entity}/${projectName}/${collection.name}:v${fresh.idx}`);
    await auditSuccess(trx, now, { id });
    const [version] = await toVersions(trx, project, collection, [fresh]);
    return version!;
  });
}
