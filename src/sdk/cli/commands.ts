/**
 * The `attic` command line, on top of the SDK. Destructive commands accept --dry-run, which shows
 * what would happen (aliases, bytes freed) and changes nothing. Every command takes --json (one
 * JSON document on stdout, errors too) and exits with a code that tells usage errors, refusals
 * and failures apart (exit-codes.ts).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ApiError, formatBytes, formatCount, type DeletionPreview } from '../../domain';
import type { Artifact } from '../artifact';
import type { AtticClient } from '../attic-client';
import { parseAddress } from './address';
import { describeError, errorJson, EXIT, EXIT_CODES_HELP, exitCodeFor, UsageError } from './exit-codes';
import { FILTER_HELP, FILTER_OPTIONS, filterFlagsGiven } from './filter-flags';
import type { CliIo } from './io';
import { jobCommand } from './job-command';

export type { CliIo } from './io';

export const USAGE = `Usage: attic <command> [options]
  server: --server URL, or ATTIC_URL (default http://127.0.0.1:8080)
  API key: ATTIC_API_KEY, sent as Authorization: Bearer <key> (from the environment only: a flag would show in ps),
           else the key \`attic login\` stored for the server
Sign in
  login [--username NAME]                    asks for the password (off a terminal: reads it from stdin),
                                             makes an API key for this machine and stores it (mode 600) in
                                             ~/.config/attic/credentials.json (or $ATTIC_CONFIG_DIR)

Browse
  projects                                   list projects
  versions <entity/project/collection>       list versions, newest first  [--state COMMITTED|PENDING_DELETION|DELETED|ALL]
  pending <entity/project>                   versions pending deletion, with the bytes each frees
Log
  log <entity/project> --type T --name N [--alias A]... [--run R] <file>...
Delete (soft: restorable until garbage collection)
  delete <entity/project/collection:version> [--delete-aliases] [--dry-run]
  delete-collection <entity/project/collection> [--dry-run]
  delete-run <entity/project> <runId> [--delete-aliases] [--dry-run]     every version the run logged
  delete-unaliased <entity/project/collection> [--dry-run]              every version without aliases
  restore <entity/project/collection:version>
  restore-collection <entity/project/collection>                        undo a collection delete
Delete by filter (one job on the server; 100,000 versions are fine)
  delete --filter <entity/project[/collection]> [conditions] [--delete-aliases] [--dry-run] [--yes]
      shows what would go and asks first; off a terminal it needs --yes. Progress on stderr;
      Ctrl-C cancels the job (what it deleted stays deleted, restorable)
  restore --filter <entity/project[/collection]> [conditions] [--dry-run]   versions pending deletion
Aliases (latest is Attic's: it always names the newest version)
  alias add <entity/project/collection:version> <alias>...   an alias another version holds moves here
  alias rm <entity/project/collection:version> <alias>...
  alias mv <entity/project/collection> <alias> <to-version>
Garbage collection
  gc status | gc run [--dry-run]

${FILTER_HELP}

--json on any command prints one JSON document on stdout and nothing else (an error as
{"error": {code, message, details}}); progress, prompts and hints go to stderr.

${EXIT_CODES_HELP}`;

function previewLines(label: string, preview: DeletionPreview): string[] {
  const lines = [`${label}: ${formatCount(preview.versionCount, 'version')}, frees ${formatBytes(preview.reclaimableBytes)} once garbage-collected`];
  if (preview.sharedBytes > 0)
    lines.push(
      `  ${formatBytes(preview.sharedBytes)} stays, shared with ${preview.sharedWith.map((s) => `${s.collection}:${s.version}`).join(', ')}${preview.sharedWithCount > preview.sharedWith.length ? ` and ${preview.sharedWithCount - preview.sharedWith.length} more` : ''}`,
    );
  if (preview.aliases.length > 0) lines.push(`  aliases that go: ${preview.aliases.map((a) => `${a.alias} (${a.version})`).join(', ')}`);
  if (preview.latest.moves) lines.push(`  latest moves to ${preview.latest.to ?? 'nothing (no version left)'}`);
  return lines;
}

/** What to run when a delete is refused for its aliases: the same delete taking them, or moving them away first. */
function aliasesPresentHints(project: string, collection: string, version: string, error: ApiError): string[] {
  const aliases = Array.isArray(error.details.aliases) ? (error.details.aliases as string[]).filter((a) => a !== 'latest') : [];
  const lines = [`  delete the version with its aliases: attic delete ${project}/${collection}:${version} --delete-aliases`];
  for (const alias of aliases) lines.push(`  or move ${alias} first: attic alias mv ${project}/${collection} ${alias} <version>`);
  return lines;
}

