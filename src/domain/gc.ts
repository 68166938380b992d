/** Objects of the garbage-collection routes. */
import { z } from 'zod';

export const GcRunSchema = z.object({
  id: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  versionsPurged: z.number().int(),
  blobsDeleted: z.number().int(),
  blobsRetainedShared: z.number().int(),
  bytesReclaimed: z.number().int(),
  error: z.string().nullable(),
  /** Attic's additions: why the run started and what it did, step by step. */
  trigger: z.enum(['schedule', 'manual']).optional(),
  log: z.array(z.object({ at: z.string(), message: z.string() })).optional(),
  phase: z.string().optional(),
  /** What the plan announced when the run started: the progress bar's totals. */
  planned: z.object({ versionsPurged: z.number().int(), blobsDeleted: z.number().int(), bytesReclaimed: z.number().int() }).optional(),
});
export type GcRun = z.infer<typeof GcRunSchema>;

export const GcStatusSchema = z.object({
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  pendingVersions: z.number().int(),
  reclaimableBytes: z.number().int(),
  lastRun: GcRunSchema.nullable(),
  nextRunAt: z.string().nullable(),
  /** Attic's additions for the web app: the restore window, the schedule, the trash. */
  graceSeconds: z.number().optional(),
  intervalSeconds: z.number().optional(),
  trashRetentionSeconds: z.number().optional(),
  trashBytes: z.number().int().optional(),
  running: GcRunSchema.nullable().optional(),
});
export type GcStatus = z.infer<typeof GcStatusSchema>;

export const StartGcRunRequestSchema = z.object({ dryRun: z.boolean() });

/** Storage figures of a project (Attic's `GET .../storage`), each distinct blob counted once. */
export const ProjectStorageSchema = z.object({
  /** Blobs referenced by COMMITTED or PENDING versions. */
  liveBytes: z.number().int(),
  pendingDeletion: z.object({
    versions: z.number().int(),
    /** Freed once every version pending deletion is purged. */
    reclaimableBytes: z.number().int(),
    /** Referenced by versions pending deletion but kept, because live versions share them. */
    sharedBytes: z.number().int(),
  }),
  /** Removed blobs of the project's entity still in the trash area. */
  trashBytes: z.number().int(),
});
export type ProjectStorage = z.infer<typeof ProjectStorageSchema>;
