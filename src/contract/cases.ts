/**
 * Every contract case. The same list runs against the MSW mock backend and against the real
 * server, so the two cannot drift apart. Each case creates its own entity and project.
 */
import { browseCases } from './cases/browse';
import { errorCases } from './cases/errors';
import { logCases } from './cases/log';
import { paginationCases } from './cases/pagination';
import type { ContractCase } from './client';

export type { ContractCase, ContractTarget } from './client';

/** All contract cases, in a stable order. */
export const contractCases: ContractCase[] = [...browseCases, ...logCases, ...paginationCases, ...errorCases];
