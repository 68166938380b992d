// The contract cases against the real server (Hono `app.request` on a temporary DATA_DIR).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestServer, type TestServer } from '../server/testing';
import { expireVersions } from '../server/ttl/ttl';
import { contractCases, gcCases, gcDisabledCases, sameInstantCases, type ContractTarget, type GcSettings, type IsolatedContractCase } from './cases';

describe('contract: server', () => {
  let server: Awaited<ReturnType<typeof createTestServer>>;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const target = targetOf(() => server);
  for (const contractCase of contractCases) it(contractCase.name, () => contractCase.run(target));
});

/** A test server as a contract target; the TTL scan is called directly, as its timer would. */
function targetOf(server: () => TestServer): ContractTarget {
  return { fetch: (path, init) => server().fetch(path, init), expireVersions: () => expireVersions(server().ctx) };
}

/** The environment a server needs for a case's garbage-collection settings. */
function gcEnv(gc: GcSettings): Record<string, string> {
  return { GC_GRACE_SECONDS: String(gc.graceSeconds), ...(gc.enabled ? {} : { ARTIFACT_GC_ENABLED: 'false' }) };
}

/** Each case on a server of its own: garbage collection is global. */
function runIsolated(cases: IsolatedContractCase[]): void {
  for (const contractCase of cases) {
    it(contractCase.name, async () => {
      const frozenAt = contractCase.frozenAt;
      const server = await createTestServer(gcEnv(contractCase.gc), frozenAt === undefined ? undefined : () => frozenAt);
      try {
        await contractCase.run(targetOf(() => server));
      } finally {
        await server.close();
      }
    });
  }
}

describe('contract: server, garbage collection (a fresh server per case)', () => runIsolated(gcCases));
describe('contract: server, garbage collection off', () => runIsolated(gcDisabledCases));
describe('contract: server, one instant (a frozen clock per case)', () => runIsolated(sameInstantCases));
