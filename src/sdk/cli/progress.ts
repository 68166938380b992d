/**
 * A deletion job's progress on stderr: a bar redrawn in place on a terminal, plain lines
 * otherwise (one per tenth of the job and per change of state, so a log stays short).
 */
import { formatCount } from '../../domain';
import type { DeletionJobProgress } from '../deletion-jobs';

const BAR_WIDTH = 30;

export interface ProgressSink {
  err: (line: string) => void;
  /** Writes to stderr without a newline; given only when stderr is a terminal. */
  errTTY?: (text: string) => void;
}

function percent(p: DeletionJobProgress): number {
  return p.total === 0 ? 100 : Math.floor(((p.done + p.failed) * 100) / p.total);
}

function figures(verb: string, p: DeletionJobProgress): string {
  return `${verb} ${(p.done + p.failed).toLocaleString('en-US')} of ${formatCount(p.total, 'version')} (${percent(p)} %), ${p.failed.toLocaleString('en-US')} refused, ${p.state}`;
}

/** The bar: `[#########.....................]  30 %  ...`. */
export function progressBar(verb: string, p: DeletionJobProgress): string {
  const filled = Math.round((percent(p) / 100) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${figures(verb, p)}`;
}

/** Returns the `onProgress` of a job, and `end` to call once it has ended. */
export function progressReporter(sink: ProgressSink, verb: string): { onProgress: (p: DeletionJobProgress) => void; end: () => void } {
  let lastTenth = -1;
  let lastState = '';
  let drawn = false;
  return {
    onProgress(p) {
      if (sink.errTTY) {
        // \r back to the start, ESC[K clears what a longer previous line left.
        sink.errTTY(`\r${progressBar(verb, p)}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(percent(p) / 10);
      if (tenth === lastTenth && p.state === lastState) return;
      lastTenth = tenth;
      lastState = p.state;
      sink.err(figures(verb, p));
    },
    end() {
      if (drawn) sink.errTTY?.('\n');
    },
  };
}
