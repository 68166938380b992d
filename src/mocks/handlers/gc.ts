/** `GET /api/v1/gc`, `POST /api/v1/gc/runs`, `GET /api/v1/gc/runs` and `GET /api/v1/gc/runs/:id`. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, readJson } from './route';

/** Garbage-collection status, runs and their history. */
export function gcHandlers(db: MockDb): HttpHandler[] {
  return [
    apiRoute('get', '/gc', () => json(db.gcStatus())),
    apiRoute('post', '/gc/runs', async ({ request }) => {
      const run = db.startGcRun(await readJson(request));
      // The mock finishes a run at once: 200 with the finished run, as the contract allows; 202 only while running.
      return json(run, run.status === 'running' ? 202 : 200);
    }),
    apiRoute('get', '/gc/runs', ({ url }) => json(db.listGcRuns(pageQuery(url)))),
    apiRoute('get', '/gc/runs/:id', ({ params }) => json(db.getGcRun(params.id ?? ''))),
  ];
}
