/** Versioned schema migrations, applied in order at start-up by Kysely's Migrator. */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE TABLE projects (
           id INTEGER PRIMARY KEY, entity TEXT NOT NULL, name TEXT NOT NULL,
           default_ttl_days REAL, created_at TEXT NOT NULL, UNIQUE (entity, name))`,
        `CREATE TABLE collections (
           id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects (id),
           type TEXT NOT NULL, name TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'READY',
           next_index INTEGER NOT NULL DEFAULT 0, version_count INTEGER NOT NULL DEFAULT 0,
           pending_deletion_count INTEGER NOT NULL DEFAULT 0, size_bytes INTEGER NOT NULL DEFAULT 0,
           created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT, deleted_by TEXT,
           UNIQUE (project_id, name))`,
        `CREATE INDEX collections_by_type ON collections (project_id, state, type, name)`,
        `CREATE TABLE versions (
           seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
           collection_id INTEGER NOT NULL REFERENCES collections (id), project_id INTEGER NOT NULL,
           entity TEXT NOT NULL, idx INTEGER, order_key INTEGER NOT NULL, state TEXT NOT NULL,
           size_bytes INTEGER NOT NULL, file_count INTEGER NOT NULL, digest TEXT NOT NULL,
           run_id TEXT, requested_aliases TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL,
           committed_at TEXT, deleted_at TEXT, deleted_by TEXT,
           ttl_mode TEXT NOT NULL DEFAULT 'inherit', ttl_days REAL)`,
        `CREATE INDEX versions_by_state ON versions (collection_id, state, order_key DESC)`,
        `CREATE INDEX versions_by_order ON versions (collection_id, order_key DESC)`,
        `CREATE UNIQUE INDEX versions_by_index ON versions (collection_id, idx) WHERE idx IS NOT NULL`,
        `CREATE INDEX versions_by_run ON versions (project_id, run_id, seq DESC) WHERE run_id IS NOT NULL`,
        `CREATE INDEX versions_by_project_state ON versions (project_id, state, deleted_at)`,
        `CREATE INDEX versions_by_state_deleted ON versions (state, deleted_at)`,
        `CREATE TABLE aliases (
           collection_id INTEGER NOT NULL, alias TEXT NOT NULL, version_seq INTEGER NOT NULL,
           PRIMARY KEY (collection_id, alias)) WITHOUT ROWID`,
        `CREATE INDEX aliases_by_version ON aliases (version_seq)`,
        `CREATE TABLE version_files (
           version_seq INTEGER NOT NULL, path TEXT NOT NULL, digest TEXT NOT NULL, size_bytes INTEGER NOT NULL,
           PRIMARY KEY (version_seq, path)) WITHOUT ROWID`,
        `CREATE INDEX version_files_by_digest ON version_files (digest, version_seq)`,
        `CREATE TABLE blobs (
           entity TEXT NOT NULL, digest TEXT NOT NULL, size_bytes INTEGER NOT NULL,
           state TEXT NOT NULL DEFAULT 'live', generation TEXT NOT NULL, created_at TEXT NOT NULL,
           PRIMARY KEY (entity, digest)) WITHOUT ROWID`,
        `CREATE TABLE collection_blobs (
           collection_id INTEGER NOT NULL, digest TEXT NOT NULL, size_bytes INTEGER NOT NULL,
           committed_refs INTEGER NOT NULL, PRIMARY KEY (collection_id, digest)) WITHOUT ROWID`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0002_garbage_collection': {
    async up(db: Kysely<unknown>) {
      const statements = [
        `CREATE INDEX blobs_by_state ON blobs (state)`,
        // Blobs whose last reference may have gone (their versions were purged) or that were
        // uploaded and may never be referenced: the only blobs a run needs to look at, so the
        // cost of a run follows what is pending, not what is stored.
        `CREATE TABLE gc_candidates (
           entity TEXT NOT NULL, digest TEXT NOT NULL, not_before TEXT NOT NULL,
           PRIMARY KEY (entity, digest)) WITHOUT ROWID`,
        `CREATE INDEX gc_candidates_by_time ON gc_candidates (not_before)`,
        `CREATE TABLE gc_runs (
           id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, dry_run INTEGER NOT NULL, status TEXT NOT NULL,
           trigger TEXT NOT NULL, phase TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
           cutoff TEXT NOT NULL, versions_purged INTEGER NOT NULL DEFAULT 0, blobs_deleted INTEGER NOT NULL DEFAULT 0,
           blobs_retained_shared INTEGER NOT NULL DEFAULT 0, bytes_reclaimed INTEGER NOT NULL DEFAULT 0,
           planned_versions INTEGER NOT NULL DEFAULT 0, planned_blobs INTEGER NOT NULL DEFAULT 0,
           planned_bytes INTEGER NOT NULL DEFAULT 0, error TEXT, log TEXT NOT NULL DEFAULT '[]')`,
        `CREATE TABLE trash (
           entity TEXT NOT NULL, digest TEXT NOT NULL, generation TEXT NOT NULL, size_bytes INTEGER NOT NULL,
           trashed_at TEXT NOT NULL, PRIMARY KEY (entity, digest, generation)) WITHOUT ROWID`,
        `CREATE INDEX trash_by_time ON trash (trashed_at)`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0003_partial_blob_state_index': {
    async up(db: Kysely<unknown>) {
      // Only the few rows garbage collection is removing need finding by state: a partial index
      // stays small, and a blob moving from live to deleting no longer rewrites a big index.
      await sql`DROP INDEX IF EXISTS blobs_by_state`.execute(db);
      await sql`CREATE INDEX blobs_deleting ON blobs (entity, digest) WHERE state = 'deleting'`.execute(db);
    },
  },
  '0004_blobs_being_removed_apart': {
    async up(db: Kysely<unknown>) {
      // A blob garbage collection removes leaves the big blobs table in one write, for a small
      // table of its own: each garbage blob then costs one random page write in the store, not two.
      await sql`CREATE TABLE gc_deleting (
        entity TEXT NOT NULL, digest TEXT NOT NULL, generation TEXT NOT NULL, size_bytes INTEGER NOT NULL,
        PRIMARY KEY (entity, digest, generation)) WITHOUT ROWID`.execute(db);
      await sql`INSERT INTO gc_deleting SELECT entity, digest, generation, size_bytes FROM blobs WHERE state = 'deleting'`.execute(db);
      await sql`DELETE FROM blobs WHERE state = 'deleting'`.execute(db);
      await sql`DROP INDEX IF EXISTS blobs_deleting`.execute(db);
      await sql`ALTER TABLE blobs DROP COLUMN state`.execute(db);
    },
  },
  '0005_deletion_ids': {
    async up(db: Kysely<unknown>) {
      // Each deletion act (one version, a collection, a bulk request, a TTL scan) stamps its own id on
      // the versions it takes, and a collection keeps the id of its delete: restoring the collection
      // brings back exactly those versions, even one deleted on its own in the same millisecond.
      await sql`ALTER TABLE versions ADD COLUMN deletion_id TEXT`.execute(db);
      await sql`ALTER TABLE collections ADD COLUMN deletion_id TEXT`.execute(db);
      // Deletions from before: a collection's delete took the versions that share its deletedAt (the
      // old rule, the best there is for them); every other deleted version was a deletion of its own.
      await sql`UPDATE collections SET deletion_id = 'del_collection_' || id WHERE state = 'DELETED'`.execute(db);
      await sql`UPDATE versions SET deletion_id = (
          SELECT c.deletion_id FROM collections c WHERE c.id = versions.collection_id AND c.state = 'DELETED' AND c.deleted_at = versions.deleted_at)
        WHERE state IN ('PENDING_DELETION', 'DELETED')`.execute(db);
      await sql`UPDATE versions SET deletion_id = 'del_version_' || seq WHERE state IN ('PENDING_DELETION', 'DELETED') AND deletion_id IS NULL`.execute(db);
      await sql`CREATE INDEX versions_by_deletion ON versions (collection_id, deletion_id) WHERE deletion_id IS NOT NULL`.execute(db);
    },
  },
  '0006_server_state': {
    async up(db: Kysely<unknown>) {
      // Facts about the server's own data, such as how far the demo seed got (demo-seed.ts).
      await sql`CREATE TABLE server_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`.execute(db);
    },
  },
  '0008_deleted_aliases': {
    async up(db: Kysely<unknown>) {
      // The aliases a deletion removed (never `latest`), as a JSON array on the version: written in
      // the delete's transaction, read and cleared by the restore's, so an undo brings them back.
      await sql`ALTER TABLE versions ADD COLUMN deleted_aliases TEXT NOT NULL DEFAULT '[]'`.execute(db);
    },
  },
  '0009_deletion_jobs': {
    async up(db: Kysely<unknown>) {
      // A job's version set is fixed when it is created (its items); each item ends done or
      // refused, so a job resumes after a restart from its items' states (decision 140).
      await sql`CREATE TABLE deletion_jobs (
        id TEXT PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects (id), action TEXT NOT NULL,
        delete_aliases INTEGER NOT NULL, state TEXT NOT NULL, deletion_id TEXT NOT NULL,
        total INTEGER NOT NULL, done INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, finished_at TEXT)`.execute(db);
      await sql`CREATE INDEX deletion_jobs_by_state ON deletion_jobs (state, created_at)`.execute(db);
      await sql`CREATE TABLE deletion_job_items (
        job_id TEXT NOT NULL REFERENCES deletion_jobs (id), version_seq INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued', code TEXT, PRIMARY KEY (job_id, version_seq)) WITHOUT ROWID`.execute(db);
      await sql`CREATE INDEX deletion_job_items_by_state ON deletion_job_items (job_id, state, version_seq)`.execute(db);
    },
  },
  '0010_accounts': {
    async up(db: Kysely<unknown>) {
      // Accounts, sessions, API keys, roles on entities, protected aliases and the audit log
      // (decision 160). Secrets are stored only as hashes: passwords with scrypt, session tokens
      // and API keys (random, 256 bits) with SHA-256.
      const statements = [
        `CREATE TABLE users (
           username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, site_admin INTEGER NOT NULL DEFAULT 0,
           created_at TEXT NOT NULL, password_changed_at TEXT NOT NULL)`,
        `CREATE TABLE sessions (
           token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username),
           created_at TEXT NOT NULL, expires_at TEXT NOT NULL)`,
        `CREATE INDEX sessions_by_user ON sessions (username)`,
        `CREATE TABLE api_keys (
           id TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username), name TEXT NOT NULL,
           key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, last_used_at TEXT)`,
        `CREATE INDEX api_keys_by_user ON api_keys (username, created_at)`,
        `CREATE TABLE entities (name TEXT PRIMARY KEY, created_at TEXT NOT NULL)`,
        `INSERT INTO entities (name, created_at) SELECT entity, min(created_at) FROM projects GROUP BY entity`,
        `CREATE TABLE entity_members (
           entity TEXT NOT NULL REFERENCES entities (name), username TEXT NOT NULL REFERENCES users (username),
           role TEXT NOT NULL, PRIMARY KEY (entity, username)) WITHOUT ROWID`,
        `CREATE INDEX entity_members_by_user ON entity_members (username)`,
        `CREATE TABLE protected_aliases (
           entity TEXT NOT NULL REFERENCES entities (name), alias TEXT NOT NULL, PRIMARY KEY (entity, alias)) WITHOUT ROWID`,
        `CREATE TABLE login_failures (scope TEXT NOT NULL, subject TEXT NOT NULL, at TEXT NOT NULL)`,
        `CREATE INDEX login_failures_by_subject ON login_failures (scope, subject, at)`,
        // entity NULL: the site's own log (users, keys, sign-ins, GC runs), read by site admins.
        `CREATE TABLE audit_log (
           seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, entity TEXT, at TEXT NOT NULL,
           actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL,
           details TEXT NOT NULL DEFAULT '{}')`,
        `CREATE INDEX audit_by_entity ON audit_log (entity, seq DESC)`,
        // Append-only, said by the database itself and not only by the code that writes it.
        `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
        `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
        `ALTER TABLE deletion_jobs ADD COLUMN created_by TEXT NOT NULL DEFAULT 'anonymous'`,
      ];
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  },
  '0011_versions_by_size': {
    async up(db: Kysely<unknown>) {
      // The version list's `sort=largest|smallest` walks a collection by size in keyset pages;
      // without this index each page of a 100,000-version collection would sort it whole.
      await sql`CREATE INDEX versions_by_size ON versions (collection_id, size_bytes, order_key)`.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
