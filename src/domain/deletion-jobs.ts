/**
 * Deletion jobs: one request deletes (or restores) every version of a project that matches a
 * filter, as a job that can be polled and cancelled. Shared by the server, the mocks and the SDK.
 */
import { z } from 'zod';
import { ApiError, errors } from './errors';
import { ISO_TIME_FORMS, parseIsoTime } from './iso-time';
import { shapeError } from './validate';

/** A strict ISO 8601 time (`iso-time.ts`): `12/31/2099` or `2026-02-30` is refused, never guessed at. */
const isoTime = z.string().refine((value) => parseIsoTime(value) !== null, `must be ${ISO_TIME_FORMS}`);
/** At most this many names or versions in one list: each is one SQL parameter. */
export const MAX_FILTER_LIST = 1000;
const names = z.array(z.string().min(1)).min(1).max(MAX_FILTER_LIST);

/** Every field given must hold; `noAliases: true` means no alias at all (`latest` counts). */
export const DeletionJobFilterSchema = z
  .object({
    collections: names.optional(),
    /** `v3` labels or version ids. */
    versions: names.optional(),
    noAliases: z.boolean().optional(),
    aliases: names.optional(),
    notAliases: names.optional(),
    createdBefore: isoTime.optional(),
    createdAfter: isoTime.optional(),
    runId: z.string().min(1).optional(),
    minSizeBytes: z.number().int().min(0).optional(),
  })
  .strict();
export type DeletionJobFilter = z.infer<typeof DeletionJobFilterSchema>;

export const DeletionJobActionSchema = z.enum(['delete', 'restore']);
export type DeletionJobAction = z.infer<typeof DeletionJobActionSchema>;

export const DeletionJobRequestSchema = z
  .object({
    action: DeletionJobActionSchema,
    filter: z.unknown(),
    deleteAliases: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();
export type DeletionJobRequest = Omit<z.infer<typeof DeletionJobRequestSchema>, 'filter'> & { filter: DeletionJobFilter };

/** True when the filter constrains nothing (`noAliases: false` does not constrain). */
export function isEmptyFilter(filter: DeletionJobFilter): boolean {
  return Object.entries(filter).every(([key, value]) => value === undefined || (key === 'noAliases' && value === false));
}

/** Parses a job request; an empty or missing filter is `400 INVALID_REQUEST`, never "everything". */
export function parseDeletionJobRequest(body: unknown): DeletionJobRequest {
  const outer = DeletionJobRequestSchema.safeParse(body);
  if (!outer.success) throw shapeError(outer.error.issues);
  if (outer.data.filter === undefined || outer.data.filter === null)
    throw errors.invalidRequest('filter is required: a job never means "every version".', { field: 'filter' });
  const filter = DeletionJobFilterSchema.safeParse(outer.data.filter);
  if (!filter.success) throw shapeError(filter.error.issues, ['filter']);
  if (isEmptyFilter(filter.data))
    throw errors.invalidRequest('filter is empty: give at least one condition (a job never means "every version").', { field: 'filter' });
  return { ...outer.data, filter: filter.data };
}

export const DeletionJobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type DeletionJobState = z.infer<typeof DeletionJobStateSchema>;

/** Why a job left one version as it was. */
export const DeletionJobRefusalSchema = z.object({ collection: z.string(), version: z.string().nullable(), code: z.string() });
export type DeletionJobRefusal = z.infer<typeof DeletionJobRefusalSchema>;

export const DeletionJobSchema = z.object({
  id: z.string(),
  action: DeletionJobActionSchema,
  state: DeletionJobStateSchema,
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  refusals: z.array(DeletionJobRefusalSchema),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type DeletionJob = z.infer<typeof DeletionJobSchema>;
export const DeletionJobResponseSchema = z.object({ job: DeletionJobSchema });

/** A dry run: how many versions, the aliases involved, and the bytes garbage collection would then free or keep. */
export const DeletionDryRunSchema = z.object({
  versionCount: z.number().int(),
  aliases: z.array(z.object({ collection: z.string(), version: z.string().nullable(), alias: z.string() })),
  reclaimableBytes: z.number().int(),
  sharedBytes: z.number().int(),
});
export type DeletionDryRun = z.infer<typeof DeletionDryRunSchema>;

/** Refusal codes beyond the error codes: the version was already deleted, or is not deleted. */
export const JOB_REFUSALS = {
  aliasesPresent: 'ALIASES_PRESENT',
  garbageCollected: 'ALREADY_GARBAGE_COLLECTED',
  alreadyDeleted: 'ALREADY_DELETED',
  notDeleted: 'NOT_DELETED',
} as const;

export const isFinishedJob = (state: DeletionJobState): boolean => state === 'succeeded' || state === 'failed' || state === 'cancelled';

export const deletionJobNotFound = (id: string) => new ApiError(404, 'NOT_FOUND', `This project has no deletion job "${id}".`, { id });
