/**
 * The seed's "delete an artifact collection" (every version in it, aliases included):
 *   node --import tsx examples/delete-collection.ts [type] [entity/project/name]   (default dataset demo/mnist/mnist-test)
 */
import { Api } from '../src/sdk';
import { type Connection, runAsScript } from './script';

export async function main(connection: Connection, [type = 'dataset', path = 'demo/mnist/mnist-test']: string[] = []): Promise<string[]> {
  const api = new Api({ ...connection, overrides: { entity: 'demo', project: 'mnist' } });
  // A collection of another type is a TypeMismatchError here, before anything is deleted.
  const collection = await api.artifactCollection(type, path);
  const { versionsDeleted } = await collection.delete();
  return [`deleted ${collection.name} (${versionsDeleted} versions); undo with collection.restore() until garbage collection purges it`];
}

runAsScript(import.meta.url, main);
