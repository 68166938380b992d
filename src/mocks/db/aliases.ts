/** Alias editing, as the server's `aliases/edit-aliases.ts`: set a version's aliases, move one alias. */
import { aliasChanges, requireLatestUntouched, validateMoveAlias, validateSetAliases } from '../../domain/aliases';
import type { ProjectRef } from '../../domain/api-paths';
import { errors } from '../../domain/errors';
import { versionLabel } from '../../domain/names';
import type { Version } from '../../domain/schemas';
import { findCollection } from './browse';
import type { VersionAddress } from './delete';
import type { CollectionRecord, VersionRecord } from './records';
import { toVersion } from './serialize';
import { resolveVersion, type MockStore } from './store';

function requireCommitted(collection: CollectionRecord, version: VersionRecord, ref: string): void {
  if (version.state !== 'COMMITTED') throw errors.notCommitted(collection.name, version.index === null ? ref : versionLabel(version.index), version.state);
}

/** Gives the alias to the version, taking it from whichever version of the collection held it. */
function giveAlias(collection: CollectionRecord, alias: string, version: VersionRecord): void {
  collection.aliases.get(alias)?.aliases.delete(alias);
  collection.aliases.set(alias, version);
  version.aliases.add(alias);
}

/** `PUT .../versions/:version/aliases`: the body first, then the path, then `latest` (400 ALIAS_MANAGED), then the state (409 NOT_COMMITTED). */
export function setVersionAliases(store: MockStore, ref: ProjectRef, address: VersionAddress, body: unknown, at: number): Version {
  const desired = validateSetAliases(body);
  const collection = findCollection(store, ref, address.collection);
  const version = resolveVersion(collection, address.version);
  const current = [...version.aliases];
  requireLatestUntouched(current, desired);
  requireCommitted(collection, version, address.version);
  const { add, remove } = aliasChanges(current, desired);
  for (const alias of add) giveAlias(collection, alias, version);
  for (const alias of remove) {
    collection.aliases.delete(alias);
    version.aliases.delete(alias);
  }
  if (add.length + remove.length > 0) collection.updatedAt = at;
  return toVersion(version);
}

/** `POST .../collections/:collection/aliases/:alias/move` with `{to}`: answers the version that now holds it. */
export function moveAlias(store: MockStore, ref: ProjectRef, collectionName: string, alias: string, body: unknown, at: number): Version {
  const { to } = validateMoveAlias(alias, body);
  const collection = findCollection(store, ref, collectionName);
  const holder = collection.aliases.get(alias);
  if (!holder) throw errors.aliasNotFound(collection.name, alias);
  const target = resolveVersion(collection, to);
  requireCommitted(collection, target, to);
  if (holder !== target) {
    giveAlias(collection, alias, target);
    collection.updatedAt = at;
  }
  return toVersion(target);
}
