// Intervals longer than Node's timers hold (2^31-1 ms, about 24.8 days): Node would fire them after
// 1 ms, and a GC_INTERVAL_SECONDS of 30 days ran garbage collection a thousand times a second.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config';
import type { AtticContext } from './context';
import type { GcEngine } from './gc/engine';
import type { Fleet } from './fleet/fleet';
import { GcScheduler } from './gc/scheduler';
import { MAX_TIMER_MS, setLongTimeout } from './long-timeout';
import { startTtlScanner } from './ttl/ttl';

const DAY_MS = 86_400_000;
const THIRTY_DAYS_S = 30 * 86_400; // 2,592,000 s: above the 2,147,483 s a Node timer holds

beforeEach(() => {
  // The fake clock copies Node's behaviour: a delay above 2^31-1 ms fires after 1 ms.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function contextWith(env: Record<string, string>): AtticContext {
  return { config: loadConfig(env), clock: () => Date.now() } as unknown as AtticContext;
}

describe('setLongTimeout', () => {
  it('fires once, after the whole delay, however long', () => {
    const fired = vi.fn();
    setLongTimeout(fired, 3 * MAX_TIMER_MS + 5);
    vi.advanceTimersByTime(3 * MAX_TIMER_MS);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5);
    expect(fired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * MAX_TIMER_MS);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled in any of its steps', () => {
    const fired = vi.fn();
    const timer = setLongTimeout(fired, 2 * MAX_TIMER_MS);
    vi.advanceTimersByTime(MAX_TIMER_MS + 1);
    timer.cancel();
    vi.advanceTimersByTime(5 * MAX_TIMER_MS);
    expect(fired).not.toHaveBeenCalled();
  });
});

/** A fleet of one, whose every scheduled slot is this server's. */
const aloneInFleet = { claimSchedule: async () => true } as unknown as Fleet;

describe('a garbage-collection interval of 30 days', () => {
  it('runs after 30 days, not every millisecond', async () => {
    const start = vi.fn(() => new Promise<never>(() => undefined));
    const scheduler = new GcScheduler(contextWith({ GC_INTERVAL_SECONDS: String(THIRTY_DAYS_S) }), { start } as unknown as GcEngine);
    scheduler.start();
    try {
      await vi.advanceTimersByTimeAsync(1000);
      expect(start).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(29 * DAY_MS - 1000);
      expect(start).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(DAY_MS);
      expect(start).toHaveBeenCalledTimes(1);
    } finally {
      scheduler.stop();
    }
  });
});

describe('a TTL scan interval of 30 days', () => {
  it('scans every 30 days, not every millisecond', async () => {
    const scan = vi.fn(async () => 0);
    const stop = startTtlScanner(contextWith({ TTL_INTERVAL_SECONDS: String(THIRTY_DAYS_S) }), aloneInFleet, scan);
    try {
      await vi.advanceTimersByTimeAsync(1000);
      expect(scan).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(29 * DAY_MS - 1000);
      expect(scan).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(DAY_MS);
      expect(scan).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(30 * DAY_MS);
      expect(scan).toHaveBeenCalledTimes(2);
    } finally {
      stop();
    }
  });
});

describe('interval settings', () => {
  it('accept 30 days and refuse what no date can hold, naming the variable', () => {
    expect(loadConfig({ GC_INTERVAL_SECONDS: String(THIRTY_DAYS_S) }).gc.intervalSeconds).toBe(THIRTY_DAYS_S);
    expect(() => loadConfig({ GC_INTERVAL_SECONDS: '1e13' })).toThrow('GC_INTERVAL_SECONDS="1e13" is not valid');
    expect(() => loadConfig({ TTL_INTERVAL_SECONDS: '1e13' })).toThrow('TTL_INTERVAL_SECONDS="1e13" is not valid');
  });
});
