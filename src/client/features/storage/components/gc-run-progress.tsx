import { Link } from 'react-router';
import { formatBytes, type GcRun, type ProjectRef } from '../../../../domain';
import { pagePaths } from '../../../lib/paths';
import { ProgressBar } from '../../../ui/progress-bar';
import { RelativeTime } from '../../../ui/relative-time';
import { plannedOf } from './gc-run-format';

/** Props of `GcRunProgress`: the run as last polled, and the project whose page shows it (for the link). */
export interface GcRunProgressProps {
  run: GcRun;
  project: ProjectRef;
}

/**
 * A run in progress: its phase, and a bar measured against what the plan announced (versions to
 * purge plus blobs to delete), so it moves through both the purge and the delete steps.
 */
export function GcRunProgress({ run, project }: GcRunProgressProps) {
  const planned = plannedOf(run);
  const max = planned.versionsPurged + planned.blobsDeleted;
  const value = Math.min(max, run.versionsPurged + run.blobsDeleted);
  const versions = `${run.versionsPurged.toLocaleString('en-US')} of ${planned.versionsPurged.toLocaleString('en-US')} versions purged`;
  const blobs = `${run.blobsDeleted.toLocaleString('en-US')} of ${planned.blobsDeleted.toLocaleString('en-US')} blobs deleted`;
  return (
    <div className="gc-progress">
      {/* The phase changes a few times per run: worth announcing, unlike every tick of the bar. */}
      <p role="status" className="gc-progress-phase">
        Garbage collection is running{run.phase ? `: ${run.phase}` : ''}
      </p>
      <ProgressBar label="Garbage collection progress" value={value} max={max} valueText={`${versions}, ${blobs}`} />
      <p className="muted gc-progress-figures">
        {versions} · {blobs} · {formatBytes(run.bytesReclaimed)} of {formatBytes(planned.bytesReclaimed)} freed · started <RelativeTime iso={run.startedAt} /> ·{' '}
        <Link to={pagePaths.gcRun(project, run.id)}>Run details</Link>
      </p>
    </div>
  );
}
