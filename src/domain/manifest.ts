/**
 * A version's digest is the sha256 of its manifest in a canonical encoding: the JSON of its
 * `[path, digest, sizeBytes]` tuples sorted by path. JSON escapes every character that could pose
 * as a separator, so two different manifests never share a digest (decision 040); the same files
 * give the same digest everywhere, whatever order they were listed in.
 */
import type { FileEntry } from './schemas';

export function manifestText(files: readonly FileEntry[]): string {
  const tuples = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => [f.path, f.digest, f.sizeBytes]);
  return JSON.stringify(tuples);
}
