/** How many versions the runner takes in its next batch (decisions 156, 182). */
import { BATCH_SIZE } from './batch';

/**
 * While requests do not keep coming, batches grow (doubling) until one lasts about this long:
 * fewer, larger transactions cost far less per version (decision 182), and a lone request waits at
 * most about this long (on SQLite, where a batch holds the event loop).
 */
export const QUIET_BATCH_MS = 100;
/** Batches never exceed this many versions (BATCH_SIZE × 2^5), whatever the measured speed. */
export const MAX_BATCH_SIZE = BATCH_SIZE * 32;

/**
 * The size of the next batch: small (BATCH_SIZE) while requests keep coming, larger otherwise.
 * Halved while requests keep coming (each waits for the batch in progress) or after a batch that
 * took more than twice the budget (versions with many files), doubled otherwise if the double
 * still fits the budget at the last batch's speed. Sizes stay BATCH_SIZE × a power of
 * two, so that the batch's statements (whose IN lists have one parameter per version) are prepared
 * a few times, not once per batch.
 */
export function nextBatchSize(size: number, batchMs: number, requestsKeepComing: boolean): number {
  if (requestsKeepComing || batchMs > 2 * QUIET_BATCH_MS) return Math.max(BATCH_SIZE, size / 2);
  return batchMs * 2 <= QUIET_BATCH_MS ? Math.min(size * 2, MAX_BATCH_SIZE) : size;
}
