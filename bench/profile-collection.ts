/**
 * Diagnosis helper (not part of `npm run bench`): where a collection's delete and its restore
 * spend their time, statement by statement, in this process (no HTTP, no other requests).
 *
 *   node --import tsx bench/profile-collection.ts [versions=100000]
 *   PROFILE_PG_SCHEMA=<name> node --import tsx bench/profile-collection.ts   # on PostgreSQL
 *
 * Seeds one collection of `versions` committed versions (five 256-byte files each, aliases on
 * some), then deletes and restores it twice, printing each one's time and its costliest statements.
 */
import path from 'node:path';
import { deleteCollection } from '../src/server/deletion/delete-collection';
import { restoreCollection } from '../src/server/deletion/restore-collection';
import { copyToProfileSchema, dropProfileSchema, openProfiledStore } from './profile-store';
import { closeSeeded, createSchema, openForSeeding, removeDir, seedCollection, smallFiles, tempDir } from './seed';
import { statementLines, timePgQueries, timeStatements } from './statement-timer';
import { fmtMs } from './stats';

const versions = Number(process.argv[2] ?? 100_000);
const SHARDS = { entity: 'bench', project: 'backlog', type: 'dataset', name: 'shards' };
const dir = tempDir('profile-collection');
const pgSchema = process.env.PROFILE_PG_SCHEMA;
try {
  await createSchema(dir);
  const seeding = openForSeeding(dir);
  seedCollection(seeding, { ...SHARDS, pendingDeletion: 0, committed: versions, files: smallFiles(5, 256), extraAliases: true });
  closeSeeded(seeding);
  const databaseUrl = pgSchema ? await copyToProfileSchema(dir, pgSchema) : undefined;
  const store = await openProfiledStore(dir, databaseUrl);
  try {
    for (let rep = 1; rep <= 2; rep++) {
      const stats = pgSchema ? timePgQueries() : timeStatements(path.join(dir, 'attic.db-wal'));
      let started = performance.now();
      const deleted = await deleteCollection(store.ctx, SHARDS.entity, SHARDS.project, SHARDS.name);
      console.log(`rep ${rep}: delete of ${deleted.versionsDeleted} versions in ${fmtMs(performance.now() - started)}`);
      for (const line of statementLines(stats, 6)) console.log(line);
      stats.clear();
      started = performance.now();
      const restored = await restoreCollection(store.ctx, SHARDS.entity, SHARDS.project, SHARDS.name);
      console.log(`rep ${rep}: restore of ${restored.versionsRestored} versions in ${fmtMs(performance.now() - started)}`);
      for (const line of statementLines(stats, 10)) console.log(line);
    }
  } finally {
    await store.close();
  }
} finally {
  removeDir(dir);
  if (pgSchema) await dropProfileSchema(pgSchema);
}
