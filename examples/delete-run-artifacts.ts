/**
 * The seed's "delete every artifact a run logged", aliases included:
 *   node --import tsx examples/delete-run-artifacts.ts [entity/project/runId]   (default demo/mnist/cnn-run-3)
 */
import { Api } from '../src/sdk';
import { type Connection, runAsScript } from './script';

export async function main(connection: Connection, [runPath = 'demo/mnist/cnn-run-3']: string[] = []): Promise<string[]> {
  const api = new Api(connection);
  const deleted: string[] = [];
  for await (const artifact of api.run(runPath).loggedArtifacts()) {
    // deleteAliases: true deletes versions that have aliases too (they lose them).
    await artifact.delete({ deleteAliases: true });
    deleted.push(`deleted ${artifact.name}`);
  }
  return deleted;
}

runAsScript(import.meta.url, main);
