/** What the CLI talks to: stdout, stderr and, on a terminal, a prompt and Ctrl-C. Tests hand in their own. */
export interface CliIo {
  /** stdout: the command's result only (one JSON document with --json). */
  out: (line: string) => void;
  /** stderr: progress, prompts' context, hints and errors. */
  err: (line: string) => void;
  /** Writes to stderr without a newline; given only when stderr is a terminal (a progress bar is drawn then). */
  errTTY?: (text: string) => void;
  /** Asks a yes/no question; given only when stdin is a terminal (otherwise a delete needs --yes). */
  confirm?: (question: string) => Promise<boolean>;
  /** While a handler is registered, Ctrl-C calls it instead of exiting; returns the unregister function. */
  onInterrupt?: (handler: () => void) => () => void;
  /** Pause between polls of a job, in ms (default 250). */
  pollMs?: number;
}
