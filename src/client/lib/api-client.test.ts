// @vitest-environment jsdom
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HealthSchema } from '../../domain';
import { apiRequest } from './api-client';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('apiRequest', () => {
  it('resolves a relative path against the page and parses the answer with the schema', async () => {
    server.use(http.get('http://localhost:3000/api/v1/health', () => HttpResponse.json({ status: 'ok' })));
    await expect(apiRequest('/api/v1/health', HealthSchema)).resolves.toEqual({ status: 'ok' });
  });

  it("throws the server's code and message as an ApiError", async () => {
    server.use(
      http.get('*/api/v1/health', () =>
        HttpResponse.json({ error: { code: 'PROJECT_NOT_FOUND', message: 'Project demo/x does not exist.', details: { project: 'x' } } }, { status: 404 }),
      ),
    );
    const error = await apiRequest('/api/v1/health', HealthSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'PROJECT_NOT_FOUND', message: 'Project demo/x does not exist.', details: { project: 'x' } });
  });

  it('explains an error answer that is not JSON', async () => {
    server.use(http.get('*/api/v1/health', () => new HttpResponse('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    await expect(apiRequest('/api/v1/health', HealthSchema)).rejects.toMatchObject({
      status: 502,
      message: 'The server answered 502 Bad Gateway. Try again in a moment.',
    });
  });

  it('rejects an answer that does not match the contract, naming the field', async () => {
    server.use(http.get('*/api/v1/health', () => HttpResponse.json({ status: 'fine' })));
    await expect(apiRequest('/api/v1/health', HealthSchema)).rejects.toMatchObject({ code: 'INVALID_RESPONSE', message: expect.stringContaining('(status:') });
  });

  it('turns a network failure into a message a person can act on', async () => {
    server.use(http.get('*/api/v1/health', () => HttpResponse.error()));
    await expect(apiRequest('/api/v1/health', HealthSchema)).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
