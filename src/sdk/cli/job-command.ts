/**
 * `attic delete --filter` and `attic restore --filter`: every version of a project that matches,
 * as one deletion job on the server. A delete shows its dry run and asks first on a terminal,
 * needs --yes anywhere else, draws its progress on stderr, and exits 3 when the job refused some
 * versions, 130 when Ctrl-C cancelled it (decision 155).
 */
import { formatBytes, formatCount, type DeletionDryRun, type DeletionJob, type DeletionJobAction } from '../../domain';
import type { AtticClient } from '../attic-client';
import { parseAddress } from './address';
import { EXIT, UsageError } from './exit-codes';
import { filterFromFlags, type FilterFlagValues } from './filter-flags';
import type { CliIo } from './io';
import { progressReporter } from './progress';

export interface JobFlags extends FilterFlagValues {
  yes?: boolean;
  'dry-run'?: boolean;
  'delete-aliases'?: boolean;
}

type Print = (value: unknown, text: () => string[]) => void;

const SHOWN = 10;

function list(items: string[], total = items.length): string {
  const shown = items.slice(0, SHOWN).join(', ');
  return total > SHOWN ? `${shown} and ${(total - SHOWN).toLocaleString('en-US')} more` : shown;
}

/** `entity/project` or `entity/project/collection` (the collection joins the filter). */
function target(address: string | undefined): { project: string; collection?: string } {
  if (!address) throw new UsageError('--filter needs the project: attic delete --filter <entity/project> [conditions].');
  return address.split('/').length === 3 ? parseAddress(address, 'collection') : parseAddress(address, 'project');
}

function dryRunLines(action: DeletionJobAction, project: string, dry: DeletionDryRun, deleteAliases: boolean): string[] {
  const aliases = dry.aliases.map((a) => `${a.collection}:${a.version} ${a.alias}`);
  if (action === 'restore') {
    const lines = [`would restore ${formatCount(dry.versionCount, 'version')} of ${project}`];
    if (aliases.length > 0) lines.push(`  aliases that come back (unless another version holds them now): ${list(aliases)}`);
    return lines;
  }
  const aliased = new Set(dry.aliases.map((a) => `${a.collection}:${a.version}`));
  const deleted = deleteAliases ? dry.versionCount : dry.versionCount - aliased.size;
  const lines = [`would delete ${formatCount(deleted, 'version')} of ${project}, freeing ${formatBytes(dry.reclaimableBytes)} once garbage-collected`];
  if (dry.sharedBytes > 0) lines.push(`  ${formatBytes(dry.sharedBytes)} of their files stays, shared with versions that are kept`);
  if (aliases.length === 0) return lines;
  if (deleteAliases) lines.push(`  aliases that go with them: ${list(aliases)}`);
  else lines.push(`  ${formatCount(aliased.size, 'version')} with aliases would be refused (add --delete-aliases to take them): ${list(aliases)}`);
  return lines;
}

function jobLines(action: DeletionJobAction, project: string, job: DeletionJob): string[] {
  const verb = action === 'delete' ? 'deleted' : 'restored';
  const head = `${verb} ${job.done.toLocaleString('en-US')} of ${formatCount(job.total, 'version')} of ${project}`;
  const lines = [
    job.state === 'succeeded'
      ? `${head} (job ${job.id})`
      : job.state === 'cancelled'
        ? `${head}: job ${job.id} was cancelled; what it ${verb} stays ${verb}`
        : `${head}: job ${job.id} failed; what it ${verb} stays ${verb} (the server's log says why)`,
  ];
  if (action === 'delete' && job.done > 0) lines.push('  pending deletion: restorable until garbage collection purges them');
  if (job.failed === 0) return lines;
  lines.push(`  refused ${formatCount(job.failed, 'version')}:`);
  const byCode = new Map<string, string[]>();
  for (const r of job.refusals) byCode.set(r.code, [...(byCode.get(r.code) ?? []), `${r.collection}:${r.version}`]);
  for (const [code, versions] of byCode) lines.push(`    ${code}: ${list(versions)}`);
  if (job.failed > job.refusals.length) lines.push(`    and ${(job.failed - job.refusals.length).toLocaleString('en-US')} more not listed`);
  if (byCode.has('ALIASES_PRESENT')) lines.push('  to delete those with their aliases, run it again with --delete-aliases');
  return lines;
}

export async function jobCommand(
  client: AtticClient,
  io: CliIo,
  action: DeletionJobAction,
  address: string | undefined,
  flags: JobFlags,
  print: Print,
): Promise<number> {
  const { project, collection } = target(address);
  const filter = filterFromFlags(flags, collection);
  const deleteAliases = action === 'delete' && Boolean(flags['delete-aliases']);
  const dryRun = Boolean(flags['dry-run']);
  const asks = action === 'delete' && !dryRun && !flags.yes;
  // Never deletes silently: off a terminal nobody can answer, so --yes must say it.
  if (asks && !io.confirm)
    throw new UsageError('refusing to delete without confirmation: stdin is not a terminal. Add --yes to delete, or --dry-run to see what would go.');
  const run = action === 'delete' ? client.deleteVersions.bind(client) : client.restoreVersions.bind(client);

  if (dryRun || asks) {
    const dry = await run(project, filter, { dryRun: true, deleteAliases });
    if (dryRun) {
      print(dry, () => dryRunLines(action, project, dry, deleteAliases));
      return EXIT.ok;
    }
    if (dry.versionCount > 0) {
      for (const line of dryRunLines(action, project, dry, deleteAliases)) io.err(line);
      if (!(await io.confirm!(`Delete ${formatCount(dry.versionCount, 'version')} of ${project}? [y/N] `))) {
        io.err('nothing was deleted.');
        return EXIT.interrupted;
      }
    }
  }

  const controller = new AbortController();
  const unregister = io.onInterrupt?.(() => {
    io.err('\ncancelling the job (Ctrl-C again quits without waiting)...');
    controller.abort();
  });
  const progress = progressReporter(io, action === 'delete' ? 'deleting' : 'restoring');
  let job: DeletionJob;
  try {
    job = await run(project, filter, { deleteAliases, onProgress: progress.onProgress, signal: controller.signal, pollMs: io.pollMs });
  } finally {
    progress.end();
    unregister?.();
  }
  print(job, () => jobLines(action, project, job));
  if (job.state === 'cancelled') return controller.signal.aborted ? EXIT.interrupted : EXIT.failure;
  if (job.state === 'failed') return EXIT.failure;
  return job.failed > 0 ? EXIT.refused : EXIT.ok;
}
