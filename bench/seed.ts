/**
 * Fast seeding for the benchmarks. The schema comes from the server itself (its migrations run in
 * `openStore`); rows are then inserted with better-sqlite3 in large transactions, consistent with
 * what `src/server/artifacts/log-version.ts` and `src/server/deletion/delete-version.ts` write:
 * versions with idx/order_key, version_files, blobs rows (a generation), aliases
 * (`latest` included), collection_blobs for COMMITTED versions and the collection counters
 * (version_count, pending_deletion_count, next_index, size_bytes). No gc_candidates are written:
 * only uploads and purges create those.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../src/server/config';
import { openStore } from '../src/server/open-store';

export interface FileSpec {
  path: string;
  sizeBytes: number;
}

export interface CollectionSeed {
  entity: string;
  project: string;
  type: string;
  name: string;
  /** Versions PENDING_DELETION (deleted an hour ago); they hold the oldest indices, as old versions are what people delete. */
  pendingDeletion: number;
  /** COMMITTED versions, after the pending ones. */
  committed: number;
  /** Files of the i-th version (0-based over all versions of the collection). */
  files: (index: number) => FileSpec[];
  /** `latest` always; with true also production/staging/best and a `milestone-N` every 10,000 versions. */
  extraAliases?: boolean;
}

/** A blob file the seed expects on disk, relative to DATA_DIR/blobs. */
export interface BlobFile {
  entity: string;
  digest: string;
  generation: string;
  sizeBytes: number;
}

export interface SeededCollection {
  collectionId: number;
  versions: number;
  blobs: number;
  /** Blobs referenced only by PENDING_DELETION versions: the garbage a run frees. */
  garbage: BlobFile[];
  newestLabel: string | null;
}

