// `attic delete --filter` / `attic restore --filter` on the deletion jobs, and what every command
// shares (--json, exit codes), against a real server on a temporary DATA_DIR.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeletionDryRunSchema, DeletionJobSchema } from '../../domain';
import { deletionJobRunner } from '../../server/deletion-jobs/runner';
import { createTestServer, type TestServer } from '../../server/testing';
import { AtticClient } from '../attic-client';
import { logMnistFixture } from '../mnist-fixture';
import { runCli } from './commands';
import type { CliIo } from './io';

let server: TestServer;
let attic: AtticClient;
let requests: string[];

beforeEach(async () => {
  server = await createTestServer();
  requests = [];
  attic = new AtticClient({
    baseUrl: '',
    fetch: (path, init) => {
      requests.push(`${init?.method ?? 'GET'} ${path}`);
      return server.fetch(path, init);
    },
  });
  await logMnistFixture(attic);
  requests.length = 0;
});
afterEach(async () => {
  await server.close();
});

interface Run {
  code: number;
  out: string;
  err: string[];
  /** What was drawn on the terminal's stderr, when it was one. */
  tty: string;
}

/** Runs the CLI; `io` adds a terminal (errTTY, confirm) or Ctrl-C. Off a terminal unless it says so. */
async function cli(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let tty = '';
  const code = await runCli(argv, attic, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    pollMs: 5,
    ...io,
    ...(io.errTTY ? { errTTY: (t: string) => (tty += t) } : {}),
  });
  return { code, out: out.join('\n'), err, tty };
}

async function committed(collection: string): Promise<string[]> {
  const out: string[] = [];
  for await (const v of attic.versions('demo/mnist', collection)) out.push(v.data.version!);
  return out;
}

