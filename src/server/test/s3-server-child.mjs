// Tests only: an S3-compatible server (s3rver) in its own process on 127.0.0.1, a random port, files
// under the directory given as the first argument. Prints `{"port":N}` on one line once it listens,
// and stops when its standard input closes (the test process that started it stopped or died).
//
// s3rver has no bucket versioning: it refuses PutBucketVersioning and answers GetBucketVersioning
// with a bucket listing (which the SDK reads as "never enabled"). This server keeps each bucket's
// versioning *status* as S3 would (PUT sets it, GET reports it, a new bucket reports none), so a test
// can turn versioning on through the SDK and see Attic read it. It keeps no object versions: only the
// setting Attic reads is emulated. Started with --versioning-not-implemented, it answers both with
// 501 NotImplemented instead, as S3-compatible servers without versioning do.
//
// S3 sets an object's LastModified when it is written; tests of the orphan sweep need objects that
// look written hours ago. A PutObject carrying the metadata `attic-test-modified-at` (milliseconds
// since the epoch) gets that LastModified: s3rver reports its object file's modification time.
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync, utimesSync } from 'node:fs';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';

const [directory, ...flags] = process.argv.slice(2);
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, allowMismatchedSignatures: false });

{
  const notImplemented = flags.includes('--versioning-not-implemented');
  const statusOf = new Map();
  const versioningRoute = async (ctx, next) => {
    const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    if (!bucket || !('versioning' in ctx.query) || (ctx.method !== 'GET' && ctx.method !== 'PUT')) return next();
    if (notImplemented) {
      ctx.status = 501;
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>A parameter you provided implies functionality that is not implemented</Message></Error>';
      return;
    }
    if (ctx.method === 'PUT') {
      let body = '';
      for await (const chunk of ctx.req) body += chunk;
      const status = /<Status>(Enabled|Suspended)<\/Status>/.exec(body)?.[1];
      if (status) statusOf.set(bucket, status);
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    const status = statusOf.get(bucket);
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${status ? `<Status>${status}</Status>` : ''}</VersioningConfiguration>`;
  };
  // First in the chain: s3rver's router would refuse the request.
  server.middleware.unshift(versioningRoute);
}

// s3rver removes a key's directories once they are empty after a delete. An upload into the same
// directory at that moment has just made it and then finds it gone: the write stream's ENOENT is
// thrown outside any handler and the whole process dies. Deletes here leave directories in place
// (listings walk the objects' files, so an empty directory lists nothing).
server.store.deleteObject = async function deleteObject(bucket, key) {
  await Promise.all(
    ['object', 'object.md5', 'metadata.json'].map((resource) =>
      unlink(this.getResourcePath(bucket, key, resource)).catch((error) => {
        if (error.code !== 'ENOENT') throw error;
      }),
    ),
  );
};

// s3rver answers a PutObject once the bytes are handed to the file's write stream, not once the file
// holds them (it waits for its hashing stream only, or for nothing with a buffer). A CopyObject sent
// right after, as Attic copies each upload from its staging key, could then copy a file still empty
// or short: a crash test once found a 0-byte object whose row said 72 bytes. S3 answers once the
// object is stored; so does this server: the answer waits for the file to be written and closed.
// A multipart upload's parts likewise, before CompleteMultipartUpload reads them.
async function writeFully(file, content) {
  await mkdir(path.dirname(file), { recursive: true });
  const md5 = createHash('md5');
  let size = 0;
  const counting = new Transform({
    transform(chunk, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  await pipeline(source, counting, createWriteStream(file));
  return { size, md5: md5.digest('hex') };
}
server.store.putObject = async function putObject(object) {
  const written = await writeFully(this.getResourcePath(object.bucket, object.key, 'object'), object.content);
  await this.putMetadata(object.bucket, object.key, object.metadata, written.md5);
  return written;
};
server.store.putPart = async function putPart(bucket, uploadId, partNumber, content) {
  const partPath = path.join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId, partNumber.toString());
  const written = await writeFully(partPath, content);
  await writeFile(`${partPath}.md5`, written.md5);
  return written;
};

server.middleware.unshift(async (ctx, next) => {
  await next();
  const modifiedAt = Number(ctx.get('x-amz-meta-attic-test-modified-at'));
  if (ctx.method !== 'PUT' || !modifiedAt || ctx.get('x-amz-copy-source') || ctx.status !== 200) return;
  // s3rver's file for the object (path-style request): <directory>/<bucket>/<key>._S3rver_object.
  const [bucket, ...key] = ctx.path.slice(1).split('/').map(decodeURIComponent);
  const file = path.join(directory, bucket, ...key.slice(0, -1), `${key.at(-1)}._S3rver_object`);
  utimesSync(file, new Date(modifiedAt), new Date(modifiedAt));
});

const address = await server.run();
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
process.stdin.resume();
// Its files go with it: the test process that started it may be gone without cleaning up.
const stop = () => {
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', () => {
  server.close().finally(stop);
});
process.stdin.on('error', stop);
