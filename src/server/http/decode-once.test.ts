// Names are percent-decoded once: `v%2530` is the name "v%30" (invalid), never "v0". Sent raw,
// since fetch and URL parsers may normalise what an attacker writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing';
import { logFiles } from '../test/log-helpers';
import { errorCode, listen, rawRequest, type Listening } from '../test/raw-http';

let server: TestServer;
let http: Listening;

beforeAll(async () => {
  server = await createTestServer();
  http = await listen(server);
  await logFiles(server, 'dd', 'p', 'c', { 'w.bin': 'weights' }, { aliases: ['prod'] });
  await logFiles(server, 'dd', 'p', 'c', { 'w.bin': 'more weights' });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

async function versionState(ref: string): Promise<string> {
  return ((await (await server.fetch(`/api/v1/projects/dd/p/collections/c/versions/${ref}`)).json()) as { state: string }).state;
}

describe('percent-decoding happens once', () => {
  it('DELETE .../d%2564/p/collections/%2563/versions/v%2530?deleteAliases=true is INVALID_NAME and deletes nothing', async () => {
    const answer = await rawRequest(http, { method: 'DELETE', path: '/api/v1/projects/d%2564/p/collections/%2563/versions/v%2530?deleteAliases=true' });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('INVALID_NAME');
    expect(await versionState('v0')).toBe('COMMITTED');
  });

  it.each([
    ['the version', '/api/v1/projects/dd/p/collections/c/versions/v%2530?deleteAliases=true'],
    ['the collection', '/api/v1/projects/dd/p/collections/%2563/versions/v0?deleteAliases=true'],
    ['the entity', '/api/v1/projects/d%2564/p/collections/c/versions/v0?deleteAliases=true'],
  ])('a doubly encoded name in %s never reaches the decoded name', async (_, path) => {
    const answer = await rawRequest(http, { method: 'DELETE', path });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(await versionState('v0')).toBe('COMMITTED');
  });

  it('a singly encoded name is decoded: %64d is dd, v%30 is v0', async () => {
    const answer = await rawRequest(http, { path: '/api/v1/projects/%64d/p/collections/c/versions/v%30' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).version).toBe('v0');
  });

  it('file paths are decoded once too: "a%2530" downloads the file named "a%30"', async () => {
    await logFiles(server, 'dd', 'files', 'f', { 'a%30': 'percent', a0: 'zero' });
    const percent = await rawRequest(http, { path: '/api/v1/projects/dd/files/collections/f/versions/v0/files/a%2530' });
    expect(percent.text).toBe('percent');
    const zero = await rawRequest(http, { path: '/api/v1/projects/dd/files/collections/f/versions/v0/files/a%30' });
    expect(zero.text).toBe('zero');
  });
});
