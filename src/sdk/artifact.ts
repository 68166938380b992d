/** An artifact version as the SDK hands it out, with the seed's `artifact.delete()` and the reference platform's editable `aliases` + `save()`. */
import { apiPaths, deletionPaths, RestoredVersionSchema, VersionSchema, type Version, type VersionState } from '../domain';
import type { Http } from './http';

export class Artifact {
  /** The aliases as edited here; `save()` makes them the version's (`latest` stays Attic's). */
  aliases: string[];
  /** After `restore()`: the aliases its deletion removed that another version holds now (they stay there). */
  aliasesNotRestored: string[] = [];
  /** After `restore()`: true when the TTL scanner had deleted it and its TTL is now off. */
  ttlDisabled = false;

  constructor(
    private readonly http: Http,
    private current: Version,
  ) {
    this.aliases = [...current.aliases];
  }

  /** The version as the server last answered it. */
  get data(): Version {
    return this.current;
  }

  set data(version: Version) {
    this.current = version;
    this.aliases = [...version.aliases];
  }

  // The reference platform's fields, read from the server's last answer.
  /** `v3`; null while the version is not committed yet. */
  get version(): string | null {
    return this.current.version;
  }
  get type(): string {
    return this.current.type;
  }
  get state(): VersionState {
    return this.current.state;
  }
  get sizeBytes(): number {
    return this.current.sizeBytes;
  }
  get createdAt(): string {
    return this.current.createdAt;
  }

  /** `collection:vN`, as the web app and the seed name versions. */
  get name(): string {
    return `${this.data.collection}:${this.data.version ?? this.data.id}`;
  }

  private get ref() {
    return { entity: this.data.entity, project: this.data.project };
  }

  private get label(): string {
    if (this.data.version === null) throw new Error(`${this.data.collection} ${this.data.id} is not committed yet; it has no version to address.`);
    return this.data.version;
  }

  /** Saves the edited `aliases` (an alias another version held moves here). Fails with ALIAS_MANAGED when `latest` was added or removed. */
  async save(): Promise<Artifact> {
    const body = { aliases: this.aliases };
    this.data = await this.http.json(VersionSchema, deletionPaths.versionAliases(this.ref, this.data.collection, this.label), { method: 'PUT', body });
    return this;
  }

  /** Soft delete. Fails with ALIASES_PRESENT when the version has aliases, unless `deleteAliases` is set. */
  async delete(options: { deleteAliases?: boolean } = {}): Promise<Artifact> {
    const path = apiPaths.version(this.ref, this.data.collection, this.label) + (options.deleteAliases ? '?deleteAliases=true' : '');
    this.data = await this.http.json(VersionSchema, path, { method: 'DELETE' });
    return this;
  }

  /** Undoes a delete until garbage collection has purged the version; its aliases come back unless taken meanwhile (`aliasesNotRestored`). */
  async restore(): Promise<Artifact> {
    const { aliasesNotRestored, ttlDisabled, ...version } = await this.http.json(
      RestoredVersionSchema,
      deletionPaths.restore(this.ref, this.data.collection, this.label),
      { method: 'POST' },
    );
    this.data = version;
    this.aliasesNotRestored = aliasesNotRestored;
    this.ttlDisabled = ttlDisabled;
    return this;
  }
}
