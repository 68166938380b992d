/**
 * Three servers on one PostgreSQL database and one bucket behave as one (issue 12): logging on all
 * while a garbage-collection run goes on one; that server is killed (SIGKILL) in the middle of the
 * run, with files already moved to the trash and their rows not yet dropped; another server takes
 * the run over once the dead one's lease has lapsed and finishes it. Afterwards every file of every
 * version not purged reads back byte for byte, the version numbers are gapless, and the store's
 * figures match the bucket's objects. Real servers, a real database, a real S3-compatible server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcRun, GcStatus, Page, Version } from '../../domain';
import { postgresDialect } from '../store/postgres';
import type { Database } from '../store/schema';
import { startChildServer, type ChildServer } from '../test/child-server';
import { json, logFiles, sha, type Target } from '../test/log-helpers';
import { startS3Server, type S3TestServer } from '../test/s3-server';
import { sharedPostgres, type SharedPostgres } from '../test/shared-postgres';

const VERSIONS = 120;
const dirs: string[] = [];
const servers: ChildServer[] = [];
let s3: S3TestServer;
let env: Record<string, string>;
let database: SharedPostgres;

beforeAll(async () => {
  s3 = await startS3Server();
  database = await sharedPostgres();
  env = {
    ...s3.env,
    DATABASE_URL: database.url,
    GC_GRACE_SECONDS: '0',
    GC_INTERVAL_SECONDS: '86400',
    TTL_INTERVAL_SECONDS: '86400',
    GC_UPLOAD_WINDOW_SECONDS: '86400',
    LEASE_SECONDS: '2',
  };
}, 60_000);

afterAll(async () => {
  for (const server of servers) await server.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await database?.drop();
  await s3?.stop();
});

/** A server of the fleet: its own DATA_DIR (nothing shared there), the fleet's database and bucket. */
async function startServer(extra: Record<string, string> = {}): Promise<ChildServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'attic-fleet-'));
  dirs.push(dataDir);
  const server = await startChildServer({ ...env, ...extra, DATA_DIR: dataDir });
  servers.push(server);
  return server;
}

const contentOf = (key: string) => `${key} `.repeat(6);
/** Version i of collection c(i%3): a file of its own, and one shared with its neighbour. */
const filesOf = (i: number) => ({ own: contentOf(`own-${i}`), shared: contentOf(`shared-${Math.floor(i / 2)}`) });

async function getJson<T>(t: Target, url: string, init?: RequestInit): Promise<T> {
  return (await (await t.fetch(url, init)).json()) as T;
}

/** Logs version after version of `w-<name>`, each re-referencing a deleted version's own file, until `stop()` says so. */
function writer(t: Target, name: string, stop: () => boolean): Promise<number> {
  return (async () => {
    let n = 0;
    for (let j = 0; !stop() || n < 3; j++) {
      const version = await logFiles(t, 'e', 'p', `w-${name}`, { garbage: filesOf((j * 7) % VERSIONS).own, fresh: contentOf(`${name}-${j}`) });
      expect(version.state).toBe('COMMITTED');
      n++;
    }
    return n;
  })();
}

async function liveFilesReadBack(t: Target, collections: string[]): Promise<number> {
  let checked = 0;
  for (const collection of collections) {
    const page = await getJson<Page<Version>>(t, `/api/v1/projects/e/p/collections/${collection}/versions?state=ALL&limit=500`);
    // A version the killed server was logging may stay PENDING, without a number.
    const numbered = page.items.filter((v) => v.version !== null);
    const indices = numbered.map((v) => Number(v.version!.slice(1))).sort((a, b) => a - b);
    // Gapless: logs on several servers at once never took the same number nor skipped one.
    expect(indices, collection).toEqual(indices.map((_, k) => k));
    for (const v of numbered.filter((x) => x.state !== 'DELETED')) {
      const files = await getJson<Page<{ path: string; digest: string }>>(t, `/api/v1/projects/e/p/collections/${collection}/versions/${v.version}/files`);
      for (const f of files.items) {
        const res = await t.fetch(`/api/v1/projects/e/p/collections/${collection}/versions/${v.version}/files/${f.path}`);
        expect(res.status, `${collection}:${v.version} ${f.path}`).toBe(200);
        expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(f.digest);
        checked++;
      }
    }
  }
  return checked;
}

interface StoredObject {
  key: string;
  size: number;
  modified: number;
}

async function bucketObjects(prefix: string): Promise<StoredObject[]> {
  const objects: StoredObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) objects.push({ key: o.Key!.slice(prefix.length), size: o.Size ?? 0, modified: o.LastModified!.getTime() });
    token = page.NextContinuationToken;
  } while (token);
  return objects;
}

const bytesOf = (objects: { size: number }[]) => objects.reduce((sum, o) => sum + o.size, 0);

