/**
 * Every contract case. The same list runs against the MSW mock backend and against the real
 * server, so the two cannot drift apart. Each case creates its own entity and project.
 */
import { accountCases } from './cases/accounts';
import { aliasCases } from './cases/aliases';
import { browseCases } from './cases/browse';
import { deletionCases, sameInstantCases } from './cases/deletion';
import { deletionJobCases } from './cases/deletion-jobs';
import { errorCases } from './cases/errors';
import { gcCases, gcDisabledCases } from './cases/gc';
import { logCases } from './cases/log';
import { paginationCases } from './cases/pagination';
import { previewCases } from './cases/preview';
import { strictDateCases } from './cases/strict-dates';
import { ttlCases } from './cases/ttl';
import { versionListCases } from './cases/version-list';
import type { ContractCase } from './client';

export type { ContractCase, ContractTarget } from './client';
export type { GcSettings, IsolatedContractCase } from './deletion-client';

/** All contract cases that share one backend, in a stable order. */
export const contractCases: ContractCase[] = [
  ...browseCases,
  ...logCases,
  ...paginationCases,
  ...errorCases,
  ...deletionCases,
  ...deletionJobCases,
  ...previewCases,
  ...ttlCases,
  ...aliasCases,
  ...versionListCases,
  ...accountCases,
  ...strictDateCases,
];

/**
 * Garbage-collection cases: garbage collection is global, so each runs on a fresh backend built
 * with its `gc` settings (a run would otherwise purge, and count, every other case's data).
 */
export { gcCases, gcDisabledCases };

/** Cases on a fresh backend whose clock stands still: what happens in one instant must still be told apart. */
export { sameInstantCases };
