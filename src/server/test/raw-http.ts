/**
 * The test server on a real loopback port, and requests sent byte for byte as written: fetch would
 * normalise the path, set its own Host and refuse some headers, which hides what an attacker sends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

import { TEST_ADMIN_KEY, type TestServer } from '../testing';

export interface Listening {
  port: number;
  /** `127.0.0.1:<port>`: the Host a local client sends. */
  host: string;
  close(): Promise<void>;
}

export async function listen(server: TestServer): Promise<Listening> {
  return new Promise((resolve) => {
    const node = serve({ fetch: server.handler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        host: `127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            node.close(() => done());
            (node as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with exactly this path and these headers (Host included, unless `headers.host` is given). */
export function rawRequest(
  listening: Listening,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const named = Object.keys(options.headers ?? {}).some((name) => /^(authorization|cookie)$/i.test(name));
    // As the site admin unless the test names a caller: access control is not what these tests probe.
    const caller: Record<string, string> = named ? {} : { authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const headers: Record<string, string> = { host: listening.host, connection: 'close', ...caller, ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = http.request(
      { host: '127.0.0.1', port: listening.port, method: options.method ?? 'GET', path: options.path, headers, setHost: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The error code of an answer in the contract's error shape; fails when the shape is not there. */
export function errorCode(answer: RawAnswer): string {
  const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || typeof body.error.details !== 'object') {
    throw new Error(`not the error shape: ${answer.text}`);
  }
  return body.error.code;
}
