/**
 * Seeds the demo through the same functions the log, upload and commit routes call, resumably: a
 * `demo_seed` row of `server_state` says the seed started (and at what time) or is complete, so a
 * server killed mid-seed finishes the demo when it starts again (decision 041). In a fleet, the
 * server seeding holds the `demo-seed` lease: the others start without seeding, and keep trying
 * (`seedDemoWhenFree`), so that one of them finishes the seed if that server dies (decision 180).
 */
import { DEMO_ENTITY, demoArtifacts, type DemoArtifact } from '../domain/demo';
import type { AtticContext } from './context';
import { everyThirdOfLease, type Fleet } from './fleet/fleet';
import { sha256 } from './hash';
import { commitVersion, logVersion } from './artifacts/log-version';
import { uploadBlob } from './artifacts/upload-blob';
import { bytesSource } from './store/blob-store';

const MARKER = 'demo_seed';
const SEED_LEASE = 'demo-seed';

type SeedState = { state: 'started'; seededAt: number } | { state: 'complete' };

/** Another server of the fleet holds the seed's lease: it is seeding, or died seeding and its lease has not lapsed yet. */
export const SEEDED_ELSEWHERE = 'seeded elsewhere';

/**
 * Seeds the demo into an empty DATA_DIR, or finishes a seed a crash interrupted; returns how many
 * versions it logged, null when there was nothing to do (seeded already, or data of its own), or
 * SEEDED_ELSEWHERE.
 */
export async function seedDemoIfNeeded(ctx: AtticContext, fleet: Fleet): Promise<number | null | typeof SEEDED_ELSEWHERE> {
  const state = await ctx.db.transaction().execute(async (trx): Promise<SeedState | null | typeof SEEDED_ELSEWHERE> => {
    const row = await trx.selectFrom('server_state').select('value').where('key', '=', MARKER).executeTakeFirst();
    let state: SeedState;
    if (row) state = JSON.parse(row.value) as SeedState;
    else {
      // Only an empty store gets the demo; the check and the marker are one transaction.
      if (await trx.selectFrom('projects').select('id').limit(1).executeTakeFirst()) return null;
      state = { state: 'started', seededAt: ctx.clock() };
      await trx
        .insertInto('server_state')
        .values({ key: MARKER, value: JSON.stringify(state) })
        .execute();
    }
    if (state.state !== 'started') return null;
    // Another server of the fleet alive and seeding: leave it to it.
    if ((await fleet.claim(trx, SEED_LEASE, null)) !== null) return SEEDED_ELSEWHERE;
    return state;
  });
  if (state === SEEDED_ELSEWHERE) return state;
  if (state?.state !== 'started') return null;
  const count = await seedDemo(ctx, state.seededAt);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('server_state')
      .set({ value: JSON.stringify({ state: 'complete' } satisfies SeedState) })
      .where('key', '=', MARKER)
      .execute();
    await fleet.release(trx, SEED_LEASE);
  });
  return count;
}

/**
 * The demo seed of a server that starts while another holds the seed's lease: tried again every
 * third of a lease until the seed is complete, so that when the seeding server dies (and a server
 * restarted at once after a kill finds its own dead predecessor's lease still live) this one
 * finishes it once that lease lapses, instead of leaving a partial demo until the next start.
 * Returns the stop.
 */
export function seedDemoWhenFree(ctx: AtticContext, fleet: Fleet, seeded: (count: number) => void): () => void {
  const stop = everyThirdOfLease(fleet, 'demo seed', async () => {
    const result = await seedDemoIfNeeded(ctx, fleet);
    if (result === SEEDED_ELSEWHERE) return;
    stop();
    if (result !== null) seeded(result);
  });
  return stop;
}

/**
 * Logs every demo artifact not logged yet, in order. Seeding is sequential, so the demo versions
 * already in the database are the first artifacts; the last of them may still be PENDING (killed
 * between log and commit), and is uploaded and committed. Returns how many versions it logged.
 */
async function seedDemo(ctx: AtticContext, seededAt: number): Promise<number> {
  const done = await ctx.db.selectFrom('versions').select(['id', 'state']).where('entity', '=', DEMO_ENTITY).orderBy('seq').execute();
  let index = 0;
  let count = 0;
  for (const artifact of demoArtifacts()) {
    const timed: AtticContext = { ...ctx, clock: () => seededAt - artifact.ageMs };
    const previous = done[index++];
    if (previous?.state === 'PENDING')
      await uploadAndCommit(
        timed,
        artifact,
        previous.id,
        filesOf(artifact).map((f) => f.digest),
      );
    if (previous) continue;
    const files = filesOf(artifact);
    const body = { type: artifact.type, name: artifact.name, aliases: artifact.aliases, runId: artifact.runId, files: files.map(({ content: _, ...f }) => f) };
    const { version, missingDigests } = await logVersion(timed, DEMO_ENTITY, artifact.project, body);
    if (missingDigests.length > 0) await uploadAndCommit(timed, artifact, version.id, missingDigests);
    count++;
  }
  return count;
}

function filesOf(artifact: DemoArtifact) {
  return artifact.files.map((f) => ({ path: f.path, digest: sha256(f.content), sizeBytes: f.content.byteLength, content: f.content }));
}

async function uploadAndCommit(ctx: AtticContext, artifact: DemoArtifact, versionId: string, digests: string[]): Promise<void> {
  const files = filesOf(artifact);
  for (const digest of new Set(digests)) {
    const file = files.find((f) => f.digest === digest)!;
    await uploadBlob(ctx, DEMO_ENTITY, artifact.project, digest, bytesSource(file.content));
  }
  await commitVersion(ctx, DEMO_ENTITY, artifact.project, versionId);
}
