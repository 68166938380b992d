// The seed's four recipes in examples/, each run against a real server listening on a port:
// one as the script a user runs (`node --import tsx examples/x.ts` with ATTIC_URL), the others
// through their main(), and their effect checked through the API.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as deleteCollection } from '../../examples/delete-collection';
import { main as deleteRunArtifactsByName } from '../../examples/delete-run-artifacts-by-name';
import { main as deleteUnaliasedVersions } from '../../examples/delete-unaliased-versions';
import { createTestServer, TEST_ADMIN_KEY, type TestServer } from '../server/testing';
import { Api } from './api';
import { TypeMismatchError } from './errors';
import { logMnistFixture, versionLabels } from './mnist-fixture';

let server: TestServer;
let listening: ServerType;
let baseUrl: string;
let api: Api;

beforeEach(async () => {
  server = await createTestServer();
  await new Promise<void>((resolve) => {
    listening = serve({ fetch: server.handler, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  api = new Api({ baseUrl, apiKey: TEST_ADMIN_KEY, overrides: { entity: 'demo', project: 'mnist' } });
  await logMnistFixture(api.client);
});
afterEach(async () => {
  await new Promise((resolve) => listening.close(resolve));
  await server.close();
});

const labels = (type: string, name: string, state?: 'COMMITTED' | 'PENDING_DELETION') => versionLabels(api, type, name, state);

/** Runs an example as a user does; resolves with its exit code and output once it has exited. */
function runScript(file: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the seed’s recipes in examples/', () => {
  it('delete-run-artifacts, run as a script against ATTIC_URL, deletes what the run logged, aliases included', async () => {
    const result = await runScript('examples/delete-run-artifacts.ts', ['demo/mnist/cnn-run-3'], { ATTIC_URL: baseUrl, ATTIC_API_KEY: TEST_ADMIN_KEY });
    expect(result).toMatchObject({ code: 0, stdout: 'deleted cnn:v7\ndeleted cnn:v6\n', stderr: '' });
    expect(await labels('model', 'cnn')).toEqual(['v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
    expect(await labels('model', 'cnn', 'PENDING_DELETION')).toEqual(['v7', 'v6']);
    expect((await api.artifact('cnn:latest')).name).toBe('cnn:v5');
  });

  it('a script that fails names the typed error and exits 1', async () => {
    const result = await runScript('examples/delete-run-artifacts.ts', ['demo/mnist/no-such-run'], { ATTIC_URL: baseUrl, ATTIC_API_KEY: TEST_ADMIN_KEY });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('NotFoundError: Run "no-such-run" logged no artifacts in this project.');
  });

  it('delete-run-artifacts-by-name deletes only the run’s versions whose name ends in v3 or v4', async () => {
    expect(await deleteRunArtifactsByName({ baseUrl, apiKey: TEST_ADMIN_KEY }, ['demo/mnist/cnn-run-1'])).toEqual(['deleted cnn:v3']);
    expect(await labels('model', 'cnn')).toEqual(['v7', 'v6', 'v5', 'v4', 'v2', 'v1', 'v0']);
    // v3's alias went with it (deleteAliases: true).
    expect((await api.artifact('cnn:v3')).data.deletedAliases).toEqual(['best']);
  });

  it('delete-unaliased-versions deletes every version without aliases and keeps the aliased ones', async () => {
    expect(await deleteUnaliasedVersions({ baseUrl, apiKey: TEST_ADMIN_KEY })).toEqual([
      'deleted mnist-train:v3',
      'deleted mnist-train:v2',
      'deleted mnist-train:v0',
    ]);
    expect(await labels('dataset', 'mnist-train')).toEqual(['v4', 'v1']);
    expect(await labels('dataset', 'mnist-train', 'PENDING_DELETION')).toEqual(['v3', 'v2', 'v0']);
  });

  it('delete-collection deletes the collection; named with another type it deletes nothing', async () => {
    await expect(deleteCollection({ baseUrl, apiKey: TEST_ADMIN_KEY }, ['model', 'demo/mnist/mnist-test'])).rejects.toBeInstanceOf(TypeMismatchError);
    expect(await labels('dataset', 'mnist-test')).toEqual(['v2', 'v1', 'v0']);
    const [line] = await deleteCollection({ baseUrl, apiKey: TEST_ADMIN_KEY });
    expect(line).toMatch(/^deleted mnist-test \(3 versions\)/);
    expect((await api.artifactCollection('dataset', 'mnist-test')).state).toBe('DELETED');
    expect(await labels('dataset', 'mnist-test', 'PENDING_DELETION')).toEqual(['v2', 'v1', 'v0']);
  });
});
