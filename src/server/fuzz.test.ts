// The fuzzing that found most of issue 7, kept: random names (percent-encodings, unicode, "..",
// control characters), random bodies and content types, Origins and Hosts, over every route.
// Whatever comes in: never a 5xx; a 4xx has the error shape and changes nothing; no file is
// written outside DATA_DIR. Fixed seed and bounded count, so a failure reproduces.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME_PATTERN } from '../domain/names';
import { createTestServer, type TestServer } from './testing';
import { logFiles, sha } from './test/log-helpers';
import { storedFiles } from './test/stored-files';

const SEED = 20261129;
const RUNS = 500;

const ROUTES: [method: string, template: string][] = [
  ['GET', '/health'],
  ['GET', '/projects'],
  ['GET', '/projects/:e/:p/types'],
  ['GET', '/projects/:e/:p/collections'],
  ['GET', '/projects/:e/:p/collections/:c'],
  ['GET', '/projects/:e/:p/collections/:c/versions'],
  ['GET', '/projects/:e/:p/collections/:c/versions/:v'],
  ['GET', '/projects/:e/:p/collections/:c/versions/:v/files'],
  ['GET', '/projects/:e/:p/collections/:c/versions/:v/files/:f'],
  ['GET', '/projects/:e/:p/collections/:c/versions/:v/deletion-preview'],
  ['GET', '/projects/:e/:p/collections/:c/deletion-preview'],
  ['GET', '/projects/:e/:p/runs/:r/logged-artifacts'],
  ['GET', '/projects/:e/:p/pending-deletion'],
  ['GET', '/projects/:e/:p/storage'],
  ['GET', '/gc'],
  ['GET', '/gc/runs'],
  ['GET', '/gc/runs/:r'],
  ['POST', '/projects/:e/:p/artifacts'],
  ['PUT', '/projects/:e/:p/blobs/:d'],
  ['POST', '/projects/:e/:p/artifacts/:r/commit'],
  ['DELETE', '/projects/:e/:p/collections/:c/versions/:v'],
  ['POST', '/projects/:e/:p/collections/:c/versions/:v/restore'],
  ['DELETE', '/projects/:e/:p/collections/:c'],
  ['POST', '/projects/:e/:p/collections/:c/restore'],
  ['POST', '/projects/:e/:p/bulk-delete'],
  ['POST', '/projects/:e/:p/bulk-restore'],
  ['POST', '/gc/runs'],
  ['PUT', '/projects/:e/:p/collections/:c/versions/:v/ttl'],
  ['PUT', '/projects/:e/:p/settings'],
  ['PATCH', '/projects/:e/:p/settings'],
];

const KNOWN = ['e', 'p', 'data', 'model', 'dataset', 'v0', 'v1', 'v2', 'latest', 'prod', 'a.txt', 'dir/b.bin'];
const NASTY = [
  '..',
  '.',
  '%2e%2e',
  '..%2F..%2Fetc',
  '%2F',
  '%252F',
  'v%2530',
  '%2564',
  '%00',
  'a%0Ab',
  '%E2%80%AE',
  '%FF',
  '%',
  'CON',
  'a'.repeat(200),
  'v-1',
  'v01',
  'latest%00',
];

const name = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._%-]{1,16}$/) },
);
/** How a name goes into the URL: as it is (the URL parser makes of it what it will), encoded once, or twice. */
const spelled = fc
  .tuple(name, fc.constantFrom('raw', 'raw', 'encoded', 'encoded', 'twice'))
  .map(([n, how]) => (how === 'raw' ? n : how === 'encoded' ? encodeURIComponent(n) : encodeURIComponent(encodeURIComponent(n))));

