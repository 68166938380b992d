// An audit entry names what a change was to, so that filtering the log by a collection finds every
// change to it. A probe found logs and commits outside that filter: a log's target was only its
// project (the collection is in the body), and a commit's was "<project> job <version id>".
import { afterEach, beforeEach, expect, it } from 'vitest';
import { API_BASE, authPaths } from '../../domain';
import { json, logFiles, sha } from '../test/log-helpers';
import { createTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeEach(async () => {
  server = await createTestServer();
});
afterEach(async () => server.close());

it("a collection's log filter finds the log and the commit of its versions, each naming the collection (and the commit its version)", async () => {
  const content = 'weights';
  const logged = await server.fetch(
    `${API_BASE}/projects/team/p/artifacts`,
    json('POST', { type: 'model', name: 'model', files: [{ path: 'w', digest: sha(content), sizeBytes: content.length }] }),
  );
  const { version } = (await logged.json()) as { version: { id: string } };
  expect((await server.fetch(`${API_BASE}/projects/team/p/blobs/${sha(content)}`, { method: 'PUT', body: content })).status).toBe(201);
  expect((await server.fetch(`${API_BASE}/projects/team/p/artifacts/${version.id}/commit`, { method: 'POST' })).status).toBe(200);

  const res = await server.fetch(`${authPaths.audit('team')}?target=${encodeURIComponent('team/p/model')}`);
  const entries = ((await res.json()) as { items: { action: string; target: string; outcome: string }[] }).items;
  expect(entries.map(({ action, target, outcome }) => ({ action, target, outcome }))).toEqual([
    { action: 'version.commit', target: 'team/p/model:v0', outcome: 'success' },
    { action: 'version.log', target: 'team/p/model', outcome: 'success' },
  ]);
});

it('records a change once: a restore of a live version and a second delete or restore change nothing, and write no entry', async () => {
  await logFiles(server, 'team', 'p', 'model', { w: 'one' });
  const v0 = `${API_BASE}/projects/team/p/collections/model/versions/v0`;
  const restore = () => server.fetch(`${v0}/restore`, { method: 'POST' });
  const remove = () => server.fetch(`${v0}?deleteAliases=true`, { method: 'DELETE' });
  for (const res of await Promise.all([restore(), restore(), restore()])) expect(res.status).toBe(200);
  for (const res of [await remove(), await remove()]) expect(res.status).toBe(200);
  for (const res of [await restore(), await restore()]) expect(res.status).toBe(200);

  const res = await server.fetch(`${authPaths.audit('team')}?target=${encodeURIComponent('team/p/model:v0')}`);
  const entries = ((await res.json()) as { items: { action: string; outcome: string }[] }).items;
  expect(entries.map(({ action, outcome }) => `${action} ${outcome}`)).toEqual(['version.restore success', 'version.delete success', 'version.commit success']);
});
