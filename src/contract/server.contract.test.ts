// The contract cases against the real server (Hono `app.request` on a temporary DATA_DIR).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestServer } from '../server/testing';
import { contractCases, type ContractTarget } from './cases';

describe('contract: server', () => {
  let server: Awaited<ReturnType<typeof createTestServer>>;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const target: ContractTarget = { fetch: (path, init) => server.fetch(path, init) };
  for (const contractCase of contractCases) it(contractCase.name, () => contractCase.run(target));
});
