/** zod schemas of the API's objects and requests: the one definition the server, mocks, SDK and web app share. */
import { z } from 'zod';

export const versionStates = ['PENDING', 'COMMITTED', 'PENDING_DELETION', 'DELETED'] as const;
export const VersionStateSchema = z.enum(versionStates);
export type VersionState = z.infer<typeof VersionStateSchema>;

/** Filter of version lists: one state, or every state. */
export const VersionStateFilterSchema = z.enum(['COMMITTED', 'PENDING_DELETION', 'DELETED', 'ALL']);
export type VersionStateFilter = z.infer<typeof VersionStateFilterSchema>;

export const TtlModeSchema = z.enum(['inherit', 'custom', 'disabled']);

export const VersionSchema = z.object({
  id: z.string(),
  entity: z.string(),
  project: z.string(),
  type: z.string(),
  collection: z.string(),
  version: z.string().nullable(),
  index: z.number().int().nullable(),
  aliases: z.array(z.string()),
  state: VersionStateSchema,
  sizeBytes: z.number().int(),
  fileCount: z.number().int(),
  digest: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ runId: z.string().nullable() }),
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
  ttl: z.object({ mode: TtlModeSchema, days: z.number().nullable(), expiresAt: z.string().nullable() }),
  /**
   * Attic's addition: the aliases its deletion removed (never `latest`), which a restore brings
   * back unless another version holds them by then; empty unless PENDING_DELETION or DELETED.
   */
  deletedAliases: z.array(z.string()),
});
export type Version = z.infer<typeof VersionSchema>;

/** `POST .../versions/:version/restore`: the bare Version plus what the restore could not bring back. */
export const RestoredVersionSchema = VersionSchema.extend({
  /** Aliases its deletion removed that another version of the collection holds now; they stay there. */
  aliasesNotRestored: z.array(z.string()),
  /** True when the TTL scanner had deleted it: its TTL is now `disabled`, so the scanner leaves it alone. */
  ttlDisabled: z.boolean(),
});
export type RestoredVersion = z.infer<typeof RestoredVersionSchema>;

export const CollectionStateSchema = z.enum(['READY', 'DELETED']);
export const CollectionSchema = z.object({
  entity: z.string(),
  project: z.string(),
  type: z.string(),
  name: z.string(),
  state: CollectionStateSchema,
  versionCount: z.number().int(),
  pendingDeletionCount: z.number().int(),
  sizeBytes: z.number().int(),
  updatedAt: z.string(),
  /** Attic's addition: who deleted the collection and when (null while READY). */
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
});
export type Collection = z.infer<typeof CollectionSchema>;

export const ProjectSummarySchema = z.object({ entity: z.string(), project: z.string(), collectionCount: z.number().int() });
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

/** A type of the project with how many ready collections it has (Attic's `GET .../types`). */
export const ArtifactTypeSummarySchema = z.object({ name: z.string(), collectionCount: z.number().int() });
export type ArtifactTypeSummary = z.infer<typeof ArtifactTypeSummarySchema>;

export const FileEntrySchema = z.object({ path: z.string(), digest: z.string(), sizeBytes: z.number().int() });
export type FileEntry = z.infer<typeof FileEntrySchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

/** `POST .../artifacts`: log a version. Field rules beyond shape (names, paths, digests) are checked by `validateLogRequest`. */
export const LogVersionRequestSchema = z.object({
  type: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).max(100).optional(),
  runId: z.string().max(128).optional(),
  files: z.array(FileEntrySchema.extend({ sizeBytes: z.number().int().nonnegative() })).max(100_000),
});
export type LogVersionRequest = z.infer<typeof LogVersionRequestSchema>;

export const LogVersionResponseSchema = z.object({ version: VersionSchema, missingDigests: z.array(z.string()) });
export type LogVersionResponse = z.infer<typeof LogVersionResponseSchema>;

export const BlobUploadResponseSchema = z.object({ digest: z.string(), sizeBytes: z.number().int(), deduplicated: z.boolean() });

export const HealthSchema = z.object({ status: z.literal('ok') });

/** Pagination query: `limit` 1..500 (default 50) and an opaque cursor. */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

/** `PUT .../versions/:version/ttl`. */
export const SetTtlRequestSchema = z.object({ mode: TtlModeSchema, days: z.number().nullable().optional() });
/** `PUT /api/v1/projects/:entity/:project/settings`. */
export const ProjectSettingsSchema = z.object({ defaultTtlDays: z.number().nullable() });
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

/** `GET .../settings/ttl-preview?defaultTtlDays=N`: what setting that default would do right now. */
export const TtlPreviewSchema = z.object({
  defaultTtlDays: z.number().nullable(),
  /** COMMITTED versions that inherit the default (their TTL would follow it). */
  versionsInheriting: z.number().int(),
  /** COMMITTED versions the next scan would soft-delete at once under that default (inheriting ones already past it, plus custom ones already expired). */
  versionsExpiringNow: z.number().int(),
});
export type TtlPreview = z.infer<typeof TtlPreviewSchema>;

/** `PUT .../versions/:version/aliases`: the version's aliases, exactly (`latest` is Attic's). */
export const SetAliasesRequestSchema = z.object({ aliases: z.array(z.string()).max(100) });
/** `POST .../collections/:collection/aliases/:alias/move`: the version (`vN` or an alias) that gets it. */
export const MoveAliasRequestSchema = z.object({ to: z.string() });
