/** Seeds the demo through the same functions the log, upload and commit routes call. */
import { DEMO_ENTITY, demoArtifacts } from '../domain/demo';
import type { AtticContext } from './context';
import { sha256 } from './hash';
import { commitVersion, logVersion } from './artifacts/log-version';
import { uploadBlob } from './artifacts/upload-blob';
import { bytesSource } from './store/blob-store';

export async function seedDemo(ctx: AtticContext): Promise<number> {
  const seededAt = ctx.clock();
  let count = 0;
  for (const artifact of demoArtifacts()) {
    const at = seededAt - artifact.ageMs;
    const timed: AtticContext = { ...ctx, clock: () => at };
    const files = artifact.files.map((f) => ({ path: f.path, digest: sha256(f.content), sizeBytes: f.content.byteLength, content: f.content }));
    const body = { type: artifact.type, name: artifact.name, aliases: artifact.aliases, runId: artifact.runId, files: files.map(({ content: _, ...f }) => f) };
    const { version, missingDigests } = await logVersion(timed, DEMO_ENTITY, artifact.project, body);
    if (missingDigests.length > 0) {
      for (const digest of missingDigests) {
        const file = files.find((f) => f.digest === digest)!;
        await uploadBlob(timed, DEMO_ENTITY, artifact.project, digest, bytesSource(file.content));
      }
      await commitVersion(timed, DEMO_ENTITY, artifact.project, version.id);
    }
    count++;
  }
  return count;
}

/** True when the database holds nothing yet (the demo is only seeded into an empty DATA_DIR). */
export async function isEmpty(ctx: AtticContext): Promise<boolean> {
  const row = await ctx.db.selectFrom('projects').select('id').limit(1).executeTakeFirst();
  return !row;
}
