import type { DeletionJobFilter, ProjectRef } from '../../../../domain';

/**
 * Query keys of previews and the pending-deletion review, written once. `project(p)` is the prefix
 * to invalidate after any delete or restore: every preview and pending figure may change.
 */
export const deletionKeys = {
  all: ['deletion'] as const,
  project: (p: ProjectRef) => [...deletionKeys.all, p.entity, p.project] as const,
  versionPreview: (p: ProjectRef, collection: string, version: string) => [...deletionKeys.project(p), 'version-preview', collection, version] as const,
  collectionPreview: (p: ProjectRef, collection: string) => [...deletionKeys.project(p), 'collection-preview', collection] as const,
  pending: (p: ProjectRef) => [...deletionKeys.project(p), 'pending'] as const,
  pendingList: (p: ProjectRef) => [...deletionKeys.pending(p), 'list'] as const,
  /** The sidebar's badge: a one-item page, for its `totalCount`. */
  pendingCount: (p: ProjectRef) => [...deletionKeys.pending(p), 'count'] as const,
  /** A deletion job's dry run: under the project, so every delete and restore refreshes it. */
  jobDryRun: (p: ProjectRef, filter: DeletionJobFilter, deleteAliases: boolean) => [...deletionKeys.project(p), 'job-dry-run', filter, deleteAliases] as const,
};

/** Query keys of deletion jobs, apart from the project's previews: a job is polled, not refreshed by the deletes it makes. */
export const deletionJobKeys = {
  job: (p: ProjectRef, id: string) => ['deletion-job', p.entity, p.project, id] as const,
};

/**
 * Query keys of garbage collection (one collector serves the whole server). A project's storage
 * figures sit under this prefix too: every delete and restore (which invalidates `gcKeys.all`)
 * and every collection run changes them.
 */
export const gcKeys = {
  all: ['gc'] as const,
  status: () => [...gcKeys.all, 'status'] as const,
  runs: () => [...gcKeys.all, 'runs'] as const,
  runList: () => [...gcKeys.runs(), 'list'] as const,
  run: (id: string) => [...gcKeys.runs(), 'detail', id] as const,
  storage: (p: ProjectRef) => [...gcKeys.all, 'storage', p.entity, p.project] as const,
};
