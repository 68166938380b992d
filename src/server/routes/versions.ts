/** Versions of a collection, their files and downloads. */
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { ApiError, errors, isValidFilePath, parseVersionListQuery } from '../../domain';
import { attachmentDisposition } from '../../domain/content-disposition';
import { resolveVersion } from '../artifacts/lookup';
import { listFiles, listVersions, requireCollection, requireProject } from '../artifacts/queries';
import { toVersions } from '../artifacts/to-api';
import type { AtticContext } from '../context';
import { pageParams, param } from '../http/request';

const PREFIX = '/:entity/:project/collections/:collection/versions';

async function locate(ctx: AtticContext, c: Context) {
  const project = await requireProject(ctx.db, param(c, 'entity'), param(c, 'project'));
  const collection = await requireCollection(ctx.db, project, param(c, 'collection'));
  return { project, collection };
}

async function locateVersion(ctx: AtticContext, c: Context) {
  const { project, collection } = await locate(ctx, c);
  const version = await resolveVersion(ctx.db, collection, param(c, 'version'));
  return { project, collection, version };
}

export function versionRoutes(ctx: AtticContext) {
  const app = new Hono();
  app.get(PREFIX, async (c) => {
    const { project, collection } = await locate(ctx, c);
    const query = parseVersionListQuery(c.req.query());
    return c.json(await listVersions(ctx.db, project, collection, query, pageParams(c)), 200);
  });
  app.get(`${PREFIX}/:version`, async (c) => {
    const { project, collection, version } = await locateVersion(ctx, c);
    const [body] = await toVersions(ctx.db, project, collection, [version]);
    return c.json(body, 200);
  });
  app.get(`${PREFIX}/:version/files`, async (c) => {
    const { version } = await locateVersion(ctx, c);
    return c.json(await listFiles(ctx.db, version.seq, pageParams(c)), 200);
  });
  app.get(`${PREFIX}/:version/files/*`, async (c) => {
    // The file path is everything after .../versions/:version/files/ : counted in segments, since
    // an alias may itself be called "files".
    const segments = c.req.path.split('/');
    const filePath = segments
      .slice(segments.indexOf('projects') + 8)
      .map(safeDecode)
      .join('/');
    // A path no version can hold is the caller's mistake, said as such, not a missing file.
    if (!isValidFilePath(filePath)) throw errors.invalidPath(filePath);
    const { project, collection, version } = await locateVersion(ctx, c);
    const file = await ctx.db
      .selectFrom('version_files')
      .select(['digest', 'size_bytes'])
      .where('version_seq', '=', version.seq)
      .where('path', '=', filePath)
      .executeTakeFirst();
    if (!file) throw errors.fileNotFound(filePath);
    if (version.state === 'DELETED') {
      throw new ApiError(
        410,
        'FILES_GARBAGE_COLLECTED',
        `${collection.name}:v${version.idx} was garbage-collected${version.deleted_at ? ` after its deletion on ${version.deleted_at}` : ''}; its files are gone.`,
        { path: filePath },
      );
    }
    const blob = await ctx.db
      .selectFrom('blobs')
      .select(['generation', 'size_bytes'])
      .where('entity', '=', project.entity)
      .where('digest', '=', file.digest)
      .executeTakeFirst();
    if (!blob && version.state === 'PENDING') throw new ApiError(404, 'FILE_NOT_FOUND', `"${filePath}" has not been uploaded yet.`, { path: filePath });
    // Opened before any header is sent: a file garbage collection took since the lookup (its row,
    // or its file) is a clear 410, never a 200 cut short; once open, its bytes stay readable
    // whatever happens to the file.
    const stream = blob && (await ctx.blobs.read(project.entity, file.digest, blob.generation, blob.size_bytes));
    if (!blob || !stream) {
      throw new ApiError(
        410,
        'FILES_GARBAGE_COLLECTED',
        `"${filePath}" of ${collection.name}:v${version.idx} was just removed by garbage collection; its files are gone.`,
        { path: filePath },
      );
    }
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        // The stored blob's size, never the size the manifest declared.
        'Content-Length': String(blob.size_bytes),
        'Content-Disposition': attachmentDisposition(filePath),
        'X-Content-Digest': `sha256:${file.digest}`,
      },
    });
  });
  return app;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
