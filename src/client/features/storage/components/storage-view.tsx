import { useId } from 'react';
import type { ProjectRef } from '../../../../domain';
import { useGcStatus } from '../../deletion/api/get-gc-status';
import { useProjectStorage } from '../api/get-project-storage';
import { GcRunHistory } from './gc-run-history';
import { GcStatusLine } from './gc-status-line';
import { RunGcControl } from './run-gc-control';
import { StorageFigures } from './storage-figures';

/**
 * The storage page: the collector's status, what the project stores (live, pending deletion,
 * trash), the server-wide figures, `Run garbage collection`, and the history of runs.
 */
export function StorageView({ project }: { project: ProjectRef }) {
  const gc = useGcStatus();
  const storage = useProjectStorage(project);
  const historyHeading = useId();
  return (
    <div className="workspace-body">
      <title>{`Storage · ${project.entity}/${project.project} · Attic`}</title>
      <header className="workspace-header">
        <div className="workspace-heading">
          <h1 className="workspace-title">Storage</h1>
          <GcStatusLine status={gc} />
        </div>
      </header>
      <RunGcControl status={gc} project={project} />
      <StorageFigures project={project} storage={storage} gc={gc} />
      <section aria-labelledby={historyHeading}>
        <h2 id={historyHeading} className="section-title">
          History
        </h2>
        <GcRunHistory project={project} />
      </section>
    </div>
  );
}
