/** How many versions the runner takes in its next batch (decisions 156, 182). */
import type { Db } from '../store/database';
import { kindOf } from '../store/dialect';
import { BATCH_SIZE } from './batch';

/**
 * While requests do not keep coming, batches grow (doubling) until one lasts about this long:
 * fewer, larger transactions cost far less per version (decision 182). On SQLite a batch holds the
 * event loop, so a lone request waits at most about this long.
 */
export const QUIET_BATCH_MS = 100;
/**
 * The same on PostgreSQL, where a batch does not hold the event loop (reads go on) but holds the
 * advisory lock every transaction takes (decision 178): a writing request waits at most about this
 * long. Each statement is a round trip there, so a batch's fixed cost is larger and only longer
 * batches amortize it.
 */
export const POSTGRES_QUIET_BATCH_MS = 250;
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
export function nextBatchSize(size: number, batchMs: number, requestsKeepComing: boolean, budgetMs = QUIET_BATCH_MS): number {
  if (requestsKeepComing || batchMs > 2 * budgetMs) return Math.max(BATCH_SIZE, size / 2);
  return batchMs * 2 <= budgetMs ? Math.min(size * 2, MAX_BATCH_SIZE) : size;
}

/** The time budget of a batch on this store's database. */
export function quietBatchMs(db: Db): number {
  return kindOf(db) === 'postgres' ? POSTGRES_QUIET_BATCH_MS : QUIET_BATCH_MS;
}
