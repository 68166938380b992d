/** Keyset pagination and sorted arrays for the mock database, so no list is sorted per request. */
import type { Page } from '../../domain/schemas';
import { encodeCursor } from '../../domain/validate';

/** Compares keys the way the lists order them: numbers numerically, strings by code unit (as SQLite's BINARY collation). */
export function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

/** First position in an ascending array whose key is greater than `key` (binary search). */
export function upperBound<T>(items: readonly T[], key: readonly (string | number)[], keyOf: (item: T) => (string | number)[]): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareKeys(keyOf(items[mid]!), key) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Inserts into an ascending array at its sorted place. */
export function insertSorted<T>(items: T[], item: T, keyOf: (item: T) => (string | number)[]): void {
  items.splice(upperBound(items, keyOf(item), keyOf), 0, item);
}

/**
 * Takes up to `limit` items from an already ordered, already filtered walk that starts after the
 * cursor. The cursor of the next page is the key of the last item returned, and is null when the
 * walk has nothing more.
 */
export function takePage<R, T>(walk: Iterable<R>, limit: number, cursorKeys: (record: R) => (string | number)[], toItem: (record: R) => T): Page<T> {
  const items: T[] = [];
  let last: R | undefined;
  for (const record of walk) {
    if (items.length === limit) return { items, nextCursor: encodeCursor(cursorKeys(last!)) };
    items.push(toItem(record));
    last = record;
  }
  return { items, nextCursor: null };
}
