/** A deletion job as the dialog shows it: its progress while it runs, then what it did and what it refused. */
import { formatCount, isFinishedJob, type DeletionJob, type DeletionJobRefusal } from '../../../../domain';
import { ProgressBar } from '../../../ui/progress-bar';

const REFUSAL_WORDS: Record<string, string> = {
  ALIASES_PRESENT: 'has aliases (left as it was)',
  PROTECTED_ALIAS: 'holds a protected alias',
  ALREADY_DELETED: 'was already deleted',
  NOT_DELETED: 'is not deleted (nothing to restore)',
  ALREADY_GARBAGE_COLLECTED: 'was garbage-collected: its files are gone',
};

const verb = (job: DeletionJob) => (job.action === 'delete' ? 'deleted' : 'restored');

/** The bar and its figures; the bar stays at its end once the job has finished. */
export function JobProgress({ job }: { job: DeletionJob }) {
  const handled = job.done + job.failed;
  const figures = `${handled.toLocaleString('en-US')} of ${formatCount(job.total, 'version')} handled: ${job.done.toLocaleString('en-US')} ${verb(job)}${job.failed > 0 ? `, ${job.failed.toLocaleString('en-US')} refused` : ''}`;
  return (
    <div className="dialog-section">
      <ProgressBar label={job.action === 'delete' ? 'Deletion progress' : 'Restore progress'} value={handled} max={job.total} valueText={figures} />
      <p className="muted job-figures">{figures}</p>
    </div>
  );
}

/** One sentence on how the job ended, announced when it appears. */
export function jobOutcomeSentence(job: DeletionJob): string {
  const did = `${job.action === 'delete' ? 'Deleted' : 'Restored'} ${job.done.toLocaleString('en-US')} of ${formatCount(job.total, 'version')}`;
  if (!isFinishedJob(job.state)) return `${job.action === 'delete' ? 'Deleting' : 'Restoring'}…`;
  if (job.state === 'cancelled') return `Stopped. ${did}; the others were left as they were.`;
  if (job.state === 'failed') return `The job failed. ${did} before it stopped; the others were left as they were.`;
  return `${did}.`;
}

/** Each version the job left alone and why, by name; the server lists the first 1,000. */
export function JobRefusals({ job }: { job: DeletionJob }) {
  if (job.failed === 0) return null;
  const more = job.failed - job.refusals.length;
  return (
    <div className="dialog-section">
      <p className="dialog-note">{`${formatCount(job.failed, 'version')} refused:`}</p>
      <ul className="job-refusals" aria-label="Refused versions">
        {job.refusals.map((r) => (
          <li key={`${r.collection}:${r.version}`}>
            <span className="mono">{refusedName(r)}</span> {REFUSAL_WORDS[r.code] ?? r.code}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">{`and ${formatCount(more, 'more version')}.`}</p>}
    </div>
  );
}

const refusedName = (r: DeletionJobRefusal) => `${r.collection}:${r.version ?? 'uploading'}`;
