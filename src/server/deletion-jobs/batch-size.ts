/** How many versions the runner takes in its next batch (decisions 156, 182). */
import { BATCH_SIZE } from './batch';

/**
 * While no request comes in, batches grow (doubling) until one lasts about this long: fewer, larger
 * transactions cost far less per version (decision 182), and a request arriving meanwhile waits at
 * most about this long once, since the next batch is halved again.
 */
export const QUIET_BATCH_MS = 40;
/** Batches never exceed this many versions (BATCH_SIZE × 2^5), whatever the measured speed. */
export const MAX_BATCH_SIZE = BATCH_SIZE * 32;

/**
 * The size of the next batch: small (BATCH_SIZE) while requests come in, larger while the server is
 * quiet. Halved after a batch during which a request came in (it had to wait for the batch) or
 * that took more than twice the budget (versions with many files), doubled after a quiet one if
 * the double still fits the budget at the last batch's speed. Sizes stay BATCH_SIZE × a power of
 * two, so that the batch's statements (whose IN lists have one parameter per version) are prepared
 * a few times, not once per batch.
 */
export function nextBatchSize(size: number, batchMs: number, requestsCame: boolean): number {
  if (requestsCame || batchMs > 2 * QUIET_BATCH_MS) return Math.max(BATCH_SIZE, size / 2);
  return batchMs * 2 <= QUIET_BATCH_MS ? Math.min(size * 2, MAX_BATCH_SIZE) : size;
}
