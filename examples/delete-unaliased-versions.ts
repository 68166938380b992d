/**
 * The seed's "delete every version of an artifact that has no aliases":
 *   node --import tsx examples/delete-unaliased-versions.ts [type] [name]   (default dataset mnist-train, in demo/mnist)
 */
import { Api } from '../src/sdk';
import { type Connection, runAsScript } from './script';

export async function main(connection: Connection, [type = 'dataset', name = 'mnist-train']: string[] = []): Promise<string[]> {
  // The entity and project complete the short name, as the reference platform's overrides do.
  const api = new Api({ ...connection, overrides: { entity: 'demo', project: 'mnist' } });
  const deleted: string[] = [];
  for await (const v of api.artifactVersions(type, name)) {
    // Versions with an alias such as `latest` or `prod` stay; add your own logic here.
    if (v.aliases.length === 0) {
      await v.delete();
      deleted.push(`deleted ${v.name}`);
    }
  }
  return deleted;
}

runAsScript(import.meta.url, main);
