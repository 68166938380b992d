/** Test helpers that log versions through the HTTP API, as a client would. */
import { createHash } from 'node:crypto';

export interface Target {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function json(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Logs a version of `files` (path -> content), uploading whatever is missing and committing. */
export async function logFiles(
  t: Target,
  entity: string,
  project: string,
  name: string,
  files: Record<string, string>,
  extra: { type?: string; aliases?: string[]; runId?: string } = {},
) {
  const manifest = Object.entries(files).map(([path, content]) => ({ path, digest: sha(content), sizeBytes: Buffer.byteLength(content) }));
  const res = await t.fetch(
    `/api/v1/projects/${entity}/${project}/artifacts`,
    json('POST', { type: extra.type ?? 'dataset', name, aliases: extra.aliases, runId: extra.runId, files: manifest }),
  );
  if (res.status !== 201) throw new Error(`log failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { version: { id: string; state: string; version: string | null }; missingDigests: string[] };
  for (const digest of body.missingDigests) {
    const content = Object.values(files).find((c) => sha(c) === digest)!;
    const put = await t.fetch(`/api/v1/projects/${entity}/${project}/blobs/${digest}`, { method: 'PUT', body: content });
    if (put.status !== 201) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  }
  if (body.missingDigests.length === 0) return body.version;
  const commit = await t.fetch(`/api/v1/projects/${entity}/${project}/artifacts/${body.version.id}/commit`, { method: 'POST' });
  if (commit.status !== 200) throw new Error(`commit failed: ${commit.status} ${await commit.text()}`);
  return (await commit.json()) as { id: string; state: string; version: string | null };
}
