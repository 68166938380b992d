import type { GcStatus } from '../../../../domain';
import { RelativeTime } from '../../../ui/relative-time';
import { expectedPurgeAt, formatDuration } from './purge-schedule';

/** Props of `RetentionNote`: what is deleted ("The version", "Its 12 versions") and the collector's status, once known. */
export interface RetentionNoteProps {
  subject: string;
  /** Verb agreement for `subject`. */
  plural?: boolean;
  gc: GcStatus | undefined;
}

/**
 * The sentence every delete dialog opens with: a soft delete, files kept until garbage collection,
 * restorable until then, and when that is (or that collection is off, and why).
 */
export function RetentionNote({ subject, plural = false, gc }: RetentionNoteProps) {
  const [is, them, their] = plural ? ['are', 'them', 'their'] : ['is', 'it', 'its'];
  const lead = `${subject} ${is} soft-deleted: ${their} files stay in storage until garbage collection`;
  const restorable = ` You can restore ${them} until then.`;

  if (!gc) return <>{`${lead}.${restorable}`}</>;
  if (!gc.enabled) {
    const reason = gc.disabledReason ? `: ${gc.disabledReason.replace(/\.$/, '')}` : '';
    return <>{`${lead} is enabled (it is off${reason}).${restorable}`}</>;
  }
  const purgeAt = expectedPurgeAt(gc, Date.now());
  const grace = gc.graceSeconds === undefined ? null : `after a grace period of ${formatDuration(gc.graceSeconds)}`;
  return (
    <>
      {`${lead} purges ${them}`}
      {purgeAt && (
        <>
          {' '}
          <RelativeTime iso={purgeAt} />
        </>
      )}
      {(grace || gc.nextRunAt) && ' ('}
      {grace}
      {grace && gc.nextRunAt && '; '}
      {gc.nextRunAt && (
        <>
          {'next run '}
          <RelativeTime iso={gc.nextRunAt} />
        </>
      )}
      {(grace || gc.nextRunAt) && ')'}
      {`.${restorable}`}
    </>
  );
}
