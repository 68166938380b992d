/** `PUT .../blobs/:digest`: bytes are hashed while they stream to disk and published only if they match. */
import { ApiError, DIGEST_PATTERN, errors, requireName } from '../../domain';
import { nowIso, type AtticContext } from '../context';
import { BlobTooLargeError, newGeneration, type StagedBlob } from '../store/blob-store';

export interface UploadResult {
  digest: string;
  sizeBytes: number;
  deduplicated: boolean;
}

export async function uploadBlob(ctx: AtticContext, entity: string, project: string, digest: string, body: AsyncIterable<Uint8Array>): Promise<UploadResult> {
  requireName('entity', entity);
  requireName('project', project);
  if (!DIGEST_PATTERN.test(digest)) throw errors.invalidDigest(digest);

  let staged: StagedBlob;
  try {
    staged = await ctx.blobs.stage(body, ctx.config.maxBlobBytes);
  } catch (error) {
    if (error instanceof BlobTooLargeError) {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The blob is larger than this server accepts (${error.maxBytes} bytes, MAX_BLOB_BYTES).`, {
        maxBytes: error.maxBytes,
      });
    }
    throw error;
  }
  if (staged.digest !== digest) {
    await ctx.blobs.discard(staged);
    throw new ApiError(400, 'DIGEST_MISMATCH', `The uploaded bytes hash to ${staged.digest}, not ${digest}; the upload was discarded.`, {
      expected: digest,
      actual: staged.digest,
    });
  }
  // Bytes are always hashed (a wrong body is refused even when the digest is stored); a stored copy is kept.
  const existing = await ctx.db.selectFrom('blobs').select(['size_bytes']).where('entity', '=', entity).where('digest', '=', digest).executeTakeFirst();
  if (existing) {
    await ctx.blobs.discard(staged);
    return { digest, sizeBytes: existing.size_bytes, deduplicated: true };
  }

  // The file is published under a fresh generation before the row says "live", so a row never
  // points at a missing file; a crash in between leaves only an unreferenced file.
  const generation = newGeneration();
  await ctx.blobs.publish(staged, entity, generation);
  const now = nowIso(ctx);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('blobs').select(['generation']).where('entity', '=', entity).where('digest', '=', digest).executeTakeFirst();
    // Another upload of the same bytes won the race: keep its copy. (A copy garbage collection is
    // removing is in gc_deleting under its own generation, so ours never collides with it.)
    if (row) return { keptOurs: false };
    await trx.insertInto('blobs').values({ entity, digest, size_bytes: staged.sizeBytes, generation, created_at: now }).execute();
    // Until something references it, the new blob is a garbage candidate once the upload window has passed.
    const notBefore = new Date(ctx.clock() + ctx.config.gc.uploadWindowSeconds * 1000).toISOString();
    await trx
      .insertInto('gc_candidates')
      .values({ entity, digest, not_before: notBefore })
      .onConflict((oc) => oc.columns(['entity', 'digest']).doUpdateSet({ not_before: notBefore }))
      .execute();
    return { keptOurs: true };
  });
  if (!outcome.keptOurs) await ctx.blobs.remove(entity, digest, generation);
  return { digest, sizeBytes: staged.sizeBytes, deduplicated: !outcome.keptOurs };
}
