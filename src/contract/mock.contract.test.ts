// The contract cases against the MSW handlers, in Node: MSW intercepts the global fetch.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createMockDb, type MockDb } from '../mocks/db';
import { createHandlers } from '../mocks/handlers';
import { contractCases, gcCases, gcDisabledCases, sameInstantCases, type ContractTarget, type IsolatedContractCase } from './cases';

const ORIGIN = 'http://attic.test';
/** The MSW mock backend on `db` as a contract target; its TTL scan is the db's, which no route reaches. */
function targetOf(db: () => MockDb): ContractTarget {
  return { fetch: (path, init) => fetch(`${ORIGIN}${path}`, init), expireVersions: async () => db().expireVersions() };
}

describe('contract: MSW mock backend', () => {
  const db = createMockDb();
  const target = targetOf(() => db);
  const server = setupServer(...createHandlers(db));
  // An unmatched request is a missing mock route: fail loudly.
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  for (const contractCase of contractCases) it(contractCase.name, () => contractCase.run(target));
});

/** Each case on a mock db of its own, with the case's GC settings: garbage collection is global. */
function runIsolated(cases: IsolatedContractCase[]): void {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  for (const contractCase of cases) {
    it(contractCase.name, () => {
      const frozenAt = contractCase.frozenAt;
      const db = createMockDb({ gc: contractCase.gc, ...(frozenAt === undefined ? {} : { now: () => frozenAt }) });
      server.resetHandlers(...createHandlers(db));
      return contractCase.run(targetOf(() => db));
    });
  }
}

describe('contract: MSW mock backend, garbage collection (a fresh db per case)', () => runIsolated(gcCases));
describe('contract: MSW mock backend, garbage collection off', () => runIsolated(gcDisabledCases));
describe('contract: MSW mock backend, one instant (a frozen clock per case)', () => runIsolated(sameInstantCases));
