/**
 * The CLI's exit codes, so scripts can tell a mistake in the command from the server saying no
 * from something broken (decision 155). Listed in `--help`.
 */
import { ApiError } from '../../domain';

export const EXIT = {
  ok: 0,
  /** The server could not be reached or answered 5xx, a job failed or was cancelled elsewhere, anything unexpected. */
  failure: 1,
  /** The command itself is wrong (unknown command or flag, malformed address, size or filter), or a destructive command lacks --yes off a terminal. Nothing was sent. */
  usage: 2,
  /** The server refused (any 4xx: ALIASES_PRESENT, not found, ...), or a job left some versions as they were. */
  refused: 3,
  /** Stopped by the user (Ctrl-C, or "no" at the confirmation): a running job is cancelled first. */
  interrupted: 130,
} as const;

export const EXIT_CODES_HELP = `Exit codes
  0    done
  1    failure: the server could not be reached or answered 5xx, or a job failed (or was cancelled elsewhere)
  2    usage error: unknown command or flag, malformed address, size, time or filter, or a delete without --yes
       when stdin is not a terminal; nothing was sent
  3    refused: the server answered 4xx (ALIASES_PRESENT, ..._NOT_FOUND, ...), or a job refused some versions
  130  interrupted: Ctrl-C (a running job is cancelled; what it did stays done) or "no" at the confirmation`;

/** A mistake in the command line, found before anything was sent. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `node:util` parseArgs' own errors (unknown option, missing value) are usage errors too. */
function isParseArgsError(error: unknown): boolean {
  const code: unknown = error instanceof TypeError ? (error as TypeError & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || isParseArgsError(error)) return EXIT.usage;
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return EXIT.refused;
  return EXIT.failure;
}

/** The error's words, with its cause for a network failure (fetch says only "fetch failed"). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause && !error.message.includes(cause) ? `${error.message} (${cause})` : error.message;
}

/** The error in the contract's shape, for `--json`: scripts read one JSON document on stdout whatever happened. */
export function errorJson(error: unknown): { error: { code: string; message: string; details: Record<string, unknown> } } {
  if (error instanceof ApiError) return { error: { code: error.code, message: error.message, details: error.details } };
  const message = describeError(error);
  const code = exitCodeFor(error) === EXIT.usage ? 'USAGE_ERROR' : 'FAILURE';
  return { error: { code, message, details: {} } };
}
