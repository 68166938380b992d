#!/usr/bin/env -S node --import tsx
/** `npm run attic -- <command>`: the CLI entry point. */
import { ApiError } from '../../domain';
import { AtticClient } from '../attic-client';
import { runCli } from './commands';

const argv = process.argv.slice(2);
const serverFlag = argv.indexOf('--server');
const baseUrl = serverFlag >= 0 ? argv[serverFlag + 1] : undefined;
const client = new AtticClient({ baseUrl });

runCli(argv, client, { out: (l) => console.log(l), err: (l) => console.error(l) })
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ApiError) {
      console.error(`attic: ${error.code}: ${error.message}`);
      if (error.code === 'ALIASES_PRESENT')
        console.error('attic: run it again with --delete-aliases to delete the aliases with the version, or move them first with attic alias mv.');
    } else console.error(`attic: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
