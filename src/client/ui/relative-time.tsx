import { useSyncExternalStore } from 'react';
import { formatExactTime, formatRelativeTime } from '../../domain';

// One shared clock for every <RelativeTime>: a virtualized table renders many of them, and one
// interval re-rendering them all each minute is cheaper than an interval per cell.
const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    // The clock was stopped while nothing showed a time: catch up. React re-reads the snapshot
    // after subscribing, so cells rendered with the stale time re-render once.
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Must return the same value until the store changes (React compares consecutive reads).
function getNow(): number {
  return now;
}

/** "2 hours ago", with the exact UTC time in the tooltip and in a machine-readable `dateTime`. */
export function RelativeTime({ iso }: { iso: string }) {
  const current = useSyncExternalStore(subscribe, getNow, getNow);
  // The shared clock can be up to a tick behind: a time recorded a moment ago (a run just started)
  // would read "in a few seconds". The clock only decides when to re-render; each render reads the
  // real time, which never goes backwards.
  const reference = Math.max(current, Date.now());
  return (
    <time dateTime={iso} title={formatExactTime(iso)}>
      {formatRelativeTime(iso, reference)}
    </time>
  );
}
