/**
 * The version table's filter and sort, kept in the page's URL (`?alias=&noAliases=1&from=&to=&run=&sort=`)
 * so a filtered view can be shared and survives a reload. Dates are whole days in the viewer's
 * time zone, both ends included; they become the strict ISO bounds the API and the job filter take.
 */
import { NO_VERSION_FILTER, VERSION_SORTS, type VersionListFilter, type VersionSort } from '../../../../domain';

/** The form's fields as typed: day strings (`2024-06-01`) rather than instants. */
export interface VersionViewFields {
  alias: string;
  noAliases: boolean;
  from: string;
  to: string;
  run: string;
  sort: VersionSort;
}

export const EMPTY_VIEW_FIELDS: VersionViewFields = { alias: '', noAliases: false, from: '', to: '', run: '', sort: 'newest' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight at the start of `day` (plus `offset` days) in the viewer's zone, or null for no valid day. */
function startOfDay(day: string, offset = 0): Date | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + offset);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function readViewFields(params: URLSearchParams): VersionViewFields {
  const sort = params.get('sort') ?? 'newest';
  return {
    alias: params.get('alias') ?? '',
    noAliases: params.get('noAliases') === '1',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    run: params.get('run') ?? '',
    sort: (VERSION_SORTS as readonly string[]).includes(sort) ? (sort as VersionSort) : 'newest',
  };
}

/** The URL's parameters with the fields written in (empty ones removed), other parameters kept. */
export function writeViewFields(params: URLSearchParams, fields: VersionViewFields): URLSearchParams {
  const next = new URLSearchParams(params);
  const values: Record<string, string> = {
    alias: fields.alias.trim(),
    noAliases: fields.noAliases ? '1' : '',
    from: fields.from,
    to: fields.to,
    run: fields.run.trim(),
    sort: fields.sort === 'newest' ? '' : fields.sort,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The API's filter: `from` is "created after the instant before that day began", `to` "created before the next day began". */
export function filterOfFields(fields: VersionViewFields): VersionListFilter {
  const from = startOfDay(fields.from);
  const to = startOfDay(fields.to, 1);
  return {
    ...NO_VERSION_FILTER,
    alias: fields.alias.trim() || null,
    noAliases: fields.noAliases,
    createdAfter: from ? new Date(from.getTime() - 1).toISOString() : null,
    createdBefore: to ? to.toISOString() : null,
    runId: fields.run.trim() || null,
  };
}

/** A stable text of the view, to key the table by: a new view starts at the top with no selection. */
export const viewKey = (fields: VersionViewFields): string => JSON.stringify(fields);
