/** Bulk delete and restore: each item is its own transaction and gets its own result, so one blocked version never fails the rest. */
import { ApiError, BulkRequestSchema, parseBody, type BulkResult, type Version } from '../../domain';
import { writeAudit } from '../auth/audit';
import { currentScope } from '../auth/scope';
import type { AtticContext } from '../context';
import { deleteVersion, newDeletionAct, restoreVersion, type VersionAddress } from './delete-version';

export async function runBulk(ctx: AtticContext, entity: string, project: string, body: unknown, action: 'delete' | 'restore'): Promise<BulkResult> {
  const request = parseBody(BulkRequestSchema, body);
  const results: BulkResult['results'] = [];
  // One request, one deletion act: every version it deletes carries the same deletion id.
  const deletion = newDeletionAct(ctx);
  // Each item is its own transaction: the request's one entry is written after them, with the tally.
  const scope = currentScope();
  if (scope) scope.recorded = true;
  for (const item of request.items) {
    const address: VersionAddress = { entity, project, collection: item.collection, version: item.version };
    try {
      const version: Version =
        action === 'delete'
          ? await deleteVersion(ctx, address, { deleteAliases: request.deleteAliases ?? false, deletion })
          : await restoreVersion(ctx, address);
      results.push({ ...item, ok: true, result: version, error: null });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({ ...item, ok: false, result: null, error: error.toBody().error });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  if (scope)
    await writeAudit(ctx.db, deletion.at, {
      entity,
      actor: scope.actor,
      action: scope.action,
      target: scope.target,
      outcome: succeeded === results.length ? 'success' : 'failed',
      details: {
        succeeded,
        failed: results.length - succeeded,
        items: results.map((r) => ({ collection: r.collection, version: r.version, ok: r.ok, code: r.error?.code ?? null })),
      },
    });
  return { results, succeeded, failed: results.length - succeeded };
}
