// The contract cases against the MSW handlers, in Node: MSW intercepts the global fetch.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createMockDb } from '../mocks/db';
import { createHandlers } from '../mocks/handlers';
import { contractCases, type ContractTarget } from './cases';

const ORIGIN = 'http://attic.test';

describe('contract: MSW mock backend', () => {
  const server = setupServer(...createHandlers(createMockDb()));
  // An unmatched request is a missing mock route: fail loudly.
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  const target: ContractTarget = { fetch: (path, init) => fetch(`${ORIGIN}${path}`, init) };
  for (const contractCase of contractCases) it(contractCase.name, () => contractCase.run(target));
});
