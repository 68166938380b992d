// What a deletion job reads to give way to requests: a request counts from its start to its answer.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { Traffic } from './traffic';

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

  it('does not count a deletion job’s progress polls, which would only slow the job they watch', async () => {
    const traffic = new Traffic();
    const app = new Hono();
    app.use('*', traffic.middleware());
    app.get('/api/v1/projects/:entity/:project/deletion-jobs/:id', (c) => c.json({ state: 'running' }));
    app.post('/api/v1/projects/:entity/:project/deletion-jobs/:id/cancel', (c) => c.json({ state: 'cancelled' }));
    expect((await app.request('/api/v1/projects/acme/mnist/deletion-jobs/job_1')).status).toBe(200);
    expect(traffic.busy(60_000)).toBe(false);
    // Anything else on a job is a request like any other.
    expect((await app.request('/api/v1/projects/acme/mnist/deletion-jobs/job_1/cancel', { method: 'POST' })).status).toBe(200);
    expect(traffic.busy(60_000)).toBe(true);
  });
});
