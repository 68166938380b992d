/** Test data made through the REST API, as a client would: each test logs its own project so tests never share state. */
import { createHash, randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';

export interface VersionSpec {
  files: Record<string, string>;
  aliases?: string[];
}

export const ENTITY = 'e2e';

export function uniqueProject(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Logs each version in order (uploading missing blobs, committing), oldest first. */
export async function logCollection(request: APIRequestContext, project: string, type: string, name: string, versions: VersionSpec[]): Promise<void> {
  for (const spec of versions) {
    const files = Object.entries(spec.files).map(([path, content]) => ({ path, digest: sha(content), sizeBytes: Buffer.byteLength(content), content }));
    const logged = await request.post(`/api/v1/projects/${ENTITY}/${project}/artifacts`, {
      data: { type, name, aliases: spec.aliases ?? [], runId: 'e2e-run', files: files.map(({ content: _, ...f }) => f) },
    });
    expect(logged.status()).toBe(201);
    const body = (await logged.json()) as { version: { id: string }; missingDigests: string[] };
    for (const digest of body.missingDigests) {
      const file = files.find((f) => f.digest === digest)!;
      expect((await request.put(`/api/v1/projects/${ENTITY}/${project}/blobs/${digest}`, { data: Buffer.from(file.content) })).status()).toBe(201);
    }
    if (body.missingDigests.length > 0) {
      expect((await request.post(`/api/v1/projects/${ENTITY}/${project}/artifacts/${body.version.id}/commit`)).status()).toBe(200);
    }
  }
}

export async function deleteVersionViaApi(request: APIRequestContext, project: string, collection: string, version: string): Promise<void> {
  const res = await request.delete(`/api/v1/projects/${ENTITY}/${project}/collections/${collection}/versions/${version}?deleteAliases=true`);
  expect(res.status()).toBe(200);
}
