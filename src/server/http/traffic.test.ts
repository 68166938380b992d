// What a deletion job reads to give way to requests: a request counts from its start to its answer.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { FREQUENT_REQUESTS, Traffic } from './traffic';

describe('traffic', () => {
  it('is busy while a request is answered, refused ones included, and quiet after', async () => {
    const traffic = new Traffic();
    const app = new Hono();
    app.use('*', traffic.middleware());
    const seen: boolean[] = [];
    app.get('/ok', (c) => {
      seen.push(traffic.busy(0));
      return c.text('ok');
    });
    app.get('/boom', () => {
      seen.push(traffic.busy(0));
      throw new Error('refused');
    });
    app.onError((_e, c) => c.text('no', 500));
    expect(traffic.busy(0)).toBe(false);
    expect((await app.request('/ok')).status).toBe(200);
    expect((await app.request('/boom')).status).toBe(500);
    expect(seen).toEqual([true, true]);
    // Just answered: busy within a window that covers now, quiet for a window of zero.
    expect(traffic.busy(60_000)).toBe(true);
    expect(traffic.busy(0)).toBe(false);
  });

  it('is frequent when requests keep coming (a client asking again and again), not for a poll every 100 ms', () => {
    const polled = new Traffic();
    for (let i = 0; i < 3 * FREQUENT_REQUESTS; i++) polled.started(i * 100);
    expect(polled.frequent(3 * FREQUENT_REQUESTS * 100)).toBe(false);
    const hammered = new Traffic();
    for (let i = 0; i < FREQUENT_REQUESTS - 1; i++) hammered.started(i * 5);
    expect(hammered.frequent(100)).toBe(false);
    hammered.started(100);
    expect(hammered.frequent(100)).toBe(true);
    // A second later without requests, it is not any more.
    expect(hammered.frequent(1100)).toBe(false);
  });
});