describe('several servers on one database and bucket', () => {
  it('keep every live file and gapless versions through a SIGKILL of the server running GC, which another resumes and finishes', async () => {
    // The GC server holds after moving its first batch of files to the trash, before dropping their rows.
    const a = await startServer({ ATTIC_TEST_HOLD: 'gc:after:trash:1' });
    const b = await startServer();
    const c = await startServer();
    const loggers = [a, b, c];
    await Promise.all(
      [0, 1, 2].map(async (k) => {
        for (let i = k; i < VERSIONS; i += 3) await logFiles(loggers[k]!, 'e', 'p', `c${i % 3}`, filesOf(i));
      }),
    );
    // Every version but each fourth of each collection is deleted: their own files become garbage.
    for (let i = 0; i < VERSIONS; i++) {
      const idx = Math.floor(i / 3);
      if (idx % 4 === 0) continue;
      const res = await b.fetch(`/api/v1/projects/e/p/collections/c${i % 3}/versions/v${idx}?deleteAliases=true`, { method: 'DELETE' });
      expect(res.status).toBe(200);
    }
    const dry = await getJson<GcRun>(b, '/api/v1/gc/runs', json('POST', { dryRun: true }));
    expect(dry.blobsDeleted).toBeGreaterThan(50);

    let stopWriting = false;
    // The writer on the server that is killed fails with it, which is all it may do.
    const writerOnA = writer(a, 'a', () => stopWriting).catch(() => -1);
    const writers = [writer(b, 'b', () => stopWriting), writer(c, 'c', () => stopWriting)];
    const started = await a.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    expect(started.status).toBe(202);
    const run = (await started.json()) as GcRun;
    await a.printed('[attic] test hold: gc:after:trash:1');

    // One run at a time across the fleet: the others see it running and refuse a second one.
    expect((await getJson<GcStatus>(c, '/api/v1/gc')).running).toMatchObject({ id: run.id, status: 'running' });
    const second = await b.fetch('/api/v1/gc/runs', json('POST', { dryRun: false }));
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { code: string; details: { runId: string } } }).error).toMatchObject({
      code: 'GC_RUNNING',
      details: { runId: run.id },
    });

    await a.kill();
    const killedAt = Date.now();
    servers.splice(servers.indexOf(a), 1);
    // Another server takes the run over once the dead one's lease lapses, and finishes it.
    let finished: GcRun;
    for (;;) {
      finished = await getJson<GcRun>(b, `/api/v1/gc/runs/${run.id}`);
      if (finished.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    stopWriting = true;
    const written = await Promise.all(writers);
    expect(written.every((n) => n >= 3)).toBe(true);
    await writerOnA;
    expect(finished).toMatchObject({ status: 'succeeded', versionsPurged: dry.versionsPurged });
    expect((finished.log ?? []).map((l) => l.message).join('\n')).toMatch(/Resumed by server srv_\w+: the server running it \(srv_\w+\) stopped answering\./);
    expect((await getJson<GcStatus>(c, '/api/v1/gc')).running).toBeNull();

    // Nothing a version not purged needs was lost, whichever server wrote it.
    const checked = await liveFilesReadBack(b, ['c0', 'c1', 'c2', 'w-a', 'w-b', 'w-c']);
    expect(checked).toBeGreaterThan(VERSIONS / 2);

    // The store's figures are the bucket's: live blobs and the trash, object for object.
    const db = new Kysely<Database>({ dialect: postgresDialect(env.DATABASE_URL!).dialect });
    try {
      const rows = await db.selectFrom('blobs').select(['entity', 'digest', 'generation', 'size_bytes']).execute();
      const stored = new Map((await bucketObjects('attic/blobs/')).map((o) => [o.key, o]));
      // Every blob row has its object, of its size.
      for (const r of rows) expect(stored.get(`${r.entity}/${r.digest.slice(0, 2)}/${r.digest}.${r.generation}`)?.size, r.digest).toBe(r.size_bytes);
      // An object no row knows can only be an upload the killed server had in flight (its writer
      // uploads one blob at a time): written before the kill, left for the sweep now due.
      const known = new Set(rows.map((r) => `${r.entity}/${r.digest.slice(0, 2)}/${r.digest}.${r.generation}`));
      const unknown = [...stored.values()].filter((o) => !known.has(o.key));
      expect(unknown.length).toBeLessThanOrEqual(1);
      for (const o of unknown) expect(o.modified).toBeLessThanOrEqual(killedAt);
      expect(bytesOf([...stored.values()]) - bytesOf(unknown)).toBe(bytesOf(rows.map((r) => ({ size: r.size_bytes }))));
      const status = await getJson<GcStatus>(c, '/api/v1/gc');
      const trash = await bucketObjects('attic/trash/');
      expect(bytesOf(trash)).toBe(status.trashBytes);
      expect(trash.length).toBeGreaterThanOrEqual(finished.blobsDeleted);
      expect(
        Number(
          (
            await db
              .selectFrom('gc_deleting')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
      // The dead server left the fleet, and the files its cut-off uploads may have left are due a sweep.
      expect((await db.selectFrom('servers').select('id').execute()).length).toBe(2);
      expect(await db.selectFrom('server_state').select('value').where('key', '=', 'orphan_sweep_since').executeTakeFirst()).toBeDefined();
    } finally {
      await db.destroy();
    }
  }, 240_000);
});