describe('attic delete --filter', () => {
  it('off a terminal with --yes deletes by the job, printing plain progress lines on stderr', async () => {
    const { code, out, err } = await cli(['delete', '--filter', 'demo/mnist', '--no-aliases', '--yes']);
    expect(code).toBe(0);
    expect(out).toMatch(/^deleted 10 of 10 versions of demo\/mnist \(job job_\w+\)\n {2}pending deletion: restorable until garbage collection purges them$/);
    expect(err[0]).toBe('deleting 0 of 10 versions (0 %), 0 refused, queued');
    expect(err.at(-1)).toBe('deleting 10 of 10 versions (100 %), 0 refused, succeeded');
    expect(await committed('cnn')).toEqual(['v7', 'v6', 'v3']);
  });

  it('off a terminal without --yes refuses as a usage error (exit 2) before sending anything', async () => {
    const { code, out, err } = await cli(['delete', '--filter', 'demo/mnist', '--no-aliases']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err[0]).toBe('attic: refusing to delete without confirmation: stdin is not a terminal. Add --yes to delete, or --dry-run to see what would go.');
    expect(requests).toEqual([]);
    expect(await committed('cnn')).toHaveLength(8);
  });

  it('--dry-run says what would go and what it frees, and changes nothing; with --json it is the dry run', async () => {
    const text = await cli(['delete', '--filter', 'demo/mnist/cnn', '--run', 'cnn-run-3', '--dry-run']);
    expect(text).toMatchObject({ code: 0 });
    expect(text.out).toBe(
      'would delete 0 versions of demo/mnist, freeing 0 B once garbage-collected\n' +
        '  2 versions with aliases would be refused (add --delete-aliases to take them): cnn:v7 latest, cnn:v6 prod',
    );
    const json = await cli(['delete', '--filter', 'demo/mnist', '--min-size', '26B', '--dry-run', '--json']);
    expect(json.code).toBe(0);
    // mnist-train's versions are 27 bytes, the others smaller: v1 (prod) and v4 (latest) have aliases.
    expect(DeletionDryRunSchema.parse(JSON.parse(json.out))).toMatchObject({
      versionCount: 5,
      aliases: [
        { version: 'v4', alias: 'latest' },
        { version: 'v1', alias: 'prod' },
      ],
    });
    expect(await committed('mnist-train')).toHaveLength(5);
  });

  it('a job that refuses some versions exits 3 and lists them with the flag that takes them', async () => {
    const { code, out } = await cli(['delete', '--filter', 'demo/mnist', '--run', 'cnn-run-3', '--yes']);
    expect(code).toBe(3);
    expect(out.split('\n').slice(1)).toEqual([
      '  refused 2 versions:',
      '    ALIASES_PRESENT: cnn:v6, cnn:v7',
      '  to delete those with their aliases, run it again with --delete-aliases',
    ]);
    const taken = await cli(['delete', '--filter', 'demo/mnist', '--run', 'cnn-run-3', '--delete-aliases', '--yes', '--json']);
    expect(taken.code).toBe(0);
    expect(DeletionJobSchema.parse(JSON.parse(taken.out))).toMatchObject({ state: 'succeeded', total: 2, done: 2, failed: 0 });
    expect(await committed('cnn')).toEqual(['v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
  });

  it('on a terminal it shows the dry run and asks; "no" changes nothing (exit 130), "yes" draws a live bar', async () => {
    const asked: string[] = [];
    const no = await cli(['delete', '--filter', 'demo/mnist/cnn', '--no-aliases'], {
      errTTY: () => {},
      confirm: async (q) => {
        asked.push(q);
        return false;
      },
    });
    expect(no.code).toBe(130);
    expect(asked).toEqual(['Delete 5 versions of demo/mnist? [y/N] ']);
    expect(no.err).toEqual([
      'would delete 5 versions of demo/mnist, freeing 25 B once garbage-collected',
      '  6 B of their files stays, shared with versions that are kept',
      'nothing was deleted.',
    ]);
    expect(await committed('cnn')).toHaveLength(8);

    const yes = await cli(['delete', '--filter', 'demo/mnist/cnn', '--no-aliases'], { errTTY: () => {}, confirm: async () => true });
    expect(yes.code).toBe(0);
    expect(yes.tty).toContain('\r[..............................] deleting 0 of 5 versions (0 %), 0 refused, queued\x1b[K');
    expect(yes.tty.endsWith('\r[##############################] deleting 5 of 5 versions (100 %), 0 refused, succeeded\x1b[K\n')).toBe(true);
    expect(await committed('cnn')).toEqual(['v7', 'v6', 'v3']);
  });

  it('Ctrl-C cancels the job on the server and exits 130; what it did stays done', async () => {
    await deletionJobRunner(server.ctx).stop();
    let interrupt: (() => void) | undefined;
    const run = cli(['delete', '--filter', 'demo/mnist', '--no-aliases', '--yes'], {
      onInterrupt: (handler) => {
        interrupt = handler;
        return () => {};
      },
      // Ctrl-C as soon as the job is shown queued.
      err: (line) => {
        if (line.startsWith('deleting')) interrupt?.();
      },
    });
    const { code, out } = await run;
    expect(code).toBe(130);
    expect(out).toMatch(/^deleted 0 of 10 versions of demo\/mnist: job job_\w+ was cancelled; what it deleted stays deleted$/);
    expect(await committed('cnn')).toHaveLength(8);
  });

  it('restore --filter brings back what matches, without asking', async () => {
    await cli(['delete', '--filter', 'demo/mnist/cnn', '--run', 'cnn-run-3', '--delete-aliases', '--yes']);
    const { code, out } = await cli(['restore', '--filter', 'demo/mnist', '--run', 'cnn-run-3']);
    expect(code).toBe(0);
    expect(out).toMatch(/^restored 2 of 2 versions of demo\/mnist \(job job_\w+\)$/);
    expect((await attic.artifact('demo/mnist', 'cnn', 'prod')).name).toBe('cnn:v6');
  });

  it.each([
    [['delete', '--filter', 'demo/mnist', '--yes'], '--filter needs at least one condition'],
    [['delete', '--filter', 'demo/mnist', '--min-size', '10XB', '--yes'], '--min-size "10XB" is not a size'],
    [['delete', '--filter', 'demo/mnist', '--created-before', 'yesterday', '--yes'], '--created-before "yesterday" is not a time'],
    [['delete', '--filter', 'demo/mnist', '--created-before', '12/31/2099', '--yes'], '--created-before "12/31/2099" is not a time'],
    [['delete', '--filter', 'demo/mnist', '--created-after', '2026-02-30', '--yes'], '--created-after "2026-02-30" is not a time'],
    [['restore', '--filter', 'demo/mnist', '--created-after', '2026-01-01T10:00'], '--created-after "2026-01-01T10:00" is not a time'],
    [['delete', 'demo/mnist/cnn:v1', '--no-aliases'], '--no-aliases is a filter condition: add --filter'],
    [['delete', '--filter', 'demo/mnist/cnn:v1', '--no-aliases', '--yes'], 'is not a collection address'],
    [['delete', '--filter', 'demo/mnist', '--bogus'], "Unknown option '--bogus'"],
    [['frobnicate'], '"frobnicate" is not a command'],
  ])('%j is a usage error (exit 2), with --json an error document on stdout', async (argv, said) => {
    const text = await cli(argv);
    expect(text).toMatchObject({ code: 2, out: '' });
    expect(text.err[0]).toContain(said);
    const json = await cli([...argv, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toEqual({ error: { code: 'USAGE_ERROR', message: expect.stringContaining(said), details: {} } });
    expect(requests).toEqual([]);
  });

  it('a server 4xx exits 3, a 5xx or an unreachable server exits 1', async () => {
    expect(await cli(['delete', '--filter', 'demo/nope', '--no-aliases', '--yes'])).toMatchObject({
      code: 3,
      err: [`attic: PROJECT_NOT_FOUND: ${await notFoundMessage()}`],
    });
    const broken = new AtticClient({
      baseUrl: '',
      fetch: async () => Response.json({ error: { code: 'INTERNAL', message: 'disk on fire', details: {} } }, { status: 500 }),
    });
    expect(await runCli(['projects'], broken, { out: () => {}, err: () => {} })).toBe(1);
    // A port nothing listens on: one that was free a moment ago.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new AtticClient({ baseUrl: `http://127.0.0.1:${port}` });
    const err: string[] = [];
    const out: string[] = [];
    expect(await runCli(['projects', '--json'], unreachable, { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(1);
    expect(err[0]).toMatch(/^attic: fetch failed \(.*ECONNREFUSED/);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ error: { code: 'FAILURE', message: expect.stringContaining('fetch failed') } });
  });
});

async function notFoundMessage(): Promise<string> {
  const res = await server.fetch('/api/v1/projects/demo/nope/collections');
  return ((await res.json()) as { error: { message: string } }).error.message;
}

describe('--json on every command', () => {
  it('prints one JSON document on stdout: lists as arrays, help as {usage}', async () => {
    const parse = async (...argv: string[]) => {
      const run = await cli([...argv, '--json']);
      expect(run.code).toBe(0);
      return JSON.parse(run.out) as unknown;
    };
    expect(await parse('projects')).toEqual([{ entity: 'demo', project: 'mnist', collectionCount: 3 }]);
    expect(((await parse('versions', 'demo/mnist/cnn')) as { version: string }[]).map((v) => v.version)).toEqual([
      'v7',
      'v6',
      'v5',
      'v4',
      'v3',
      'v2',
      'v1',
      'v0',
    ]);
    expect(await parse('help')).toEqual({ usage: expect.stringContaining('Exit codes') });
    expect(await parse('delete-unaliased', 'demo/mnist/mnist-test', '--dry-run')).toEqual({
      wouldDelete: [
        { name: 'mnist-test:v1', aliases: [] },
        { name: 'mnist-test:v0', aliases: [] },
      ],
    });
    expect(await parse('delete-unaliased', 'demo/mnist/mnist-test')).toEqual({ deleted: ['mnist-test:v1', 'mnist-test:v0'], skipped: [] });
    expect(await parse('gc', 'status')).toMatchObject({ enabled: expect.any(Boolean) });
  });

  it('--help lists the exit codes, the filter flags and ATTIC_API_KEY', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    for (const said of [
      'ATTIC_API_KEY',
      'delete --filter',
      '--min-size SIZE',
      '--not-alias A',
      'Exit codes',
      '130  interrupted',
      '3    refused',
      '2    usage error',
    ])
      expect(out).toContain(said);
  });
});