const manifest = fc.record(
  {
    type: name,
    name,
    aliases: fc.array(name, { maxLength: 3 }),
    runId: fc.oneof(name, fc.constant(null)),
    files: fc.array(
      fc.record({
        path: fc.oneof(name, fc.constant('a.txt')),
        digest: fc.oneof(fc.constant(sha('alpha')), fc.string({ maxLength: 70 })),
        sizeBytes: fc.oneof(fc.nat(), fc.integer(), fc.double()),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);
const items = fc.array(fc.record({ collection: name, version: name }, { requiredKeys: [] }), { maxLength: 4 });
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  manifest.map((m) => JSON.stringify(m)),
  fc.record({ items, deleteAliases: fc.oneof(fc.boolean(), fc.string()) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.record({ dryRun: fc.oneof(fc.boolean(), fc.constant('yes')) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc
    .record(
      { mode: fc.constantFrom('custom', 'inherit', 'disabled', 'forever'), days: fc.oneof(fc.double(), fc.constant(null), fc.string()) },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  fc.record({ defaultTtlDays: fc.oneof(fc.double(), fc.constant(null), fc.string()) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.string({ maxLength: 40 }),
);

/** `usual` nine times in ten: the checks at the door must not stop every request before the routes. */
function mostly<T, U>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: unusual });
}

/** Every character as %XX: one decoding gives the name back. */
const percentEncoded = (n: string) => Array.from(new TextEncoder().encode(n), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * Each route parameter: most often a name that exists (so that requests reach the handlers),
 * sometimes that name percent-encoded once (the same name) or twice (`v0` as `%2576%2530`, which
 * is "%76%30" once decoded: not a name), else anything.
 */
const USUAL: Record<string, string[]> = {
  e: ['e'],
  p: ['p'],
  c: ['data', 'model'],
  v: ['v0', 'v1', 'v2', 'latest', 'prod'],
  f: ['a.txt', 'dir/b.bin'],
  r: ['r1'],
  d: [sha('alpha')],
};
const slot = (letter: string) => {
  const usual = fc.constantFrom(...(USUAL[letter] ?? ['x']));
  return fc.oneof(
    { weight: 6, arbitrary: usual },
    { weight: 1, arbitrary: usual.map(percentEncoded) },
    { weight: 1, arbitrary: usual.map((n) => encodeURIComponent(percentEncoded(n))) },
    { weight: 3, arbitrary: spelled },
  );
};

/** Whether a name in the URL, decoded once, must be refused: the oracle for "decode once" (issue 7, item 6). */
function mustBeRefused(spelledName: string): boolean {
  // Only names that stay one path segment: "/", "?", "#" and dot segments change the route itself.
  if (!/^[A-Za-z0-9._~%-]+$/.test(spelledName)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(spelledName);
  } catch {
    return false;
  }
  return decoded !== '.' && decoded !== '..' && !NAME_PATTERN.test(decoded);
}
const params = fc.record(Object.fromEntries(Object.keys(USUAL).map((letter) => [letter, slot(letter)])) as Record<string, fc.Arbitrary<string>>);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  params,
  query: fc.constantFrom(
    '',
    '',
    '?deleteAliases=true',
    '?deleteAliases=maybe',
    '?limit=abc',
    '?limit=0',
    '?limit=501',
    '?cursor=zzz',
    '?state=ALL',
    '?state=bogus',
    '?type=%00',
  ),
  body,
  contentType: mostly(
    fc.constantFrom('application/json', 'application/json; charset=utf-8'),
    fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream'),
  ),
  origin: mostly(fc.constantFrom(undefined, undefined, 'http://localhost'), fc.constantFrom('http://evil.example', 'null', 'http://localhost:1')),
  host: mostly(fc.constantFrom(undefined, undefined, '127.0.0.1:8080'), fc.constantFrom('evil.example', '127.0.0.1.nip.io', 'a b', '')),
  digestOfBody: fc.boolean(),
});
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toFetch(r: FuzzRequest): { url: string; init: RequestInit } {
  const [method, template] = r.route;
  let url = template.replace(/:(\w)/g, (_, which: string) => (which === 'd' && r.digestOfBody ? sha(r.body ?? '') : (r.params[which] ?? 'x')));
  url = `/api/v1${url}${r.query}`;
  const headers: Record<string, string> = {};
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.origin) headers.origin = r.origin;
  if (r.host) headers.host = r.host;
  const withBody = method !== 'GET' && r.body !== undefined;
  return { url, init: { method, headers, body: withBody ? r.body : undefined } };
}

let root: string;
let dataDir: string;
let server: TestServer;

/**
 * What records requests rather than state: a refusal is written to the audit log by design (checked
 * apart: never as a success), and a key's last use is stamped whatever the answer.
 */
// `servers`: each server's heartbeat moves on its own (fleet/fleet.ts).
const REQUEST_RECORDS = new Set(['audit_log', 'sqlite_sequence', 'login_failures', 'servers']);

async function successEntries(): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE outcome = 'success'`.execute(server.ctx.db);
  return Number(row.rows[0]!.n);
}

/**
 * Every row of every table, every file in DATA_DIR but the database's own, and every stored blob
 * (the same files on SQLite; the bucket's keys on S3): what a refused request may not change.
 */
async function snapshot(): Promise<string> {
  const tables = await server.ctx.db.introspection.getTables({ withInternalKyselyTables: true });
  const rows: Record<string, string[]> = {};
  for (const table of tables.map((t) => t.name).sort()) {
    if (REQUEST_RECORDS.has(table)) continue;
    rows[table] = (await sql`SELECT * FROM ${sql.table(table)}`.execute(server.ctx.db)).rows
      .map((row) => JSON.stringify(table === 'api_keys' ? { ...(row as object), last_used_at: null } : row))
      .sort();
  }
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.name.startsWith('attic.'))
    .map((d) => `${path.relative(dataDir, path.join(d.parentPath, d.name))}:${statSync(path.join(d.parentPath, d.name)).size}`)
    .sort();
  const stored: string[] = [];
  for (const area of ['blobs', 'trash', 'tmp'] as const) for (const f of await storedFiles(dataDir, area)) stored.push(`${area}/${f.path}:${f.sizeBytes}`);
  return JSON.stringify({ rows, files, stored });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'attic-fuzz-'));
  dataDir = path.join(root, 'data');
  // Timers that never fire during the test: nothing but the requests changes the state.
  server = await createTestServer({ DATA_DIR: dataDir, GC_GRACE_SECONDS: '0', GC_INTERVAL_SECONDS: '86400', TTL_INTERVAL_SECONDS: '86400' });
  await logFiles(server, 'e', 'p', 'data', { 'a.txt': 'alpha', 'dir/b.bin': 'beta' }, { aliases: ['prod'] });
  await logFiles(server, 'e', 'p', 'data', { 'a.txt': 'alpha', 'dir/b.bin': 'gamma' });
  await logFiles(server, 'e', 'p', 'model', { 'w.bin': 'weights' }, { type: 'model', runId: 'r1' });
}, 60_000);
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('fuzzing every route', () => {
  it(`${RUNS} random requests: no 5xx, 4xx in the error shape and without effect, nothing outside DATA_DIR`, async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { url, init } = toFetch(r);
        const before = await snapshot();
        const entriesBefore = await successEntries();
        const res = await server.fetch(url, init);
        const text = await res.text();
        await server.gc.engine.idle(); // a run a request started finishes before the next snapshot
        expect(res.status, `${init.method} ${url} answered ${res.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
        const badName = ['e', 'p', 'c', 'v'].find((letter) => r.route[1].includes(`:${letter}`) && mustBeRefused(r.params[letter] ?? ''));
        if (badName) expect(res.status, `${init.method} ${url}: "${r.params[badName]}" is not a name once decoded`).toBeGreaterThanOrEqual(400);
        if (res.status >= 400) {
          refused++;
          const error = (JSON.parse(text) as { error: { code: unknown; message: unknown; details: unknown } }).error;
          expect(error.code).toMatch(/^[A-Z][A-Z_]+$/);
          expect(typeof error.message).toBe('string');
          expect(typeof error.details).toBe('object');
          expect(await snapshot(), `${init.method} ${url} was refused (${res.status}) but changed the state`).toBe(before);
          expect(await successEntries(), `${init.method} ${url} was refused but audited as a success`).toBe(entriesBefore);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The fuzzing reaches past the checks at the door: some requests are refused, and some are not.
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(refused).toBeLessThan(RUNS);
    expect(readdirSync(root)).toEqual(['data']);
    const outside = readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(dataDir, path.join(d.parentPath, d.name)))
      .filter((file) => !/^(attic\.[a-z.-]+|(blobs|trash|tmp)\/.+)$/.test(file));
    expect(outside).toEqual([]);
  }, 120_000);
});
