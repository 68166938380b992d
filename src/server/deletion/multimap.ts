/** Grouping rows by a key into lists, as deletions group versions by collection and aliases by version. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Versions' seqs grouped by their collection: the unit a set-based delete or restore works on. */
export function seqsByCollection(versions: readonly { seq: number; collection_id: number }[]): Map<number, number[]> {
  const byCollection = new Map<number, number[]>();
  for (const v of versions) pushTo(byCollection, v.collection_id, v.seq);
  return byCollection;
}
