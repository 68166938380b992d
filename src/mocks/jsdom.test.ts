// @vitest-environment jsdom
// Component tests run in jsdom: the mock server must intercept fetch there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../domain/api-paths';
import { LogVersionResponseSchema } from '../domain/schemas';
import { createMockServer } from './node';

describe('createMockServer in jsdom', () => {
  const { server } = createMockServer({ seed: false, now: () => Date.parse('2026-01-01T00:00:00.000Z') });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('answers relative API paths from the page origin', async () => {
    const ref = { entity: 'acme', project: 'p' };
    const response = await fetch(apiPaths.artifacts(ref), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'dataset', name: 'ds', files: [] }),
    });
    expect(response.status).toBe(201);
    const { version } = LogVersionResponseSchema.parse(await response.json());
    expect(version).toMatchObject({ state: 'COMMITTED', version: 'v0', createdAt: '2026-01-01T00:00:00.000Z' });
    expect((await fetch(apiPaths.projects())).status).toBe(200);
  });
});