/** `attic alias add|rm|mv`. */
async function aliasCommand(client: AtticClient, args: string[], print: (value: unknown, text: () => string[]) => void): Promise<number> {
  const [action, address, ...rest] = args;
  if (action === 'mv') {
    const a = parseAddress(address ?? '', 'collection');
    const [alias, to] = rest;
    if (!alias || !to || rest.length !== 2) throw new UsageError('alias mv needs a collection, an alias and the version to move it to.');
    const artifact = await client.moveAlias(a.project, a.collection!, alias, to);
    print(artifact.data, () => [`${alias} is now on ${artifact.name}`]);
    return EXIT.ok;
  }
  if (action !== 'add' && action !== 'rm') throw new UsageError('alias needs "add", "rm" or "mv".');
  if (rest.length === 0) throw new UsageError(`alias ${action} needs a version and at least one alias.`);
  const a = parseAddress(address ?? '', 'version');
  const artifact = await client.artifact(a.project, a.collection!, a.version!);
  artifact.aliases = action === 'add' ? [...artifact.aliases, ...rest] : artifact.aliases.filter((alias) => !rest.includes(alias));
  await artifact.save();
  print(artifact.data, () => [`${artifact.name} aliases: ${artifact.data.aliases.join(', ') || '(none)'}`]);
  return EXIT.ok;
}

/** One version at a time, as the seed's loops do; with --json the names go out as one document at the end. */
async function deleteMany(
  io: CliIo,
  artifacts: AsyncIterable<Artifact>,
  options: { deleteAliases: boolean; dryRun: boolean; json: boolean; filter?: (a: Artifact) => boolean },
): Promise<number> {
  const text = (line: string) => {
    if (!options.json) io.out(line);
  };
  const deleted: string[] = [];
  const skipped: { name: string; aliases: string[] }[] = [];
  const wouldDelete: { name: string; aliases: string[] }[] = [];
  for await (const artifact of artifacts) {
    if (options.filter && !options.filter(artifact)) continue;
    if (artifact.data.state !== 'COMMITTED') continue;
    if (options.dryRun) {
      wouldDelete.push({ name: artifact.name, aliases: artifact.aliases });
      text(
        `would delete ${artifact.name}${artifact.aliases.length ? ` (aliases: ${artifact.aliases.join(', ')}${options.deleteAliases ? '' : ' — blocked without --delete-aliases'})` : ''}`,
      );
      continue;
    }
    try {
      await artifact.delete({ deleteAliases: options.deleteAliases });
      text(`deleted ${artifact.name}`);
      deleted.push(artifact.name);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'ALIASES_PRESENT') throw error;
      io.err(`skipped ${artifact.name}: ${error.message}`);
      for (const l of aliasesPresentHints(`${artifact.data.entity}/${artifact.data.project}`, artifact.data.collection, artifact.data.version ?? '', error))
        io.err(l);
      skipped.push({ name: artifact.name, aliases: Array.isArray(error.details.aliases) ? error.details.aliases.map(String) : [] });
    }
  }
  if (options.json) io.out(JSON.stringify(options.dryRun ? { wouldDelete } : { deleted, skipped }, null, 2));
  else if (!options.dryRun) text(`${formatCount(deleted.length, 'version')} deleted${skipped.length ? `, ${skipped.length} skipped` : ''}.`);
  return skipped.length > 0 ? EXIT.refused : EXIT.ok;
}

const OPTIONS = {
  ...FILTER_OPTIONS,
  filter: { type: 'boolean', default: false },
  yes: { type: 'boolean', short: 'y', default: false },
  'delete-aliases': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  state: { type: 'string' },
  type: { type: 'string' },
  name: { type: 'string' },
  server: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * Runs one command line and answers its exit code; never throws. An error is said on stderr (and,
 * with --json, as `{"error": …}` on stdout) and mapped to its exit code.
 */
export async function runCli(argv: string[], client: AtticClient, io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    return await runCommand(argv, client, io);
  } catch (error) {
    if (json) io.out(JSON.stringify(errorJson(error), null, 2));
    if (error instanceof ApiError) io.err(`attic: ${error.code}: ${error.message}`);
    else io.err(`attic: ${describeError(error)}`);
    if (exitCodeFor(error) === EXIT.usage) io.err('attic: see attic --help');
    return exitCodeFor(error);
  }
}

