/**
 * The runner's batch sizes (decision 182): small while requests keep coming, growing otherwise, within a time budget, and always BATCH_SIZE times a power of two.
 */
import { describe, expect, it } from 'vitest';
import { BATCH_SIZE } from './batch';
import { MAX_BATCH_SIZE, nextBatchSize, POSTGRES_QUIET_BATCH_MS, QUIET_BATCH_MS } from './batch-size';

/** The sizes a runner would take, batch after batch, given each batch's duration and whether requests kept coming. */
function sizes(batches: { ms: number; requests: boolean }[]): number[] {
  let size = BATCH_SIZE;
  const taken = [size];
  for (const batch of batches) {
    size = nextBatchSize(size, batch.ms, batch.requests);
    taken.push(size);
  }
  return taken;
}

describe('nextBatchSize', () => {
  it('doubles while requests do not keep coming and a doubled batch fits the budget, up to the largest size', () => {
    const quick = { ms: QUIET_BATCH_MS / 10, requests: false };
    expect(sizes(Array.from({ length: 8 }, () => quick))).toEqual([1, 2, 4, 8, 16, 32, 32, 32, 32].map((n) => n * BATCH_SIZE));
    expect(MAX_BATCH_SIZE).toBe(32 * BATCH_SIZE);
  });

  it('keeps a size whose double would not fit the budget, and halves one that took more than twice the budget', () => {
    expect(nextBatchSize(8 * BATCH_SIZE, QUIET_BATCH_MS * 0.75, false)).toBe(8 * BATCH_SIZE);
    expect(nextBatchSize(8 * BATCH_SIZE, QUIET_BATCH_MS * 3, false)).toBe(4 * BATCH_SIZE);
  });

  it('takes the budget it is given: PostgreSQL batches may last longer', () => {
    expect(nextBatchSize(8 * BATCH_SIZE, QUIET_BATCH_MS, false)).toBe(8 * BATCH_SIZE);
    expect(nextBatchSize(8 * BATCH_SIZE, QUIET_BATCH_MS, false, POSTGRES_QUIET_BATCH_MS)).toBe(16 * BATCH_SIZE);
  });

  it('halves while requests keep coming, never below BATCH_SIZE', () => {
    const quick = { ms: 1, requests: false };
    const busy = { ms: 1, requests: true };
    expect(sizes([quick, quick, quick, busy, busy, busy, busy])).toEqual([1, 2, 4, 8, 4, 2, 1, 1].map((n) => n * BATCH_SIZE));
  });
});
