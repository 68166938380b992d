/**
 * Tests only: a real S3-compatible server (s3rver, s3-server-child.mjs) in a child process on
 * loopback, spoken to only through the AWS SDK. Start one per test file (beforeAll) and take a fresh
 * bucket per Attic server (`newBucket`): starting the process costs far more than a bucket.
 *
 * Known differences from S3 that tests must not trip over: s3rver keeps no object versions (see
 * s3-server-child.mjs for the versioning setting), and it pages listings in directory order, so a
 * listing longer than a page (1000 keys) skips keys when one entity's name is another's followed by
 * '-' or '.' (S3 sorts "e-b/" before "e/"; s3rver walks "e" before "e-b").
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 's3-server-child.mjs');

/** s3rver's built-in account. */
const ACCESS_KEY = 'S3RVER';

export interface S3Bucket {
  bucket: string;
  /** What an Attic server needs to keep its blobs in this bucket (under the prefix `attic`). */
  env: Record<string, string>;
}

export interface S3TestServer extends S3Bucket {
  endpoint: string;
  /** A client of this server with the same settings as Attic's, to look at the bucket as it is. */
  client: S3Client;
  /** Another empty bucket on the same server. */
  newBucket(): Promise<S3Bucket>;
  stop(): Promise<void>;
}

let buckets = 0;

/** `versioning: 'notImplemented'`: GetBucketVersioning answers 501, as on servers without versioning. */
export async function startS3Server(options: { versioning?: 'emulated' | 'notImplemented' } = {}): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'attic-s3-'));
  // s3rver makes ListObjectsV2 continuation tokens with DES, which Node 17+ (OpenSSL 3) offers only
  // through its legacy provider: without it, every listing longer than a page fails.
  const child = spawn(
    process.execPath,
    ['--openssl-legacy-provider', CHILD, directory, ...(options.versioning === 'notImplemented' ? ['--versioning-not-implemented'] : [])],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    exited.then((code) => reject(new Error(`the S3 test server exited (${code}) before it listened: ${stderr}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const region = 'us-east-1';
  const client = new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  async function newBucket(): Promise<S3Bucket> {
    // Unique across the test files' processes too: a bucket per server, never one reused.
    const bucket = `attic-${process.pid}-${++buckets}-${Math.random().toString(36).slice(2, 8)}`;
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    return {
      bucket,
      env: {
        BLOB_STORE_URL: `s3://${bucket}/attic`,
        S3_ENDPOINT: endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        AWS_ACCESS_KEY_ID: ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY: ACCESS_KEY,
        AWS_REGION: region,
      },
    };
  }

  const first = await newBucket();
  return {
    ...first,
    endpoint,
    client,
    newBucket,
    async stop() {
      client.destroy();
      // Closing its standard input stops the server; a kill follows if it has not stopped by then.
      child.stdin.end();
      const code = await Promise.race([exited, new Promise<'slow'>((resolve) => setTimeout(() => resolve('slow'), 5000).unref())]);
      if (code === 'slow') {
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
