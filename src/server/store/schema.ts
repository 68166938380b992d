/** Kysely table types of the embedded database (snake_case columns, as in the migrations). */
import type { Generated } from 'kysely';

export interface ProjectsTable {
  id: Generated<number>;
  entity: string;
  name: string;
  default_ttl_days: number | null;
  created_at: string;
}

export interface CollectionsTable {
  id: Generated<number>;
  project_id: number;
  type: string;
  name: string;
  state: 'READY' | 'DELETED';
  /** The index the next committed version gets; indices are never reused. */
  next_index: number;
  version_count: number;
  pending_deletion_count: number;
  /** Distinct blobs of COMMITTED versions, kept in step by collection_blobs. */
  size_bytes: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  /** The id its delete stamped on the versions it took, while DELETED. */
  deletion_id: string | null;
}

export interface VersionsTable {
  seq: Generated<number>;
  id: string;
  collection_id: number;
  project_id: number;
  entity: string;
  idx: number | null;
  /** Sort key of version lists, newest first: the index once committed, above every index while PENDING. */
  order_key: number;
  state: 'PENDING' | 'COMMITTED' | 'PENDING_DELETION' | 'DELETED';
  size_bytes: number;
  file_count: number;
  digest: string;
  run_id: string | null;
  /** JSON array of the aliases asked for at log time, applied when the version commits. */
  requested_aliases: string;
  created_at: string;
  committed_at: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
  ttl_mode: 'inherit' | 'custom' | 'disabled';
  ttl_days: number | null;
  /** The deletion act that took the version (while PENDING_DELETION or DELETED): a collection restore finds its versions by it. */
  deletion_id: string | null;
  /** JSON array of the aliases its deletion removed (never `latest`); `[]` while live. */
  deleted_aliases: Generated<string>;
}

export interface AliasesTable {
  collection_id: number;
  alias: string;
  version_seq: number;
}

export interface VersionFilesTable {
  version_seq: number;
  path: string;
  digest: string;
  size_bytes: number;
}

export interface BlobsTable {
  entity: string;
  digest: string;
  size_bytes: number;
  /** Part of the file name, so a re-upload never shares a path with a copy being removed. */
  generation: string;
  created_at: string;
}

/** Blobs garbage collection has decided to remove: their files go to the trash, then the row goes. */
export interface GcDeletingTable {
  entity: string;
  digest: string;
  generation: string;
  size_bytes: number;
}

export interface CollectionBlobsTable {
  collection_id: number;
  digest: string;
  size_bytes: number;
  /** How many COMMITTED versions of the collection reference the blob. */
  committed_refs: number;
}

export interface GcCandidatesTable {
  entity: string;
  digest: string;
  /** Not looked at before this time (the upload window for fresh uploads). */
  not_before: string;
}

export interface GcRunsTable {
  id: string;
  seq: number;
  dry_run: number;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'schedule' | 'manual';
  phase: string;
  started_at: string;
  finished_at: string | null;
  /** Versions deleted at or before this time are purged by the run. */
  cutoff: string;
  versions_purged: number;
  blobs_deleted: number;
  blobs_retained_shared: number;
  bytes_reclaimed: number;
  /** What the run's plan announced at its start, for progress. */
  planned_versions: number;
  planned_blobs: number;
  planned_bytes: number;
  error: string | null;
  /** JSON array of {at, message}. */
  log: string;
}

export interface TrashTable {
  entity: string;
  digest: string;
  generation: string;
  size_bytes: number;
  trashed_at: string;
}

/** Facts about the server's own data, one JSON value per key (`demo_seed`). */
export interface ServerStateTable {
  key: string;
  value: string;
}

/** The servers running on this store, each saying it is alive (fleet/fleet.ts). */
export interface ServersTable {
  id: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
}

/** Work only one server may do at a time (`gc`: the run in progress), held until `expires_at` unless renewed. */
export interface LeasesTable {
  name: string;
  holder: string;
  run_id: string | null;
  expires_at: string;
}

/** When a piece of scheduled work (`gc`, `ttl`) is next due, for the whole fleet. */
export interface SchedulesTable {
  name: string;
  next_at: string;
}

export interface DeletionJobsTable {
  id: string;
  project_id: number;
  action: 'delete' | 'restore';
  delete_aliases: number;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Stamped on every version the job deletes, so one undo finds them all. */
  deletion_id: string;
  total: number;
  done: number;
  failed: number;
  /** Every item up to this version seq is done or refused (batches take items in order); 0 at first. */
  done_through: Generated<number>;
  created_at: string;
  finished_at: string | null;
  /** Who asked for the job: its deletions' `deletedBy` and its audit entries' actor. */
  created_by: string;
}

/**
 * One version of a job's fixed set: `refused` (with a code) by the batch that took it, otherwise
 * done once at or below the job's `done_through` while still `queued` (decision 188); items of
 * jobs that ran before that say `done`.
 */
export interface DeletionJobItemsTable {
  job_id: string;
  version_seq: number;
  state: 'queued' | 'done' | 'refused';
  code: string | null;
}

export interface UsersTable {
  username: string;
  password_hash: string;
  site_admin: number;
  created_at: string;
  password_changed_at: string;
}

export interface SessionsTable {
  token_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
}

export interface ApiKeysTable {
  id: string;
  username: string;
  name: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface EntitiesTable {
  name: string;
  created_at: string;
}

export interface EntityMembersTable {
  entity: string;
  username: string;
  role: 'viewer' | 'member' | 'admin';
}

export interface ProtectedAliasesTable {
  entity: string;
  alias: string;
}

export interface LoginFailuresTable {
  scope: 'user' | 'address';
  subject: string;
  at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  /** null: the site's own log (users, keys, sign-ins, GC runs). */
  entity: string | null;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: 'success' | 'denied' | 'failed';
  details: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  entities: EntitiesTable;
  entity_members: EntityMembersTable;
  protected_aliases: ProtectedAliasesTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  deletion_jobs: DeletionJobsTable;
  deletion_job_items: DeletionJobItemsTable;
  server_state: ServerStateTable;
  servers: ServersTable;
  leases: LeasesTable;
  schedules: SchedulesTable;
  gc_candidates: GcCandidatesTable;
  gc_deleting: GcDeletingTable;
  gc_runs: GcRunsTable;
  trash: TrashTable;
  projects: ProjectsTable;
  collections: CollectionsTable;
  versions: VersionsTable;
  aliases: AliasesTable;
  version_files: VersionFilesTable;
  blobs: BlobsTable;
  collection_blobs: CollectionBlobsTable;
}
