/**
 * A batch of blob keys (entity, digest, generation) taken from a table for file work, then named
 * again in the statements that drop their rows: as a predicate that costs a few parameters
 * whatever the batch's size, never one parameter per key.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../store/database';
import { kindOf } from '../store/dialect';

export interface BlobKey {
  entity: string;
  digest: string;
  generation: string;
}

export interface KeyBatch {
  keys: BlobKey[];
  /** `(entity, digest, generation)` of the row is one of the batch's keys. */
  has: RawBuilder<SqlBool>;
  release(): Promise<void>;
}

/**
 * SQLite: the keys in a temp table of the one connection, so the drop is a primary-key probe per
 * key (replacing what a failed run left there). PostgreSQL: a temp table would live on whichever
 * pooled connection made it, so the keys travel as three arrays, unnested by the server.
 */
export async function takeKeyBatch(db: Db, table: 'gc_moving' | 'gc_emptying', select: RawBuilder<unknown>): Promise<KeyBatch> {
  if (kindOf(db) === 'postgres') {
    const keys = (await sql<BlobKey>`SELECT entity, digest, generation FROM (${select}) AS batch`.execute(db)).rows;
    const column = (name: keyof BlobKey) => sql`CAST(${keys.map((k) => k[name])} AS TEXT[])`;
    const has = sql<SqlBool>`(entity, digest, generation) IN (SELECT * FROM unnest(${column('entity')}, ${column('digest')}, ${column('generation')}))`;
    return { keys, has, release: async () => undefined };
  }
  await sql`DROP TABLE IF EXISTS ${sql.table(`temp.${table}`)}`.execute(db);
  await sql`CREATE TEMP TABLE ${sql.table(table)} AS ${select}`.execute(db);
  const keys = (await sql<BlobKey>`SELECT entity, digest, generation FROM ${sql.table(`temp.${table}`)}`.execute(db)).rows;
  return {
    keys,
    has: sql<SqlBool>`(entity, digest, generation) IN (SELECT entity, digest, generation FROM ${sql.table(`temp.${table}`)})`,
    release: async () => {
      await sql`DROP TABLE ${sql.table(`temp.${table}`)}`.execute(db);
    },
  };
}
