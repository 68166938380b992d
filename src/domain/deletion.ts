/** Objects of Attic's deletion routes beyond the contract: previews, the pending-deletion review and bulk requests. */
import { z } from 'zod';
import { CollectionSchema, RestoredVersionSchema, VersionSchema } from './schemas';

/** A version that keeps some of the deleted bytes alive because it references the same blobs. */
export const SharingVersionSchema = z.object({
  collection: z.string(),
  version: z.string().nullable(),
  sharedBytes: z.number().int(),
});

/**
 * What a deletion would do, computed from content digests: the aliases that go, where `latest`
 * moves, the bytes garbage collection would then free and the bytes that stay because live
 * versions share them.
 */
export const DeletionPreviewSchema = z.object({
  versionCount: z.number().int(),
  aliases: z.array(z.object({ version: z.string().nullable(), alias: z.string() })),
  latest: z.object({ moves: z.boolean(), to: z.string().nullable() }),
  totalBytes: z.number().int(),
  reclaimableBytes: z.number().int(),
  sharedBytes: z.number().int(),
  sharedWith: z.array(SharingVersionSchema),
  sharedWithCount: z.number().int(),
});
export type DeletionPreview = z.infer<typeof DeletionPreviewSchema>;

export const CollectionDeleteResponseSchema = z.object({ collection: CollectionSchema, versionsDeleted: z.number().int() });
export type CollectionDeleteResponse = z.infer<typeof CollectionDeleteResponseSchema>;

/** A row of the pending-deletion review: the version, what purging it frees, and when it can be purged. */
export const PendingDeletionItemSchema = z.object({
  version: VersionSchema,
  reclaimableBytes: z.number().int(),
  /** deletedAt + GC_GRACE_SECONDS: from then on a run purges it. */
  purgeEligibleAt: z.string(),
  /** The scheduled run that will purge it, or null when garbage collection is off. */
  expectedPurgeAt: z.string().nullable(),
});
export type PendingDeletionItem = z.infer<typeof PendingDeletionItemSchema>;

export const PendingDeletionPageSchema = z.object({
  items: z.array(PendingDeletionItemSchema),
  nextCursor: z.string().nullable(),
  totalCount: z.number().int(),
});
export type PendingDeletionPage = z.infer<typeof PendingDeletionPageSchema>;

export const BulkRequestSchema = z.object({
  items: z
    .array(z.object({ collection: z.string(), version: z.string() }))
    .min(1)
    .max(1000),
  deleteAliases: z.boolean().optional(),
});
export type BulkRequest = z.infer<typeof BulkRequestSchema>;

export const BulkResultSchema = z.object({
  results: z.array(
    z.object({
      collection: z.string(),
      version: z.string(),
      ok: z.boolean(),
      /** The Version; a restore's carries `aliasesNotRestored` and `ttlDisabled` as the single restore answers. */
      result: VersionSchema.extend({
        aliasesNotRestored: RestoredVersionSchema.shape.aliasesNotRestored.optional(),
        ttlDisabled: z.boolean().optional(),
      }).nullable(),
      error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }).nullable(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

/** Who deletes when there are no accounts yet. */
export const LOCAL_ACTOR = 'local';

/** Who deletes the versions whose TTL has run out. */
export const TTL_ACTOR = 'ttl';

/** `POST .../collections/:collection/restore`: the versions the collection's deletion took, back. */
export const CollectionRestoreResponseSchema = z.object({
  collection: CollectionSchema,
  versionsRestored: z.number().int(),
  /** Versions of that deletion already garbage-collected: gone for good. */
  versionsGone: z.number().int(),
  /** Attic: aliases those versions lost with the delete that another version holds now (they stay there). */
  aliasesNotRestored: z.array(z.object({ version: z.string().nullable(), alias: z.string() })),
});
export type CollectionRestoreResponse = z.infer<typeof CollectionRestoreResponseSchema>;

/** The refusal of a delete blocked by aliases, worded once for the server and the mocks. */
export function aliasesPresentMessage(label: string, collection: string, aliases: string[]): string {
  const one = aliases.length === 1;
  const them = one ? 'it' : 'them';
  const moved = aliases.filter((a) => a !== 'latest');
  const how = moved.length === 0 ? '' : ` (POST .../collections/${collection}/aliases/${moved[0]}/move with {"to": "<version>"})`;
  return `${label} has the ${one ? 'alias' : 'aliases'} ${aliases.join(', ')}. Delete ${them} with the version (deleteAliases=true)${moved.length === 0 ? '.' : `, or move ${moved.length === 1 ? moved[0] : 'them'} to another version first${how}.`}`;
}