const HOUR_MS = 3_600_000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A temporary directory under os.tmpdir(), removed by `removeDir`. */
export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `attic-bench-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Creates DATA_DIR with the server's schema: opens the store (migrations run) and closes it. */
export async function createSchema(dataDir: string): Promise<void> {
  const store = await openStore(loadConfig({ DATA_DIR: dataDir, DEMO_DATA: '0' }));
  await store.close();
}

/** Opens DATA_DIR/attic.db for seeding (the server must not have it open). */
export function openForSeeding(dataDir: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(path.join(dataDir, 'attic.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -512000');
  db.pragma('foreign_keys = ON');
  return db;
}

/** Folds the WAL into the database file and closes it, so the file can be copied. */
export function closeSeeded(db: BetterSqlite3.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

let generationCounter = 0;

/** Inserts one collection and its versions in transactions of `batch` versions. */
export function seedCollection(db: BetterSqlite3.Database, seed: CollectionSeed, batch = 20_000): SeededCollection {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const total = seed.pendingDeletion + seed.committed;
  // Versions spread over the last two years, the newest an hour old.
  const first = now - 2 * 365 * 24 * HOUR_MS;
  const step = total > 1 ? (now - HOUR_MS - first) / (total - 1) : 0;
  const deletedAt = new Date(now - HOUR_MS).toISOString();

  db.prepare('INSERT INTO projects (entity, name, default_ttl_days, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT DO NOTHING').run(
    seed.entity,
    seed.project,
    new Date(first).toISOString(),
  );
  const projectId = (db.prepare('SELECT id FROM projects WHERE entity = ? AND name = ?').get(seed.entity, seed.project) as { id: number }).id;
  const collectionId = Number(
    db
      .prepare(
        `INSERT INTO collections (project_id, type, name, state, next_index, version_count, pending_deletion_count, size_bytes, created_at, updated_at)
         VALUES (?, ?, ?, 'READY', 0, 0, 0, 0, ?, ?)`,
      )
      .run(projectId, seed.type, seed.name, new Date(first).toISOString(), nowIso).lastInsertRowid,
  );

  const insertVersion = db.prepare(
    `INSERT INTO versions (id, collection_id, project_id, entity, idx, order_key, state, size_bytes, file_count, digest, run_id,
       requested_aliases, created_at, committed_at, deleted_at, deleted_by, ttl_mode, ttl_days)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'inherit', NULL)`,
  );
  const insertFile = db.prepare('INSERT INTO version_files (version_seq, path, digest, size_bytes) VALUES (?, ?, ?, ?)');
  const insertBlob = db.prepare(`INSERT INTO blobs (entity, digest, size_bytes, generation, created_at) VALUES (?, ?, ?, ?, ?)`);
  const insertCollectionBlob = db.prepare('INSERT INTO collection_blobs (collection_id, digest, size_bytes, committed_refs) VALUES (?, ?, ?, 1)');
  const insertAlias = db.prepare(
    'INSERT INTO aliases (collection_id, alias, version_seq) VALUES (?, ?, ?) ON CONFLICT (collection_id, alias) DO UPDATE SET version_seq = excluded.version_seq',
  );

  // Aliases by version index (the newest committed one gets `latest`).
  const aliasAt = new Map<number, string[]>();
  const addAlias = (index: number, alias: string) => {
    if (index < seed.pendingDeletion || index >= total) return;
    aliasAt.set(index, [...(aliasAt.get(index) ?? []), alias]);
  };
  if (seed.committed > 0) addAlias(total - 1, 'latest');
  if (seed.extraAliases) {
    addAlias(total - 3, 'staging');
    addAlias(total - 10, 'production');
    addAlias(seed.pendingDeletion + Math.floor(seed.committed / 2), 'best');
    for (let i = seed.pendingDeletion + 10_000; i < total; i += 10_000) addAlias(i, `milestone-${i / 10_000}`);
  }

  const garbage: BlobFile[] = [];
  let committedBytes = 0;
  let blobs = 0;
  const runBatch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const pending = i < seed.pendingDeletion;
      const files = seed.files(i);
      const created = new Date(first + step * i).toISOString();
      const size = files.reduce((sum, f) => sum + f.sizeBytes, 0);
      const info = insertVersion.run(
        `ver_${sha256Hex(`${seed.entity}/${seed.project}/${seed.name}#${i}`).slice(0, 20)}`,
        collectionId,
        projectId,
        seed.entity,
        i,
        i,
        pending ? 'PENDING_DELETION' : 'COMMITTED',
        size,
        files.length,
        sha256Hex(`manifest ${seed.name} ${i}`),
        `run-${Math.floor(i / 3).toString(36)}`,
        '[]',
        created,
        created,
        pending ? deletedAt : null,
        pending ? 'local' : null,
      );
      const seq = Number(info.lastInsertRowid);
      for (const f of files) {
        const digest = sha256Hex(`${seed.entity}/${seed.project}/${seed.name}/${i}/${f.path}`);
        const generation = (++generationCounter).toString(16).padStart(12, '0');
        insertFile.run(seq, f.path, digest, f.sizeBytes);
        insertBlob.run(seed.entity, digest, f.sizeBytes, generation, created);
        blobs++;
        if (pending) {
          garbage.push({ entity: seed.entity, digest, generation, sizeBytes: f.sizeBytes });
        } else {
          insertCollectionBlob.run(collectionId, digest, f.sizeBytes);
          committedBytes += f.sizeBytes;
        }
      }
      for (const alias of aliasAt.get(i) ?? []) insertAlias.run(collectionId, alias, seq);
    }
  });
  for (let from = 0; from < total; from += batch) runBatch(from, Math.min(total, from + batch));

  db.prepare('UPDATE collections SET next_index = ?, version_count = ?, pending_deletion_count = ?, size_bytes = ?, updated_at = ? WHERE id = ?').run(
    total,
    seed.committed,
    seed.pendingDeletion,
    committedBytes,
    nowIso,
    collectionId,
  );
  return { collectionId, versions: total, blobs, garbage, newestLabel: seed.committed > 0 ? `v${total - 1}` : null };
}

/** Files like a model checkpoint's: weights, config, and metrics on every other version (about 2.5 per version). */
export function modelFiles(index: number): FileSpec[] {
  // A cheap deterministic spread of sizes (tens to hundreds of MB of weights).
  const mix = (index * 2654435761) % 1_000_003;
  const files: FileSpec[] = [
    { path: 'model.safetensors', sizeBytes: 50_000_000 + mix * 400 },
    { path: 'config.json', sizeBytes: 900 + (mix % 700) },
  ];
  if (index % 2 === 0) files.push({ path: 'metrics/eval.json', sizeBytes: 8_000 + (mix % 5_000) });
  return files;
}

/** `count` small files of `sizeBytes` each (shards of a dataset). */
export function smallFiles(count: number, sizeBytes: number): (index: number) => FileSpec[] {
  const files = Array.from({ length: count }, (_, k) => ({ path: `shards/part-${String(k).padStart(5, '0')}.bin`, sizeBytes }));
  return () => files;
}

/**
 * Writes blob files in the store's layout under `root` (DATA_DIR/blobs/<entity>/<digest[0:2]>/<digest>.<generation>).
 * Content is the given bytes (the benchmarks never read them back).
 */
export function writeBlobFiles(root: string, files: BlobFile[]): void {
  const made = new Set<string>();
  for (const f of files) {
    const dir = path.join(root, 'blobs', f.entity, f.digest.slice(0, 2));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path.join(dir, `${f.digest}.${f.generation}`), contentOf(f.sizeBytes));
  }
}

/** Paths `writeBlobFiles` wrote. */
export function blobPaths(root: string, files: BlobFile[]): string[] {
  return files.map((f) => path.join(root, 'blobs', f.entity, f.digest.slice(0, 2), `${f.digest}.${f.generation}`));
}

const contents = new Map<number, Buffer>();
function contentOf(size: number): Buffer {
  let buffer = contents.get(size);
  if (!buffer) {
    buffer = Buffer.alloc(size, 0x61);
    contents.set(size, buffer);
  }
  return buffer;
}

/** Row counts that the report shows and the checks use. */
export function countRows(dataDir: string): Record<'versions' | 'versionFiles' | 'blobs' | 'gcCandidates' | 'pendingDeletion', number> {
  const db = new BetterSqlite3(path.join(dataDir, 'attic.db'), { readonly: true });
  try {
    const n = (q: string) => (db.prepare(q).get() as { n: number }).n;
    return {
      versions: n('SELECT COUNT(*) AS n FROM versions'),
      versionFiles: n('SELECT COUNT(*) AS n FROM version_files'),
      blobs: n('SELECT COUNT(*) AS n FROM blobs'),
      gcCandidates: n('SELECT COUNT(*) AS n FROM gc_candidates'),
      pendingDeletion: n(`SELECT COUNT(*) AS n FROM versions WHERE state = 'PENDING_DELETION'`),
    };
  } finally {
    db.close();
  }
}
