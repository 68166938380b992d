/**
 * What the examples share: the connection they take (ATTIC_URL, ATTIC_API_KEY) and running as a
 * script (`node --import tsx examples/x.ts [args]`) as well as being imported by the tests.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ApiOptions } from '../src/sdk';

/** Where the server is and who asks; the recipes add their own `overrides`. */
export type Connection = Pick<ApiOptions, 'baseUrl' | 'apiKey' | 'fetch'>;

/** Runs `main` with the connection from the environment and the command line's arguments, when the file is the script node was started with. */
export function runAsScript(moduleUrl: string, main: (connection: Connection, args: string[]) => Promise<string[]>): void {
  const started = process.argv[1];
  if (!started || realpathSync(started) !== realpathSync(fileURLToPath(moduleUrl))) return;
  const connection: Connection = { baseUrl: process.env.ATTIC_URL ?? 'http://127.0.0.1:8080', apiKey: process.env.ATTIC_API_KEY };
  main(connection, process.argv.slice(2)).then(
    (lines) => {
      for (const line of lines) console.log(line);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}
