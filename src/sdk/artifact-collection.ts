/** A collection as the reference platform's `api.artifact_collection(type, path)` hands it out: its fields, its versions, delete and restore. */
import type { Collection, CollectionRestoreResponse, VersionStateFilter } from '../domain';
import type { Artifact } from './artifact';
import type { AtticClient } from './attic-client';

export class ArtifactCollection {
  constructor(
    private readonly client: AtticClient,
    private current: Collection,
  ) {}

  /** The collection as the server last answered it. */
  get data(): Collection {
    return this.current;
  }
  get name(): string {
    return this.current.name;
  }
  get type(): string {
    return this.current.type;
  }
  get state(): Collection['state'] {
    return this.current.state;
  }

  private get project(): string {
    return `${this.current.entity}/${this.current.project}`;
  }

  /** Every version, newest first (COMMITTED unless `state` says otherwise). */
  versions(options: { state?: VersionStateFilter } = {}): AsyncGenerator<Artifact> {
    return this.client.versions(this.project, this.current.name, options);
  }

  /** Soft-deletes the collection and every version in it (aliases included); answers how many versions it took. */
  async delete(): Promise<{ versionsDeleted: number }> {
    const { collection, versionsDeleted } = await this.client.deleteCollection(this.project, this.current.name);
    this.current = collection;
    return { versionsDeleted };
  }

  /** Undoes `delete()` for the versions garbage collection has not purged yet. */
  async restore(): Promise<Omit<CollectionRestoreResponse, 'collection'>> {
    const { collection, ...outcome } = await this.client.restoreCollection(this.project, this.current.name);
    this.current = collection;
    return outcome;
  }
}
