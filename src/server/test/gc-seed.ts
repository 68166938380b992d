/**
 * The smallest store in which a garbage-collection run has something to free and something to
 * keep, shared by the tests that watch a run go (gc, gc-run-record, gc-takeover).
 */
import { expect } from 'vitest';
import type { TestServer } from '../testing';
import { logFiles } from './log-helpers';

/** The collection the seed logs into: project e/p, collection "data". */
export const seededCollection = '/api/v1/projects/e/p/collections/data';

/** Logs v0 ("shared" and "own" = "zero"), v1 ("shared" and "own" = "one!") and v2 ("other", 300 bytes). */
export async function seedThree(s: TestServer): Promise<void> {
  await logFiles(s, 'e', 'p', 'data', { shared: 'S'.repeat(1000), own: 'zero' });
  await logFiles(s, 'e', 'p', 'data', { shared: 'S'.repeat(1000), own: 'one!' });
  await logFiles(s, 'e', 'p', 'data', { other: 'O'.repeat(300) });
}

/** seedThree, then deletes v0 and v2: 304 bytes of their own are garbage, "shared" stays with v1. */
export async function seedTwoDeleted(s: TestServer): Promise<void> {
  await seedThree(s);
  expect((await s.fetch(`${seededCollection}/versions/v0`, { method: 'DELETE' })).status).toBe(200);
  expect((await s.fetch(`${seededCollection}/versions/v2?deleteAliases=true`, { method: 'DELETE' })).status).toBe(200);
}
