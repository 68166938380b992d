/**
 * HTTP at the level of bytes on one connection, for defects a `fetch` would hide: a server that
 * writes more than its `Content-Length` desynchronises a client that reuses the connection.
 */
import net from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach } from 'vitest';
import { createApp } from '../app';
import { createTestServer, TEST_ADMIN_KEY, type TestServer } from '../testing';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** Serves a test server's app on a real port of 127.0.0.1; `before` runs ahead of every route (a test's probe). */
/**
 * Sees every request before the app does. It is handed the raw Request (not a Hono context) so that it
 * can read the body and forward a copy: the app's own body reader (http/json-body.ts) must find an
 * unread stream.
 */
export type BeforeApp = (request: Request, forward: (request: Request) => Promise<Response>) => Promise<Response>;

export async function listen(server: TestServer, before?: BeforeApp): Promise<Listening> {
  const app = createApp(server.ctx, server.gc);
  const forward = async (request: Request) => app.fetch(request);
  const fetch = before ? (request: Request) => before(request, forward) : forward;
  return new Promise((resolve) => {
    const http = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (http as unknown as { closeAllConnections(): void }).closeAllConnections();
            http.close(() => done());
          }),
      });
    });
  });
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A raw request: method, path, headers and an optional body, written as HTTP/1.1 with keep-alive. */
export function rawRequest(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Buffer {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: keep-alive', `Content-Length: ${bytes.length}`];
  const named = Object.keys(headers).some((name) => /^(authorization|cookie)$/i.test(name));
  for (const [name, value] of Object.entries(named ? headers : { ...headers, Authorization: `Bearer ${TEST_ADMIN_KEY}` })) head.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), bytes]);
}

/** One keep-alive connection that reads responses as a client reusing it would: framed by `Content-Length`. */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private ended = false;
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake?.();
    });
    const end = () => {
      this.ended = true;
      this.wake?.();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Waits until `count` bytes are buffered; fails if the connection ends first. */
  private async need(count: number): Promise<void> {
    while (this.buffered.length < count) {
      if (this.ended) throw new Error(`connection ended after ${this.buffered.length} of ${count} bytes: ${JSON.stringify(this.buffered.toString('latin1'))}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  /** The next response on the connection (its head, then exactly `Content-Length` bytes of body). */
  async nextResponse(): Promise<WireResponse> {
    let headEnd = this.buffered.indexOf('\r\n\r\n');
    while (headEnd < 0) {
      await this.need(this.buffered.length + 1);
      headEnd = this.buffered.indexOf('\r\n\r\n');
    }
    const [statusLine, ...lines] = this.buffered.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? '');
    if (!status) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    if (headers['content-length'] === undefined) throw new Error(`response without Content-Length: ${statusLine}`);
    const length = Number(headers['content-length']);
    await this.need(headEnd + 4 + length);
    const body = Buffer.from(this.buffered.subarray(headEnd + 4, headEnd + 4 + length));
    this.buffered = this.buffered.subarray(headEnd + 4 + length);
    return { status: Number(status[1]), headers, body };
  }

  close(): void {
    this.socket.destroy();
  }
}

/** What a wire test works with: a test server, listening on a real port, and one keep-alive connection to it. */
export interface Wire {
  server: TestServer;
  http: Listening;
  connection: RawConnection;
}

/** A fresh `Wire` for each test of the file (set up in `beforeEach`, closed in `afterEach`); read its fields inside tests. */
export function wirePerTest(): Wire {
  const wire = {} as Wire;
  beforeEach(async () => {
    wire.server = await createTestServer();
    wire.http = await listen(wire.server);
    wire.connection = await RawConnection.open(wire.http.port);
  });
  afterEach(async () => {
    wire.connection.close();
    await wire.http.close();
    await wire.server.close();
  });
  return wire;
}

/** What a test starts: its server, and the port serving it; both closed after the test (the port first). */
export interface Served {
  /** Keeps `server` to close after the test; returns it. */
  keep(server: TestServer): TestServer;
  /** Serves the kept server on a real port of 127.0.0.1 (`before` as for `listen`), closed after the test. */
  listen(before?: BeforeApp): Promise<Listening>;
}

/** A `Served` for each test of the file; a test seeds its server before it listens. */
export function servedPerTest(): Served {
  let server: TestServer | null = null;
  let http: Listening | null = null;
  afterEach(async () => {
    await http?.close();
    await server?.close();
    http = null;
    server = null;
  });
  return {
    keep(started) {
      server = started;
      return started;
    },
    async listen(before) {
      if (!server) throw new Error('keep() a server before listening');
      http = await listen(server, before);
      return http;
    },
  };
}
