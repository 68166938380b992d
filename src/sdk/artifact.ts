/** An artifact version as the SDK hands it out, with the seed's `artifact.delete()` on it. */
import { apiPaths, deletionPaths, VersionSchema, type Version } from '../domain';
import type { Http } from './http';

export class Artifact {
  constructor(
    private readonly http: Http,
    public data: Version,
  ) {}

  /** `collection:vN`, as the web app and the seed name versions. */
  get name(): string {
    return `${this.data.collection}:${this.data.version ?? this.data.id}`;
  }

  get aliases(): string[] {
    return this.data.aliases;
  }

  private get ref() {
    return { entity: this.data.entity, project: this.data.project };
  }

  private get label(): string {
    if (this.data.version === null) throw new Error(`${this.data.collection} ${this.data.id} is not committed yet; it has no version to address.`);
    return this.data.version;
  }

  /** Soft delete. Fails with ALIASES_PRESENT when the version has aliases, unless `deleteAliases` is set. */
  async delete(options: { deleteAliases?: boolean } = {}): Promise<Artifact> {
    const path = apiPaths.version(this.ref, this.data.collection, this.label) + (options.deleteAliases ? '?deleteAliases=true' : '');
    this.data = await this.http.json(VersionSchema, path, { method: 'DELETE' });
    return this;
  }

  /** Undoes a delete until garbage collection has purged the version. */
  async restore(): Promise<Artifact> {
    this.data = await this.http.json(VersionSchema, deletionPaths.restore(this.ref, this.data.collection, this.label), { method: 'POST' });
    return this;
  }
}
