import { formatBytes } from '../../domain';

/** A size in human units ("8.1 MB"); the exact byte count is in the tooltip. */
export function Bytes({ bytes }: { bytes: number }) {
  return <span title={`${bytes.toLocaleString('en-US')} bytes`}>{formatBytes(bytes)}</span>;
}
