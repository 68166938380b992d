/** The mock database's stored rows. They hold raw times (ms) and Sets; `serialize.ts` turns them into API objects. */
import type { FileEntry, VersionState } from '../../domain/schemas';

/** A version's own TTL setting, as `PUT .../versions/:version/ttl` stores it (`days` only for `custom`). */
export type TtlMode = 'inherit' | 'custom' | 'disabled';

/** A project's settings, as `PUT .../settings` stores them. */
export interface ProjectSettingsRecord {
  /** The TTL, in days, of the project's versions whose TTL mode is `inherit`; null for none. */
  defaultTtlDays: number | null;
}

/** One logged version, in any state. */
export interface VersionRecord {
  id: string;
  /** Log order across the whole db: orders PENDING versions and the versions of a run. */
  seq: number;
  entity: string;
  project: string;
  type: string;
  collection: string;
  index: number | null;
  aliases: Set<string>;
  /** Aliases asked for at log time, applied when the version commits. */
  requestedAliases: string[];
  state: VersionState;
  /** Sorted by path, as the files list answers them. */
  files: FileEntry[];
  sizeBytes: number;
  digest: string;
  createdAt: number;
  runId: string | null;
  deletedAt: number | null;
  deletedBy: string | null;
  /** The deletion act that took it (server: `versions.deletion_id`); a collection restore finds its versions by it. */
  deletionId: string | null;
  /** The aliases its deletion removed (never `latest`), for a restore to bring back; empty while live. */
  deletedAliases: string[];
  ttlMode: TtlMode;
  /** The version's own days: set for `custom` only, null otherwise (as the server stores `ttl_days`). */
  ttlDays: number | null;
  /**
   * The same object as its project's `settings`: `inherit` reads the default through it, so a new
   * default reaches every version of the project without a walk, and serializing needs no lookup.
   */
  projectSettings: Readonly<ProjectSettingsRecord>;
}

/** How many COMMITTED files reference a blob, so a blob shared by versions counts once in `sizeBytes`. */
export interface BlobRefCount {
  refs: number;
  sizeBytes: number;
}

export interface CollectionRecord {
  entity: string;
  project: string;
  type: string;
  name: string;
  state: 'READY' | 'DELETED';
  /**
   * Every version that ever got an index, ascending, tombstones included. Indexes are assigned as
   * `indexed.length` and never reused, so `indexed[i].index === i`: lookups by `vN` and keyset
   * pages are O(1) to start, whatever the collection's size.
   */
  indexed: VersionRecord[];
  /** PENDING versions in log order (oldest first). */
  pending: VersionRecord[];
  /** alias -> the COMMITTED version carrying it. */
  aliases: Map<string, VersionRecord>;
  versionCount: number;
  pendingDeletionCount: number;
  /** Blobs of COMMITTED versions, and the sum of their sizes counted once per digest. */
  committedBlobs: Map<string, BlobRefCount>;
  sizeBytes: number;
  updatedAt: number;
  /** Set while the collection is DELETED. */
  deletedAt: number | null;
  deletedBy: string | null;
  /** The id its delete stamped on the versions it took, while DELETED. */
  deletionId: string | null;
}

export interface ProjectRecord {
  entity: string;
  project: string;
  collections: Map<string, CollectionRecord>;
  /** Collection names, ascending, kept sorted on insert so lists never sort. */
  collectionNames: string[];
  /** id -> version, for commit by id. */
  versionsById: Map<string, VersionRecord>;
  /** runId -> versions it created, in log order (seq ascending). */
  runs: Map<string, VersionRecord[]>;
  /** Shared by reference with every version of the project (`VersionRecord.projectSettings`): update it in place. */
  settings: ProjectSettingsRecord;
}

/** Content-addressed store of one entity: blobs are never shared between entities. */
export type BlobStore = Map<string, Uint8Array>;
