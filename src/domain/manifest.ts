/** A version's digest is the sha256 of its manifest: one line per file, sorted by path, so the same files give the same digest everywhere. */
import type { FileEntry } from './schemas';

export function manifestText(files: readonly FileEntry[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.path}\t${f.digest}\t${f.sizeBytes}\n`)
    .join('');
}
