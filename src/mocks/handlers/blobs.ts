/** `PUT .../blobs/:digest`: raw bytes in, checked against their sha256. */
import type { HttpHandler } from 'msw';
import type { MockDb } from '../db';
import { apiRoute, json, projectRef } from './route';

/** Blob upload, stored per entity. */
export function blobHandlers(db: MockDb): HttpHandler[] {
  return [
    apiRoute('put', '/projects/:entity/:project/blobs/:digest', async ({ params, request }) => {
      const bytes = new Uint8Array(await request.arrayBuffer());
      return json(db.putBlob(projectRef(params), params.digest ?? '', bytes), 201);
    }),
  ];
}
