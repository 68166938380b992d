/** `GET .../versions/:version/files` and the download `GET .../versions/:version/files/*path`. */
import { HttpResponse, type HttpHandler } from 'msw';
import { attachmentDisposition } from '../../domain/content-disposition';
import type { MockDb } from '../db';
import { apiRoute, json, pageQuery, projectRef } from './route';

/** The files of a version, and one file's bytes as a download. */
export function fileHandlers(db: MockDb): HttpHandler[] {
  const base = '/projects/:entity/:project/collections/:collection/versions/:version/files';
  return [
    apiRoute('get', base, ({ params, url }) => json(db.listFiles(projectRef(params), params.collection ?? '', params.version ?? '', pageQuery(url)))),
    apiRoute('get', `${base}/*`, ({ params, url }) => {
      const file = db.readFile(projectRef(params), params.collection ?? '', params.version ?? '', filePathOf(url));
      // A copy typed on a plain ArrayBuffer: a Response body may not be a view of a shared buffer.
      const body = new Uint8Array(file.bytes);
      return new HttpResponse(body, {
        status: 200,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(body.length),
          'Content-Disposition': attachmentDisposition(file.path),
          'X-Content-Digest': `sha256:${file.digest}`,
        },
      });
    }),
  ];
}

// /api/v1/projects/:entity/:project/collections/:collection/versions/:version/files/<path...>
const SEGMENTS_BEFORE_FILE_PATH = 10;

/**
 * The file's path, read from the raw URL segment by segment: names never contain "/", so the path
 * starts at a fixed segment (even for a collection named "versions" or an alias named "files"),
 * and decoding each segment keeps an encoded "%2F" from posing as a separator.
 */
function filePathOf(url: URL): string {
  const start = url.pathname.indexOf('/api/v1/projects/');
  const segments = url.pathname
    .slice(start + 1)
    .split('/')
    .slice(SEGMENTS_BEFORE_FILE_PATH);
  return segments.map(safeDecode).join('/');
}

/** A malformed escape is kept as written (then matches no file), as on the server. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
