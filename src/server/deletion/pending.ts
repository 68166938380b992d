/** The pending-deletion review of a project: every version pending deletion, what purging it frees, and when that happens. */
import { decodeCursor, purgeEligibleAt, type PageParams, type PendingDeletionPage } from '../../domain';
import { requireProject } from '../artifacts/lookup';
import { aliasesOf, toVersion } from '../artifacts/to-api';
import type { AtticContext } from '../context';
import type { GcScheduler } from '../gc/scheduler';
import { keysetPage } from '../store/keyset-page';
import { freedBytesByVersion } from './reclaim';

export async function listPendingDeletion(
  ctx: AtticContext,
  scheduler: GcScheduler,
  entity: string,
  projectName: string,
  params: PageParams,
): Promise<PendingDeletionPage> {
  const project = await requireProject(ctx.db, entity, projectName);
  let query = ctx.db
    .selectFrom('versions')
    .innerJoin('collections', 'collections.id', 'versions.collection_id')
    .selectAll('versions')
    .select(['collections.name as collection_name', 'collections.type as collection_type'])
    .where('versions.project_id', '=', project.id)
    .where('versions.state', '=', 'PENDING_DELETION')
    .orderBy('versions.deleted_at', 'desc')
    .orderBy('versions.seq', 'desc')
    .limit(params.limit + 1);
  if (params.cursor) {
    const [deletedAt, seq] = decodeCursor<[string, number]>(params.cursor, ['string', 'number']);
    query = query.where((eb) =>
      eb.or([eb('versions.deleted_at', '<', deletedAt), eb.and([eb('versions.deleted_at', '=', deletedAt), eb('versions.seq', '<', seq)])]),
    );
  }
  const rows = await query.execute();
  // The collections' kept counts, not a count of the versions: the same number, at any backlog.
  const total = await ctx.db
    .selectFrom('collections')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('pending_deletion_count'), eb.lit(0)).as('n'))
    .where('project_id', '=', project.id)
    .executeTakeFirstOrThrow();
  const { shown, nextCursor } = keysetPage(rows, params.limit, (last) => [last.deleted_at!, last.seq]);
  // One query each for the page's aliases and its figures, whatever the page's length.
  const seqs = shown.map((row) => row.seq);
  const aliases = await aliasesOf(ctx.db, seqs);
  // Purging each version together with everything else pending: the bytes only it holds are freed.
  const freed = await freedBytesByVersion(ctx.db, { kind: 'seqs', seqs }, { kind: 'pendingDeletion' });
  const items = shown.map((row) => {
    const eligible = purgeEligibleAt(Date.parse(row.deleted_at!), ctx.config.gc.graceSeconds);
    const expected = scheduler.expectedPurgeAt(eligible);
    return {
      version: toVersion(project, { type: row.collection_type, name: row.collection_name }, row, aliases.get(row.seq) ?? []),
      reclaimableBytes: freed.get(row.seq) ?? 0,
      purgeEligibleAt: new Date(eligible).toISOString(),
      expectedPurgeAt: expected === null ? null : new Date(expected).toISOString(),
    };
  });
  return { items, nextCursor, totalCount: Number(total.n) };
}
