/**
 * SQLite's page cache while garbage collection works (decision 125). A run reads pages all over a
 * big store once each, so a large cache only fills with pages it will not read again, and SQLite
 * also lets a sort hold as much memory as the cache before spilling to a temporary file: with the
 * server's 16 MB cache, a run over a million blobs grew the process by about 30 MB more than one
 * over ten thousand. While any run or plan is under way the connection's cache is SQLite's default
 * size; the server's own size comes back when the last one ends. Queries served meanwhile read the
 * pages they miss from the operating system's file cache.
 */
import { sql } from 'kysely';
import type { Db } from '../store/database';
import { kindOf } from '../store/dialect';

/** SQLite's default cache size (2,000 KiB, as a negative cache_size). */
const RUN_CACHE_SIZE = -2000;

export class RunCache {
  private users = 0;
  private saved: number | null = null;

  constructor(private readonly db: Db) {}

  async around<T>(work: () => Promise<T>): Promise<T> {
    // PostgreSQL's buffers are the database server's, shared by every connection: nothing to shrink.
    if (kindOf(this.db) === 'postgres') return work();
    if (this.users++ === 0) {
      const current = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(this.db);
      this.saved = Number(current.rows[0]?.cache_size ?? RUN_CACHE_SIZE);
      await sql`PRAGMA cache_size = ${sql.raw(String(RUN_CACHE_SIZE))}`.execute(this.db);
    }
    try {
      return await work();
    } finally {
      if (--this.users === 0 && this.saved !== null) {
        await sql`PRAGMA cache_size = ${sql.raw(String(this.saved))}`.execute(this.db);
        this.saved = null;
      }
    }
  }
}
