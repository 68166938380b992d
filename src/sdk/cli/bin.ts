#!/usr/bin/env -S node --import tsx
/**
 * `npm run attic -- <command>`: the CLI entry point. It wires the process to the CLI: ATTIC_URL or
 * --server, ATTIC_API_KEY (sent as `Authorization: Bearer`), a prompt and a progress bar only when
 * stdin / stderr are terminals, and Ctrl-C, which cancels a running job before quitting.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { AtticClient } from '../attic-client';
import { runCli } from './commands';
import type { CliIo } from './io';

const argv = process.argv.slice(2);
// Only --server matters here; runCli parses (and checks) the whole command line.
const { values } = parseArgs({ args: argv, options: { server: { type: 'string' } }, strict: false, allowPositionals: true });
const client = new AtticClient({ baseUrl: typeof values.server === 'string' ? values.server : undefined, apiKey: process.env.ATTIC_API_KEY || undefined });

let interrupt: (() => void) | null = null;
process.on('SIGINT', () => {
  // The first Ctrl-C during a job cancels it; otherwise (or the second time) quit at once.
  const handler = interrupt;
  interrupt = null;
  if (handler) handler();
  else process.exit(130);
});

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  errTTY: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
  confirm: process.stdin.isTTY ? confirm : undefined,
  onInterrupt: (handler) => {
    interrupt = handler;
    return () => {
      if (interrupt === handler) interrupt = null;
    };
  },
};

process.exitCode = await runCli(argv, client, io);
