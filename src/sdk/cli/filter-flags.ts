/**
 * `attic delete --filter` / `attic restore --filter`: the flags that make a deletion job's filter,
 * one per field of the contract's filter, checked before anything is sent.
 */
import { DeletionJobFilterSchema, ISO_TIME_FORMS, isEmptyFilter, parseBytes, parseIsoTime, type DeletionJobFilter } from '../../domain';
import { UsageError } from './exit-codes';

/** The flags' values as `parseArgs` hands them over. */
export interface FilterFlagValues {
  collection?: string[];
  version?: string[];
  'no-aliases'?: boolean;
  alias?: string[];
  'not-alias'?: string[];
  'created-before'?: string;
  'created-after'?: string;
  run?: string;
  'min-size'?: string;
}

/** The `parseArgs` options of the filter flags. */
export const FILTER_OPTIONS = {
  collection: { type: 'string', multiple: true },
  version: { type: 'string', multiple: true },
  'no-aliases': { type: 'boolean' },
  alias: { type: 'string', multiple: true },
  'not-alias': { type: 'string', multiple: true },
  'created-before': { type: 'string' },
  'created-after': { type: 'string' },
  run: { type: 'string' },
  'min-size': { type: 'string' },
} as const;

export const FILTER_HELP = `Filter conditions (every one given must hold; repeat a list flag for several values)
  --collection NAME      in this collection (or give entity/project/collection as the address)
  --version vN|ID        this version
  --no-aliases           holds no alias at all (latest counts)
  --alias A              holds this alias            --not-alias A   holds none of these aliases
  --created-before TIME  --created-after TIME        2024-06-01 (midnight UTC) or 2024-06-01T12:00Z (a time needs Z or +HH:MM)
  --run RUN              logged by this run
  --min-size SIZE        at least this big: 10GB, 512MB, 1.5 GiB, 4096`;

function time(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (parseIsoTime(value) === null) throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a time: give ${ISO_TIME_FORMS}.`);
  return value;
}

/** The filter the flags describe, plus the collection named by the address; an empty one is a usage error (a job never means "everything"). */
export function filterFromFlags(values: FilterFlagValues, addressCollection?: string): DeletionJobFilter {
  let minSizeBytes: number | undefined;
  if (values['min-size'] !== undefined) {
    const parsed = parseBytes(values['min-size']);
    if (parsed === null) throw new UsageError(`--min-size ${JSON.stringify(values['min-size'])} is not a size: give one such as 10GB, 512MB, 1.5GiB or 4096.`);
    minSizeBytes = parsed;
  }
  const collections = [...(addressCollection ? [addressCollection] : []), ...(values.collection ?? [])];
  const candidate: DeletionJobFilter = {
    collections: collections.length > 0 ? collections : undefined,
    versions: values.version,
    noAliases: values['no-aliases'] || undefined,
    aliases: values.alias,
    notAliases: values['not-alias'],
    createdBefore: time('created-before', values['created-before']),
    createdAfter: time('created-after', values['created-after']),
    runId: values.run,
    minSizeBytes,
  };
  const filter = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)) as DeletionJobFilter;
  const parsed = DeletionJobFilterSchema.safeParse(filter);
  if (!parsed.success) throw new UsageError(`the filter is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (isEmptyFilter(parsed.data))
    throw new UsageError('--filter needs at least one condition (a job never means "every version"): see the filter conditions in attic --help.');
  return parsed.data;
}

/** The filter flags given on the command line, by name: outside `--filter` they are a mistake, not something to ignore. */
export function filterFlagsGiven(values: FilterFlagValues, except: string[] = []): string[] {
  return Object.keys(FILTER_OPTIONS).filter((flag) => !except.includes(flag) && values[flag as keyof FilterFlagValues] !== undefined);
}
