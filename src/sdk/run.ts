/** A run as the reference platform's `api.run(path)` hands it out: a handle whose `loggedArtifacts()` lists what it created. */
import type { VersionStateFilter } from '../domain';
import type { Artifact } from './artifact';
import type { AtticClient } from './attic-client';
import type { ProjectPath } from './paths';

export class Run {
  constructor(
    private readonly client: AtticClient,
    private readonly path: ProjectPath & { runId: string },
  ) {}

  get id(): string {
    return this.path.runId;
  }
  get entity(): string {
    return this.path.entity;
  }
  get project(): string {
    return this.path.project;
  }

  /**
   * The versions this run logged (COMMITTED unless `state` says otherwise). Deleting them while
   * iterating is safe: pages are keyed on the last version shown, not on an offset. A run that
   * logged nothing in the project fails with `NotFoundError` (RUN_NOT_FOUND) on the first step.
   */
  loggedArtifacts(options: { state?: VersionStateFilter } = {}): AsyncGenerator<Artifact> {
    return this.client.loggedArtifacts(`${this.path.entity}/${this.path.project}`, this.path.runId, options);
  }
}
