/** `GET /api/v1/health`. */
import type { HttpHandler } from 'msw';
import { apiRoute, json } from './route';

/** The health route: the mock backend is always up. */
export function healthHandlers(): HttpHandler[] {
  return [apiRoute('get', '/health', () => json({ status: 'ok' }))];
}
