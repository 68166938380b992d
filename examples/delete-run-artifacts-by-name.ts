/**
 * The seed's "delete the versions a run logged whose name ends in v3 or v4":
 *   node --import tsx examples/delete-run-artifacts-by-name.ts [entity/project/runId]   (default demo/mnist/cnn-run-1)
 */
import { Api } from '../src/sdk';
import { type Connection, runAsScript } from './script';

export async function main(connection: Connection, [runPath = 'demo/mnist/cnn-run-1']: string[] = []): Promise<string[]> {
  const api = new Api(connection);
  const deleted: string[] = [];
  for await (const artifact of api.run(runPath).loggedArtifacts()) {
    // Replace this with your own deletion logic.
    if (artifact.name.endsWith('v3') || artifact.name.endsWith('v4')) {
      await artifact.delete({ deleteAliases: true });
      deleted.push(`deleted ${artifact.name}`);
    }
  }
  return deleted;
}

runAsScript(import.meta.url, main);
