/**
 * Tests of several servers on one store: a PostgreSQL schema of their own on the test database,
 * on every tier (the SQLite tier too: a fleet needs PostgreSQL). The schema is dropped by `drop`.
 */
import { randomBytes } from 'node:crypto';
import { TEST_DATABASE_URL, withTestDatabase } from './backend';

export interface SharedPostgres {
  /** DATABASE_URL for every server of the fleet. */
  url: string;
  drop(): Promise<void>;
}

export async function sharedPostgres(): Promise<SharedPostgres> {
  const schema = `t_${process.env.ATTIC_TEST_RUN ?? 'local'}_fleet_${randomBytes(4).toString('hex')}`;
  await withTestDatabase((client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema} -c synchronous_commit=off`);
  return {
    url: url.toString(),
    drop: async () => {
      await withTestDatabase((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}
