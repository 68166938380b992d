/**
 * `npm run bench -- --backends=postgres-s3 fleet`: logging throughput of two Attic servers on one
 * PostgreSQL database and one bucket against one server on the same (issue 12). Concurrent clients
 * each log versions of a few small files (create, upload the missing blobs, commit); the line is
 * versions per second with the clients spread over two servers vs all on one, alternating, after
 * a warm-up. Every transaction of every server queues on one advisory lock (decision 178), so the
 * second server can only help with what happens outside transactions: HTTP, JSON, hashing
 * uploads and writing them to the bucket.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StoreBackend } from '../backend';
import { alternate, notes, record, recordError, spread, temp, drop, type BenchSection } from '../harness';
import { startServer, type RunningServer } from '../server';
import { fmtMs, median, progress } from '../stats';

const CLIENTS = Number(process.env.BENCH_FLEET_CLIENTS ?? 8);
const VERSIONS_PER_CLIENT = Number(process.env.BENCH_FLEET_VERSIONS ?? 10);
const FILES_PER_VERSION = 4;
const FILE_BYTES = 4096;
const REPS = Number(process.env.BENCH_FLEET_REPS ?? 3);
const PROJECT = '/api/v1/projects/bench/fleet';

interface LoggedFile {
  path: string;
  digest: string;
  bytes: Buffer;
}

/** Fresh random files for one version (no two versions share a blob: every upload is real work). */
function filesOfVersion(): LoggedFile[] {
  return Array.from({ length: FILES_PER_VERSION }, (_, k) => {
    const bytes = randomBytes(FILE_BYTES);
    return { path: `part-${k}.bin`, digest: createHash('sha256').update(bytes).digest('hex'), bytes };
  });
}

async function expectStatus(res: Response, status: number, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${text.slice(0, 300)}`);
  return text === '' ? null : JSON.parse(text);
}

/** One version as the SDK logs it: create (missing digests back), upload those, commit. */
async function logVersion(url: string, collection: string, files: LoggedFile[]): Promise<void> {
  const created = (await expectStatus(
    await fetch(`${url}${PROJECT}/artifacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'dataset', name: collection, files: files.map((f) => ({ path: f.path, digest: f.digest, sizeBytes: f.bytes.length })) }),
    }),
    201,
    `log into ${collection}`,
  )) as { version: { id: string }; missingDigests: string[] };
  const missing = new Set(created.missingDigests);
  await Promise.all(
    files
      .filter((f) => missing.has(f.digest))
      .map(async (f) =>
        expectStatus(
          await fetch(`${url}${PROJECT}/blobs/${f.digest}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/octet-stream' },
            body: new Uint8Array(f.bytes),
          }),
          201,
          `upload to ${collection}`,
        ),
      ),
  );
  await expectStatus(await fetch(`${url}${PROJECT}/artifacts/${created.version.id}/commit`, { method: 'POST' }), 200, `commit in ${collection}`);
}

/**
 * `CLIENTS` clients, client i on servers[i % servers.length], each logging `versions` versions one
 * after another into its own collection; versions per second over the whole round.
 */
async function round(servers: RunningServer[], tag: string, versions: number): Promise<number> {
  // The files are made before the clock starts: the clients' own hashing is not the servers' work.
  const work = Array.from({ length: CLIENTS }, () => Array.from({ length: versions }, filesOfVersion));
  const started = performance.now();
  await Promise.all(
    work.map(async (versionsOfClient, client) => {
      const url = servers[client % servers.length]!.url;
      for (const files of versionsOfClient) await logVersion(url, `${tag}-c${client}`, files);
    }),
  );
  const ms = performance.now() - started;
  await checkRound(servers[0]!.url, tag, versions);
  return (CLIENTS * versions * 1000) / ms;
}

/** Every client's collection holds its versions, committed, numbered v0..v(n-1) without a gap. */
async function checkRound(url: string, tag: string, versions: number): Promise<void> {
  for (let client = 0; client < CLIENTS; client++) {
    const collection = `${tag}-c${client}`;
    const page = (await expectStatus(await fetch(`${url}${PROJECT}/collections/${collection}/versions?limit=100`), 200, `list ${collection}`)) as {
      items: { version: string; state: string }[];
    };
    const labels = page.items.map((v) => v.version).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const expected = Array.from({ length: versions }, (_, i) => `v${i}`);
    if (labels.join() !== expected.join() || page.items.some((v) => v.state !== 'COMMITTED')) {
      throw new Error(`${collection}: expected ${versions} committed versions v0..v${versions - 1}, got ${labels.join(', ')}`);
    }
  }
}

async function benchFleet(backend: StoreBackend): Promise<void> {
  const measure = `versions logged per second by ${CLIENTS} clients (${FILES_PER_VERSION} files of ${FILE_BYTES / 1024} KiB each), 2 servers on one store vs 1 (median of ${REPS})`;
  console.log(`\n== Fleet: ${measure}, on ${backend.label} ==`);
  const store = await backend.newStore('fleet');
  // Each server has a DATA_DIR of its own (nothing of the store is in it on this backend).
  const dirs = [temp('fleet-a'), temp('fleet-b')];
  const servers: RunningServer[] = [];
  try {
    for (const dir of dirs) servers.push(await startServer(dir, store.env));
    progress(`servers on one schema and one bucket: ${servers.map((s) => `${s.url} (pid ${s.pid})`).join(', ')}`);
    let rounds = 0;
    const one = () => round(servers.slice(0, 1), `one-${++rounds}`, VERSIONS_PER_CLIENT);
    const two = () => round(servers, `two-${++rounds}`, VERSIONS_PER_CLIENT);
    // Warm-up: both servers log (JIT, connection pools, the bucket's first objects).
    await round(servers, 'warm-up', 3);
    const [ones, twos] = await alternate(REPS, one, two);
    progress(`1 server: ${ones.map((v) => v.toFixed(1)).join(', ')} versions/s; 2 servers: ${twos.map((v) => v.toFixed(1)).join(', ')} versions/s`);
    const a = median(ones);
    const b = median(twos);
    record({
      section: 'Fleet',
      measure,
      small: `1 server ${a.toFixed(1)}/s`,
      large: `2 servers ${b.toFixed(1)}/s`,
      ratio: b / a,
      target: 1.3,
      atLeast: true,
    });
    notes.push(
      `Fleet: every transaction of both servers takes the same advisory lock (decision 178), so a second server speeds logging up only by what it does outside transactions (HTTP, JSON, hashing and uploading blobs); on ${backend.label} here each version took ${fmtMs(1000 / a)} of one server's throughput. Spread of one-server rounds: ${spread(ones.map((v) => 1000 / v))} per version.`,
    );
  } catch (error) {
    recordError({ section: 'Fleet', measure, target: 1.3, atLeast: true }, error);
    const tail = servers.map((s) => s.lastOutput().slice(-600)).join('\n---\n');
    if (tail.trim()) console.error(`server output:\n${tail}`);
  } finally {
    for (const server of servers) await server.stop();
    await store.drop();
    for (const dir of dirs) drop(dir);
  }
}

/** Runs only where several servers can share one store. */
export const fleet: BenchSection = { name: 'fleet', backends: ['postgres-s3'], run: benchFleet };
