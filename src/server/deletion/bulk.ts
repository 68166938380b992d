/** Bulk delete and restore: each item is its own transaction and gets its own result, so one blocked version never fails the rest. */
import { ApiError, BulkRequestSchema, parseBody, type BulkResult, type Version } from '../../domain';
import type { AtticContext } from '../context';
import { deleteVersion, newDeletionAct, restoreVersion, type VersionAddress } from './delete-version';

export async function runBulk(ctx: AtticContext, entity: string, project: string, body: unknown, action: 'delete' | 'restore'): Promise<BulkResult> {
  const request = parseBody(BulkRequestSchema, body);
  const results: BulkResult['results'] = [];
  // One request, one deletion act: every version it deletes carries the same deletion id.
  const deletion = newDeletionAct(ctx);
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
  return { results, succeeded, failed: results.length - succeeded };
}
