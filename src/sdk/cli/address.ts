/** Parses the CLI's addresses: `entity/project`, `entity/project/collection`, `entity/project/collection:version`. */
import { UsageError } from './exit-codes';

export interface Address {
  project: string;
  collection?: string;
  version?: string;
}

export function parseAddress(text: string, needs: 'project' | 'collection' | 'version'): Address {
  const [path, version] = text.split(':');
  const parts = (path ?? '').split('/');
  const hint = { project: 'entity/project', collection: 'entity/project/collection', version: 'entity/project/collection:version' }[needs];
  const bad = () =>
    new UsageError(`"${text}" is not ${needs === 'project' ? 'a project' : needs === 'collection' ? 'a collection' : 'a version'} address: expected ${hint}.`);
  if (parts.length < 2 || parts.some((p) => p === '')) throw bad();
  const project = `${parts[0]}/${parts[1]}`;
  if (needs === 'project') {
    if (parts.length !== 2 || version !== undefined) throw bad();
    return { project };
  }
  if (parts.length !== 3) throw bad();
  if (needs === 'collection') {
    if (version !== undefined) throw bad();
    return { project, collection: parts[2] };
  }
  if (!version) throw bad();
  return { project, collection: parts[2], version };
}
