/**
 * The version list's filters and sort (`GET .../versions?...`), parsed once for the server and the
 * mocks, and mapped once onto a deletion job's filter: "select all that match" in the web app is
 * this list's filter sent as a job filter, so the table and the job can never disagree.
 */
import { z } from 'zod';
import type { DeletionJobFilter } from './deletion-jobs';
import { errors } from './errors';
import { requireIsoTime } from './iso-time';
import { pageSchema, VersionSchema, type VersionStateFilter } from './schemas';
import { parseVersionStateFilter, requireName } from './validate';

/** `newest` (the contract's order, by index), `oldest`, `largest` or `smallest` (by size, then newest). */
export const VERSION_SORTS = ['newest', 'oldest', 'largest', 'smallest'] as const;
export type VersionSort = (typeof VERSION_SORTS)[number];

/** What narrows a version list; every field given must hold, as in a deletion job's filter. */
export interface VersionListFilter {
  alias: string | null;
  noAliases: boolean;
  /** ISO times, strict (`>` and `<`), as the job filter's. */
  createdAfter: string | null;
  createdBefore: string | null;
  runId: string | null;
}

export interface VersionListQuery extends VersionListFilter {
  state: VersionStateFilter;
  sort: VersionSort;
  /** `?count=true`: the page also carries `totalCount`, the number of versions that match. */
  count: boolean;
}

export const NO_VERSION_FILTER: VersionListFilter = { alias: null, noAliases: false, createdAfter: null, createdBefore: null, runId: null };

/** The list's query parameters besides `limit` and `cursor`. */
export const VERSION_LIST_PARAMS = ['state', 'alias', 'noAliases', 'createdAfter', 'createdBefore', 'runId', 'sort', 'count'] as const;
/** Raw query values, as both the server and the mocks read them from the URL. */
export type RawVersionListQuery = Partial<Record<(typeof VERSION_LIST_PARAMS)[number], string | null>>;

function flag(field: string, value: string | null | undefined): boolean {
  if (value == null || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw errors.invalidRequest(`${field} must be true or false.`, { field });
}

function time(field: string, value: string | null | undefined): string | null {
  if (value == null || value === '') return null;
  // Normalized: stored times are ISO strings in UTC with milliseconds, and compare as text.
  return requireIsoTime(field, value);
}

/** `?state=&alias=&noAliases=&createdAfter=&createdBefore=&runId=&sort=&count=`; a bad value is `400`. */
export function parseVersionListQuery(raw: RawVersionListQuery): VersionListQuery {
  const sort = raw.sort == null || raw.sort === '' ? 'newest' : raw.sort;
  if (!(VERSION_SORTS as readonly string[]).includes(sort)) {
    throw errors.invalidRequest(`sort must be one of ${VERSION_SORTS.join(', ')}.`, { field: 'sort' });
  }
  return {
    state: parseVersionStateFilter(raw.state),
    alias: raw.alias ? requireName('alias', raw.alias) : null,
    noAliases: flag('noAliases', raw.noAliases),
    createdAfter: time('createdAfter', raw.createdAfter),
    createdBefore: time('createdBefore', raw.createdBefore),
    runId: raw.runId ? requireName('run', raw.runId) : null,
    sort: sort as VersionSort,
    count: flag('count', raw.count),
  };
}

/** The query parameters of a filter, as the web app sends them (only those that narrow). */
export function versionFilterParams(filter: VersionListFilter): Record<string, string | undefined> {
  return {
    alias: filter.alias ?? undefined,
    noAliases: filter.noAliases ? 'true' : undefined,
    createdAfter: filter.createdAfter ?? undefined,
    createdBefore: filter.createdBefore ?? undefined,
    runId: filter.runId ?? undefined,
  };
}

/**
 * The deletion job filter that takes exactly the COMMITTED versions of `collection` this list
 * filter shows: what "select all that match" deletes, across pages never loaded.
 */
export function jobFilterOfVersionList(collection: string, filter: VersionListFilter): DeletionJobFilter {
  return {
    collections: [collection],
    ...(filter.alias ? { aliases: [filter.alias] } : {}),
    ...(filter.noAliases ? { noAliases: true } : {}),
    ...(filter.createdAfter ? { createdAfter: filter.createdAfter } : {}),
    ...(filter.createdBefore ? { createdBefore: filter.createdBefore } : {}),
    ...(filter.runId ? { runId: filter.runId } : {}),
  };
}

/** True when the filter narrows nothing. */
export const isUnfiltered = (filter: VersionListFilter): boolean =>
  !filter.alias && !filter.noAliases && !filter.createdAfter && !filter.createdBefore && !filter.runId;

/** A page of the version list; `totalCount` only when asked for with `?count=true`. */
export const VersionListPageSchema = pageSchema(VersionSchema).extend({ totalCount: z.number().int().optional() });
export type VersionListPage = z.infer<typeof VersionListPageSchema>;
