/**
 * Timers for delays longer than Node's: a delay above 2^31-1 ms (about 24.8 days) makes Node fire
 * after 1 ms instead, so a long GC_INTERVAL_SECONDS or TTL_INTERVAL_SECONDS is waited in steps.
 */

/** The longest delay one Node timer holds. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  cancel(): void;
}

/** Calls `callback` once after `delayMs`, in steps of at most MAX_TIMER_MS; never keeps the process alive. */
export function setLongTimeout(callback: () => void, delayMs: number): LongTimer {
  let remaining = Math.max(0, delayMs);
  let timer: NodeJS.Timeout | null = null;
  const step = () => {
    const wait = Math.min(remaining, MAX_TIMER_MS);
    timer = setTimeout(() => {
      remaining -= wait;
      if (remaining > 0) step();
      else {
        timer = null;
        callback();
      }
    }, wait);
    timer.unref();
  };
  step();
  return {
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Calls `callback` every `intervalMs` (each wait starts when the previous call was made). */
export function setLongInterval(callback: () => void, intervalMs: number): LongTimer {
  let current: LongTimer;
  let cancelled = false;
  const arm = () => {
    current = setLongTimeout(() => {
      if (cancelled) return;
      arm();
      callback();
    }, intervalMs);
  };
  arm();
  return {
    cancel() {
      cancelled = true;
      current.cancel();
    },
  };
}
