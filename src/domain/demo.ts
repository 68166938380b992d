/**
 * The demo data set, as a deterministic list of artifacts to log. The server seeds it through its
 * log code path and the mock backend through its own, so both show the same projects.
 */

export interface DemoFile {
  path: string;
  content: Uint8Array;
}

export interface DemoArtifact {
  project: string;
  type: string;
  name: string;
  aliases: string[];
  runId: string;
  /** Milliseconds before the seeding time at which this version was logged. */
  ageMs: number;
  files: DemoFile[];
}

export const DEMO_ENTITY = 'demo';

const HOUR = 3600_000;

/** Deterministic bytes: the same key always gives the same content. */
export function demoBytes(key: string, size: number): Uint8Array {
  let state = 2166136261;
  for (let i = 0; i < key.length; i++) state = Math.imul(state ^ key.charCodeAt(i), 16777619) >>> 0;
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

interface CollectionPlan {
  project: string;
  type: string;
  name: string;
  count: number;
  /** Hours between versions. */
  spacingHours: number;
  files: (i: number) => DemoFile[];
  /** Extra aliases given to version i when it is logged (later versions may take them). */
  aliases: (i: number, count: number) => string[];
}

const standardAliases = (i: number, count: number): string[] => {
  const aliases: string[] = [];
  if (i === count - 2) aliases.push('staging');
  if (i === Math.max(0, count - 4)) aliases.push('prod');
  if (i === Math.floor(count / 2)) aliases.push('best');
  return aliases;
};

const plans: CollectionPlan[] = [
  {
    project: 'mnist',
    type: 'dataset',
    name: 'mnist-train',
    count: 12,
    spacingHours: 20,
    // Shards change every third version, so neighbouring versions share most bytes.
    files: (i) => [
      { path: 'README.md', content: text('# MNIST training split\n\n60,000 handwritten digits, 28x28 grayscale.\n') },
      { path: 'images/shard-0.bin', content: demoBytes(`mnist-train/shard-0/${Math.floor(i / 3)}`, 180_000) },
      { path: 'images/shard-1.bin', content: demoBytes(`mnist-train/shard-1/${Math.floor(i / 4)}`, 150_000) },
      { path: 'labels.csv', content: demoBytes(`mnist-train/labels/${i}`, 12_000) },
    ],
    aliases: standardAliases,
  },
  {
    project: 'mnist',
    type: 'dataset',
    name: 'mnist-test',
    count: 5,
    spacingHours: 50,
    files: (i) => [
      { path: 'images.bin', content: demoBytes(`mnist-test/images/${Math.floor(i / 2)}`, 90_000) },
      { path: 'labels.csv', content: demoBytes(`mnist-test/labels/${i}`, 4_000) },
    ],
    aliases: standardAliases,
  },
  {
    project: 'mnist',
    type: 'model',
    name: 'cnn',
    count: 9,
    spacingHours: 26,
    files: (i) => [
      { path: 'config.json', content: text(`{"layers": 4, "dropout": 0.${Math.floor(i / 3) + 1}}\n`) },
      { path: 'model.safetensors', content: demoBytes(`cnn/weights/${i}`, 420_000) },
      { path: 'tokenizer/vocab.txt', content: demoBytes('cnn/vocab', 30_000) },
    ],
    aliases: standardAliases,
  },
  {
    project: 'mnist',
    type: 'model',
    name: 'resnet',
    count: 4,
    spacingHours: 70,
    files: (i) => [
      { path: 'model.safetensors', content: demoBytes(`resnet/weights/${i}`, 900_000) },
      { path: 'config.json', content: text('{"depth": 18}\n') },
    ],
    aliases: standardAliases,
  },
  {
    project: 'llm-finetune',
    type: 'dataset',
    name: 'instruct-mix',
    count: 6,
    spacingHours: 40,
    files: (i) => [
      { path: 'train.jsonl', content: demoBytes(`instruct/train/${Math.floor(i / 2)}`, 350_000) },
      { path: 'eval.jsonl', content: demoBytes(`instruct/eval/${i}`, 40_000) },
    ],
    aliases: standardAliases,
  },
  {
    project: 'llm-finetune',
    type: 'model',
    name: 'llama-lora',
    count: 10,
    spacingHours: 12,
    files: (i) => [
      { path: 'adapter_model.safetensors', content: demoBytes(`lora/adapter/${i}`, 600_000) },
      { path: 'adapter_config.json', content: text('{"r": 16, "alpha": 32}\n') },
      { path: 'tokenizer.json', content: demoBytes('lora/tokenizer', 80_000) },
    ],
    aliases: standardAliases,
  },
  {
    // The large collection: 2,000 evaluation snapshots, a new one every half hour.
    project: 'llm-finetune',
    type: 'eval',
    name: 'eval-logs',
    count: 2000,
    spacingHours: 0.5,
    files: (i) => [
      { path: 'metrics.json', content: text(`{"step": ${i * 100}, "loss": ${(2 / Math.sqrt(i + 1)).toFixed(4)}}\n`) },
      { path: 'predictions.parquet', content: demoBytes(`eval/predictions/${Math.floor(i / 10)}`, 8_000) },
      { path: 'schema.json', content: text('{"columns": ["id", "prompt", "completion", "score"]}\n') },
    ],
    aliases: (i, count) => (i === count - 2 ? ['staging'] : i === 1500 ? ['best'] : []),
  },
];

/** Every demo artifact, oldest first within each collection. */
export function* demoArtifacts(): Generator<DemoArtifact> {
  for (const plan of plans) {
    for (let i = 0; i < plan.count; i++) {
      yield {
        project: plan.project,
        type: plan.type,
        name: plan.name,
        aliases: plan.aliases(i, plan.count),
        runId: `${plan.name}-run-${Math.floor(i / 2)}`,
        ageMs: Math.round((plan.count - i) * plan.spacingHours * HOUR),
        files: plan.files(i),
      };
    }
  }
}
