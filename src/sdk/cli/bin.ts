#!/usr/bin/env -S node --import tsx
/**
 * `npm run attic -- <command>`: the CLI entry point. It wires the process to the CLI: ATTIC_URL or
 * --server, ATTIC_API_KEY (sent as `Authorization: Bearer`) or the key `attic login` stored, a prompt and a progress bar only when
 * stdin / stderr are terminals, and Ctrl-C, which cancels a running job before quitting.
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AtticClient } from '../attic-client';
import { runCli } from './commands';
import { storedKey } from './credentials';
import { loginCommand } from './login';
import type { CliIo } from './io';

const argv = process.argv.slice(2);
// Only --server matters here; runCli parses (and checks) the whole command line.
const { values } = parseArgs({ args: argv, options: { server: { type: 'string' }, username: { type: 'string' } }, strict: false, allowPositionals: true });
const baseUrl = (typeof values.server === 'string' ? values.server : (process.env.ATTIC_URL ?? 'http://127.0.0.1:8080')).replace(/\/$/, '');
// ATTIC_API_KEY wins; otherwise the key `attic login` stored for this server.
const client = new AtticClient({ baseUrl, apiKey: process.env.ATTIC_API_KEY || storedKey(baseUrl) });

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

/** A question on the terminal; a secret's answer is not echoed. */
async function ask(question: string, secret: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stderr.write(chunk, encoding);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    process.stderr.write(question);
    muted = secret;
    return await rl.question('');
  } finally {
    rl.close();
    if (secret) process.stderr.write('\n');
  }
}

async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) return line;
  return '';
}

process.exitCode =
  argv[0] === 'login'
    ? await loginCommand(baseUrl, typeof values.username === 'string' ? values.username : undefined, {
        err: io.err,
        ask: process.stdin.isTTY ? ask : undefined,
        readLine,
      })
    : await runCli(argv, client, io);