async function runCommand(argv: string[], client: AtticClient, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [command, ...args] = positionals;
  const print = (value: unknown, text: () => string[]) => {
    if (values.json) io.out(JSON.stringify(value, null, 2));
    else for (const l of text()) io.out(l);
  };
  const dryRun = values['dry-run'];
  const deleteAliases = values['delete-aliases'];
  if (values.help || command === undefined || command === 'help') {
    print({ usage: USAGE }, () => [USAGE]);
    return EXIT.ok;
  }
  if (values.filter && command !== 'delete' && command !== 'restore') throw new UsageError('--filter goes with delete or restore.');
  // The filter's flags outside --filter would be ignored, and a delete that ignores a condition takes too much.
  const stray = filterFlagsGiven(values, command === 'log' ? ['alias', 'run'] : []);
  if (!values.filter && stray.length > 0)
    throw new UsageError(
      `${stray.map((f) => `--${f}`).join(', ')} ${stray.length === 1 ? 'is a filter condition' : 'are filter conditions'}: add --filter to ${command === 'restore' ? 'restore' : 'delete'} every version that matches (attic ${command === 'restore' ? 'restore' : 'delete'} --filter <entity/project> ...).`,
    );

  switch (command) {
    case 'projects': {
      const all: { entity: string; project: string; collectionCount: number }[] = [];
      for await (const p of client.projects()) all.push(p);
      print(all, () => all.map((p) => `${p.entity}/${p.project}\t${formatCount(p.collectionCount, 'collection')}`));
      return EXIT.ok;
    }
    case 'versions': {
      const a = parseAddress(args[0] ?? '', 'collection');
      const state = values.state as 'COMMITTED' | 'PENDING_DELETION' | 'DELETED' | 'ALL' | undefined;
      const all: Artifact[] = [];
      for await (const v of client.versions(a.project, a.collection!, { state })) {
        if (values.json) all.push(v);
        else io.out(`${v.name}\t${v.data.state}\t${formatBytes(v.data.sizeBytes)}\t${v.aliases.join(',')}`);
      }
      if (values.json)
        io.out(
          JSON.stringify(
            all.map((v) => v.data),
            null,
            2,
          ),
        );
      return EXIT.ok;
    }
    case 'pending': {
      const a = parseAddress(args[0] ?? '', 'project');
      const page = await client.pendingDeletion(a.project, { limit: 500 });
      print(page, () => [
        `${formatCount(page.totalCount, 'version')} pending deletion`,
        ...page.items.map(
          (i) =>
            `${i.version.collection}:${i.version.version}\tdeleted by ${i.version.deletedBy} at ${i.version.deletedAt}\tfrees ${formatBytes(i.reclaimableBytes)}\tpurged ${i.expectedPurgeAt ?? 'never (garbage collection is off)'}`,
        ),
      ]);
      return EXIT.ok;
    }
    case 'log': {
      const a = parseAddress(args[0] ?? '', 'project');
      if (!values.type || !values.name || args.length < 2) throw new UsageError('log needs --type, --name and at least one file.');
      const files = await Promise.all(args.slice(1).map(async (path) => ({ path: path.replace(/^\.\//, ''), bytes: new Uint8Array(await readFile(path)) })));
      const artifact = await client.log(a.project, { type: values.type, name: values.name, aliases: values.alias, runId: values.run, files });
      print(artifact.data, () => [`logged ${artifact.name} (${formatBytes(artifact.data.sizeBytes)})`]);
      return EXIT.ok;
    }
    case 'delete': {
      if (values.filter) return jobCommand(client, io, 'delete', args[0], values, print);
      const a = parseAddress(args[0] ?? '', 'version');
      if (dryRun) {
        const preview = await client.previewVersionDeletion(a.project, a.collection!, a.version!);
        print(preview, () => previewLines(`would delete ${a.collection}:${a.version}`, preview));
        return EXIT.ok;
      }
      const artifact = await client.artifact(a.project, a.collection!, a.version!);
      try {
        await artifact.delete({ deleteAliases });
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'ALIASES_PRESENT') throw error;
        if (values.json) io.out(JSON.stringify(errorJson(error), null, 2));
        io.err(`attic: ${error.message}`);
        for (const l of aliasesPresentHints(a.project, a.collection!, a.version!, error)) io.err(l);
        return EXIT.refused;
      }
      print(artifact.data, () => [
        `deleted ${artifact.name}: pending deletion, restorable until garbage collection (attic restore ${a.project}/${artifact.name})`,
      ]);
      return EXIT.ok;
    }
    case 'restore': {
      if (values.filter) return jobCommand(client, io, 'restore', args[0], values, print);
      const a = parseAddress(args[0] ?? '', 'version');
      const artifact = await (await client.artifact(a.project, a.collection!, a.version!)).restore();
      print({ ...artifact.data, aliasesNotRestored: artifact.aliasesNotRestored, ttlDisabled: artifact.ttlDisabled }, () => restoreLines(artifact));
      return EXIT.ok;
    }
    case 'delete-collection': {
      const a = parseAddress(args[0] ?? '', 'collection');
      if (dryRun) {
        const preview = await client.previewCollectionDeletion(a.project, a.collection!);
        print(preview, () => previewLines(`would delete collection ${a.collection}`, preview));
        return EXIT.ok;
      }
      const result = await client.deleteCollection(a.project, a.collection!);
      print(result, () => [`deleted collection ${a.collection}: ${formatCount(result.versionsDeleted, 'version')} pending deletion`]);
      return EXIT.ok;
    }
    case 'restore-collection': {
      const a = parseAddress(args[0] ?? '', 'collection');
      const result = await client.restoreCollection(a.project, a.collection!);
      print(result, () => [
        `restored collection ${a.collection}: ${formatCount(result.versionsRestored, 'version')} back${result.versionsGone ? `, ${result.versionsGone} already garbage-collected` : ''}`,
        ...result.aliasesNotRestored.map(
          (n) => `  ${n.alias} stays where it is now; take it back with: attic alias mv ${a.project}/${a.collection} ${n.alias} ${n.version}`,
        ),
      ]);
      return EXIT.ok;
    }
    case 'alias':
      return aliasCommand(client, args, print);
    case 'delete-run': {
      const a = parseAddress(args[0] ?? '', 'project');
      if (!args[1]) throw new UsageError('delete-run needs a run id.');
      return deleteMany(io, client.loggedArtifacts(a.project, args[1]), { deleteAliases, dryRun, json: values.json });
    }
    case 'delete-unaliased': {
      const a = parseAddress(args[0] ?? '', 'collection');
      // Collected first: deleting while paging would shift the pages.
      const all: Artifact[] = [];
      for await (const v of client.versions(a.project, a.collection!)) all.push(v);
      return deleteMany(io, toAsync(all), { deleteAliases: false, dryRun, json: values.json, filter: (v) => v.aliases.length === 0 });
    }
    case 'gc': {
      if (args[0] === 'status') {
        const status = await client.gcStatus();
        print(status, () => [
          status.enabled ? `garbage collection is on; next run ${status.nextRunAt ?? 'not scheduled'}` : (status.disabledReason ?? 'garbage collection is off'),
          `${formatCount(status.pendingVersions, 'version')} pending deletion, ${formatBytes(status.reclaimableBytes)} reclaimable`,
        ]);
        return EXIT.ok;
      }
      if (args[0] === 'run') {
        const run = await client.runGc({ dryRun, wait: true });
        print(run, () => [
          `${run.dryRun ? 'dry run' : 'run'} ${run.id} ${run.status}: ${formatCount(run.versionsPurged, 'version')} purged, ${formatCount(run.blobsDeleted, 'blob')} deleted, ${formatBytes(run.bytesReclaimed)} reclaimed${run.error ? ` (${run.error})` : ''}`,
        ]);
        return run.status === 'failed' ? EXIT.failure : EXIT.ok;
      }
      throw new UsageError('gc needs "status" or "run".');
    }
    default:
      throw new UsageError(`"${command}" is not a command.`);
  }
}

function restoreLines(artifact: Artifact): string[] {
  const own = artifact.data.aliases.filter((a) => a !== 'latest');
  const lines = [`restored ${artifact.name}${own.length ? ` with its aliases ${own.join(', ')}` : ''}`];
  for (const alias of artifact.aliasesNotRestored)
    lines.push(
      `  ${alias} stays where it is now; take it back with: attic alias mv ${artifact.data.entity}/${artifact.data.project}/${artifact.data.collection} ${alias} ${artifact.data.version}`,
    );
  if (artifact.ttlDisabled) lines.push('  its TTL had deleted it: the TTL is now off (set a new one with PUT .../ttl)');
  return lines;
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
