/** Seeds the demo data set into a mock db through the same log -> upload -> commit path the handlers use. */
import { DEMO_ENTITY, demoArtifacts, type DemoArtifact } from '../domain/demo';
import { sha256Hex } from '../domain/sha256';
import { seedDemoAccounts } from './auth/demo';
import type { MockDb } from './db';

/** Creates the demo's accounts and logs every demo artifact, each created `ageMs` before `now`; returns how many versions were logged. */
export function seedDemo(db: MockDb, now: number): number {
  seedDemoAccounts(db.auth, now);
  let count = 0;
  for (const artifact of demoArtifacts()) {
    logDemoArtifact(db, artifact, now - artifact.ageMs);
    count++;
  }
  return count;
}

function logDemoArtifact(db: MockDb, artifact: DemoArtifact, at: number): void {
  const ref = { entity: DEMO_ENTITY, project: artifact.project };
  const contentByDigest = new Map<string, Uint8Array>();
  const files = artifact.files.map((file) => {
    const digest = sha256Hex(file.content);
    contentByDigest.set(digest, file.content);
    return { path: file.path, digest, sizeBytes: file.content.length };
  });
  const { version, missingDigests } = db.logVersion(
    ref,
    { type: artifact.type, name: artifact.name, aliases: artifact.aliases, runId: artifact.runId, files },
    at,
  );
  // As a client would: upload only what the db does not hold yet, then commit.
  if (missingDigests.length === 0) return;
  for (const digest of missingDigests) db.putBlob(ref, digest, contentByDigest.get(digest)!);
  db.commitVersion(ref, version.id, at);
}
