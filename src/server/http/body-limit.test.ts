// MAX_JSON_BYTES on every JSON route, held while the body streams in: a chunked body without a
// Content-Length, sent over a raw socket, is answered 413 and cut off long before it ends.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, TEST_ADMIN_KEY } from '../testing';
import { json, logFiles } from '../test/log-helpers';
import { errorCode, listen, rawRequest, type Listening } from '../test/raw-http';

const LIMIT = 64 * 1024;
/** Far more than the limit, so that a server reading the whole body is told apart from one that stops. */
const ATTEMPTED = 128 * 1024 * 1024;

let server: TestServer;
let http: Listening;

beforeAll(async () => {
  server = await createTestServer({ MAX_JSON_BYTES: String(LIMIT) });
  http = await listen(server);
  await logFiles(server, 'e', 'p', 'data', { a: 'x' });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

interface Outcome {
  statusLine: string;
  body: string;
  bytesWritten: number;
}

/** Streams a chunked JSON body of `ATTEMPTED` bytes until the server answers and closes, or all of it is sent. */
function streamChunked(method: string, path: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(http.port, '127.0.0.1');
    let answer = '';
    let bytesWritten = 0;
    let closed = false;
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server hangs up: expected.
    socket.on('close', () => {
      closed = true;
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ statusLine: head.split('\r\n')[0] ?? '', body, bytesWritten });
    });
    socket.on('connect', async () => {
      try {
        socket.write(
          `${method} ${path} HTTP/1.1\r\nHost: ${http.host}\r\nAuthorization: Bearer ${TEST_ADMIN_KEY}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        );
        // A JSON string that never ends: `{"items":"aaaa...`
        const opening = '{"items":"';
        socket.write(`${opening.length.toString(16)}\r\n${opening}\r\n`);
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
        while (!closed && bytesWritten < ATTEMPTED) {
          bytesWritten += chunk.length;
          if (!socket.write(frame))
            await new Promise((r) => {
              socket.once('drain', r);
              socket.once('close', r);
            });
        }
        if (!closed) socket.end('0\r\n\r\n');
      } catch (error) {
        reject(error);
      }
    });
  });
}

describe('one JSON body limit, enforced while streaming', () => {
  it.each([
    ['POST', '/api/v1/projects/e/p/bulk-delete'],
    ['POST', '/api/v1/projects/e/p/bulk-restore'],
    ['POST', '/api/v1/gc/runs'],
    ['PUT', '/api/v1/projects/e/p/settings'],
    ['PUT', '/api/v1/projects/e/p/collections/data/versions/v0/ttl'],
    ['POST', '/api/v1/projects/e/p/artifacts'],
    ['POST', '/api/v1/projects/e/p/collections/data/versions/v0/restore'],
  ])('%s %s: a chunked body past MAX_JSON_BYTES is 413 and the connection is cut off', async (method, path) => {
    const outcome = await streamChunked(method, path);
    expect(outcome.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(outcome.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    // The server stopped reading: most of the body was never sent (the OS buffers a few MB at most).
    expect(outcome.bytesWritten).toBeLessThan(ATTEMPTED / 4);
  });

  it('a Content-Length past the limit is refused before the body is read', async () => {
    const answer = await rawRequest(http, {
      method: 'PUT',
      path: '/api/v1/projects/e/p/settings',
      headers: { 'content-type': 'application/json' },
      body: `{"defaultTtlDays":1,"pad":"${'a'.repeat(LIMIT)}"}`,
    });
    expect(answer.status).toBe(413);
    expect(errorCode(answer)).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.parse(answer.text).error.message).toContain('MAX_JSON_BYTES');
    const settings = await server.fetch('/api/v1/projects/e/p/settings', json('PUT', { defaultTtlDays: null }));
    expect(settings.status).toBe(200);
  });

  it('a body just under the limit is read as usual', async () => {
    const body = JSON.stringify({ defaultTtlDays: 3, pad: 'a'.repeat(LIMIT - 100) });
    const answer = await rawRequest(http, { method: 'PUT', path: '/api/v1/projects/e/p/settings', headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(200);
  });
});
