/**
 * Tests only: `ATTIC_TEST_HOLD` stops a child server at a chosen point, so that a test can kill it
 * (SIGKILL) in a known state instead of after a random delay. The server prints
 * `[attic] test hold: <spec>` when it gets there, then that one operation waits forever while the
 * server keeps answering other requests. Unset (always, outside tests), nothing is wrapped.
 *
 * - `gc:<before|after>:<step>:<batch>`: a garbage-collection run, before or after the batch-th time
 *   it runs a step (`purge`, `decide`, `trash`, `drop`, ...; see gc/hooks.ts).
 * - `upload:published:<n>`: the n-th blob upload, after its file is in place and before its row exists.
 *
 * `ATTIC_TEST_GC_BATCH_SIZE` gives garbage collection smaller batches than its 1,000, so that a test
 * on a smaller store still sees runs of many batches (the crash test on PostgreSQL + S3).
 */
import type { GcPoint, GcTestHooks } from './gc/hooks';
import type { BlobStore } from './store/blob-store';

export interface TestHolds {
  gc?: GcTestHooks;
  gcBatchSize?: number;
  wrapBlobs?: (store: BlobStore) => BlobStore;
}

function hold(spec: string): Promise<never> {
  console.log(`[attic] test hold: ${spec}`);
  return new Promise<never>(() => undefined);
}

export function testHoldsFromEnv(env: NodeJS.ProcessEnv): TestHolds {
  const batchSize = env.ATTIC_TEST_GC_BATCH_SIZE;
  if (batchSize !== undefined && !(Number(batchSize) > 0)) throw new Error(`ATTIC_TEST_GC_BATCH_SIZE="${batchSize}" is not a positive number.`);
  return { ...holdFromEnv(env.ATTIC_TEST_HOLD), ...(batchSize ? { gcBatchSize: Number(batchSize) } : {}) };
}

function holdFromEnv(spec: string | undefined): TestHolds {
  if (!spec) return {};
  const [area, when, step, count] = spec.split(':');
  if (area === 'gc' && (when === 'before' || when === 'after') && step && Number(count) > 0) {
    const at = (point: GcPoint) => (point.step === step && point.batch === Number(count) ? hold(spec) : undefined);
    return { gc: when === 'before' ? { before: at } : { after: at } };
  }
  if (area === 'upload' && when === 'published' && Number(step) > 0) {
    let published = 0;
    return {
      wrapBlobs(store) {
        const wrapped = Object.create(store) as BlobStore;
        wrapped.publish = async (...args) => {
          await store.publish(...args);
          if (++published === Number(step)) await hold(spec);
        };
        return wrapped;
      },
    };
  }
  throw new Error(`ATTIC_TEST_HOLD="${spec}" is not gc:<before|after>:<step>:<batch> or upload:published:<n>.`);
}
