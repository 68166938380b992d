// A 100,000-file manifest does not hold the event loop: an unrelated request on another connection
// is answered while the log is still being validated and recorded (issue 7, item 9). The order of
// events is asserted, never a duration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing';
import { sha } from '../test/log-helpers';
import { listen, rawRequest, RawConnection, type Listening } from '../test/wire';

let server: TestServer;
let http: Listening;
const events: string[] = [];
let logStarted: () => void = () => undefined;

beforeEach(async () => {
  events.length = 0;
  server = await createTestServer();
  http = await listen(server, async (request, forward) => {
    if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/artifacts')) return forward(request);
    // The whole body is in: from here on the server only computes.
    const body = await request.arrayBuffer();
    events.push('log started');
    logStarted();
    const answer = await forward(new Request(request.url, { method: request.method, headers: request.headers, body }));
    events.push('log finished');
    return answer;
  });
});
afterEach(async () => {
  await http.close();
  await server.close();
});

describe('a 100,000-file manifest', () => {
  it('is logged while another connection’s health request is answered', async () => {
    const digest = sha('one shard');
    const files = Array.from({ length: 100_000 }, (_, i) => ({ path: `shards/${String(i).padStart(6, '0')}.bin`, digest, sizeBytes: 9 }));
    const health = await RawConnection.open(http.port);
    const log = await RawConnection.open(http.port);
    const started = new Promise<void>((resolve) => (logStarted = resolve));
    log.write(
      rawRequest('POST', '/api/v1/projects/e/p/artifacts', JSON.stringify({ type: 'dataset', name: 'shards', files }), { 'Content-Type': 'application/json' }),
    );
    await started;
    health.write(rawRequest('GET', '/api/v1/health'));
    const healthAnswer = await health.nextResponse();
    events.push('health answered');
    const logAnswer = await log.nextResponse();

    expect(events).toEqual(['log started', 'health answered', 'log finished']);
    expect(healthAnswer.body.toString()).toBe('{"status":"ok"}');
    const logged = JSON.parse(logAnswer.body.toString()) as { version: { state: string; fileCount: number }; missingDigests: string[] };
    expect({ status: logAnswer.status, state: logged.version.state, fileCount: logged.version.fileCount, missing: logged.missingDigests }).toEqual({
      status: 201,
      state: 'PENDING',
      fileCount: 100_000,
      missing: [digest],
    });
    health.close();
    log.close();
  }, 120_000);
});
