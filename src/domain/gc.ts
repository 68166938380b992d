/** Objects of the garbage-collection routes. */
import { z } from 'zod';
import { formatDuration } from './format';

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
  /** What keeps a removed file recoverable for a while: the trash (file store) or bucket versioning (object storage). */
  safetyNet: z.object({ kind: z.enum(['trash', 'bucketVersioning', 'none']), enabled: z.boolean(), detail: z.string() }).optional(),
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

export type SafetyNet = NonNullable<GcStatus['safetyNet']>;

/** The file store's safety net: removed blobs wait in the trash for the retention, or, at 0, are gone at once. */
export function trashSafetyNet(trashRetentionSeconds: number): SafetyNet {
  return trashRetentionSeconds > 0
    ? { kind: 'trash', enabled: true, detail: `Removed files stay in the trash for ${formatDuration(trashRetentionSeconds)} before they are deleted.` }
    : { kind: 'none', enabled: false, detail: 'GC_TRASH_RETENTION_SECONDS is 0: removed files are deleted at once, and the file store keeps no versions.' };
}

/** Why runs are refused under GC_REQUIRE_SAFETY_NET=true, or null when the safety net is there. */
export function safetyNetRefusal(requireSafetyNet: boolean, net: SafetyNet): string | null {
  return requireSafetyNet && !net.enabled
    ? `Garbage collection is off: GC_REQUIRE_SAFETY_NET=true, and nothing would keep the files it removes (${net.detail}) Set GC_TRASH_RETENTION_SECONDS above 0, or use a bucket with versioning.`
    : null;
}

/** What the bucket said when asked for its versioning (GetBucketVersioning), or why it could not be read. */
export type BucketVersioning = { status: 'Enabled' | 'Suspended' | 'NeverEnabled' } | { status: 'Unreadable'; reason: string };

/**
 * Object storage's safety net: bucket versioning when it is on (a removed object keeps its earlier
 * versions until the bucket's own lifecycle rules expire them), else the trash prefix, as with files.
 */
export function objectStoreSafetyNet(bucketUrl: string, versioning: BucketVersioning, trashRetentionSeconds: number): SafetyNet {
  if (versioning.status === 'Enabled') {
    return {
      kind: 'bucketVersioning',
      enabled: true,
      detail: `Versioning is enabled on ${bucketUrl}: removed objects keep their earlier versions until the bucket's lifecycle rules expire them.`,
    };
  }
  const why =
    versioning.status === 'Unreadable'
      ? `the versioning of ${bucketUrl} could not be read (${versioning.reason})`
      : `versioning is ${versioning.status === 'Suspended' ? 'suspended' : 'not enabled'} on ${bucketUrl}`;
  return trashRetentionSeconds > 0
    ? { kind: 'trash', enabled: true, detail: `Removed files stay in the trash for ${formatDuration(trashRetentionSeconds)} before they are deleted; ${why}.` }
    : { kind: 'none', enabled: false, detail: `GC_TRASH_RETENTION_SECONDS is 0: removed files are deleted at once, and ${why}.` };
}
