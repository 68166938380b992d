// A client that hangs up in the middle of an upload is not a server failure: one line saying the
// upload was aborted, no 500, no stack trace (the test setup fails on any console.error).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestServer, type TestServer, TEST_ADMIN_KEY } from '../testing';
import { sha } from '../test/log-helpers';
import { listen, type Listening } from '../test/raw-http';
import { storedFiles } from '../test/stored-files';

let server: TestServer;
let http: Listening;

beforeAll(async () => {
  server = await createTestServer();
  http = await listen(server);
});
afterAll(async () => {
  await http.close();
  await server.close();
});

describe('an upload the client aborts', () => {
  it('is logged as one line "aborted", not as a 500 with a stack trace, and leaves no file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const body = Buffer.alloc(1024 * 1024, 'x');
      const socket = net.connect(http.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `PUT /api/v1/projects/e/p/blobs/${sha(body)} HTTP/1.1\r\nHost: ${http.host}\r\nAuthorization: Bearer ${TEST_ADMIN_KEY}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      await new Promise((resolve) => socket.write(body.subarray(0, body.length / 2), resolve));
      socket.destroy();

      // Wait for the server to say anything about it (the setup's console.error spy counts too).
      const said = () => warn.mock.calls.length + vi.mocked(console.error).mock.calls.length;
      await vi.waitFor(() => expect(said()).toBeGreaterThan(0), { timeout: 15_000, interval: 20 });
      const lines = warn.mock.calls.map((args) => args.map(String).join(' '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[attic\] PUT \/api\/v1\/projects\/e\/p\/blobs\/[0-9a-f]{64}: aborted by the client/);
      expect(lines[0]).not.toContain('\n');
      expect(lines[0]).not.toContain('500');
      expect(log).not.toHaveBeenCalled();
      // The half-received bytes were discarded, not published.
      expect(await storedFiles(server.dataDir, 'blobs')).toEqual([]);
      await vi.waitFor(async () => expect(await storedFiles(server.dataDir, 'tmp')).toEqual([]), { timeout: 15_000, interval: 20 });
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
