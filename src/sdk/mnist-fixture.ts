/**
 * For the SDK's tests: a small demo/mnist project with the demo's names (the full demo logs
 * 2,000 versions, too slow to seed per test). mnist-train and mnist-test are datasets, cnn a
 * model; cnn versions are logged two per run (`cnn-run-0` holds v0 and v1, ... `cnn-run-3` v6
 * and v7), as the demo does. Aliases: mnist-train:v1 `prod`, cnn:v6 `prod`, cnn:v3 `best`,
 * plus `latest` on each newest version.
 */
import type { Api } from './api';
import type { AtticClient } from './attic-client';

const bytes = (s: string) => new TextEncoder().encode(s);

export async function logMnistFixture(client: AtticClient): Promise<void> {
  const plans = [
    { type: 'dataset', name: 'mnist-train', count: 5, aliases: (i: number) => (i === 1 ? ['prod'] : []) },
    { type: 'dataset', name: 'mnist-test', count: 3, aliases: () => [] },
    { type: 'model', name: 'cnn', count: 8, aliases: (i: number) => (i === 6 ? ['prod'] : i === 3 ? ['best'] : []) },
  ];
  for (const plan of plans) {
    for (let i = 0; i < plan.count; i++) {
      const files = [
        { path: 'README.md', bytes: bytes(`# ${plan.name}\n`) },
        { path: 'data.bin', bytes: bytes(`${plan.name} ${i}`) },
      ];
      await client.log('demo/mnist', { type: plan.type, name: plan.name, aliases: plan.aliases(i), runId: `${plan.name}-run-${Math.floor(i / 2)}`, files });
    }
  }
}

/** The labels of a collection's versions in one state (COMMITTED by default), newest first: what the tests compare. */
export async function versionLabels(api: Api, type: string, name: string, state: 'COMMITTED' | 'PENDING_DELETION' = 'COMMITTED'): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for await (const v of api.artifactVersions(type, name, { state })) out.push(v.version);
  return out;
}
