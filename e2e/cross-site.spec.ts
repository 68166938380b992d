// A page on another origin (a server on another loopback port: same site, other origin) makes
// Chromium send the requests any web page can send without asking: no-cors fetches with text/plain
// bodies, and a form POST. None of them may change anything; the API, asked directly, says so.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { deleteVersionViaApi, ENTITY, logCollection, uniqueProject } from './support/data';

// The browser reports each refused or blocked request on the attacker's page.
// One pattern: Playwright would read an array of two or more as a [value, options] fixture tuple.
test.use({ expectedConsoleErrors: [/Failed to load resource|status of 403|frame-ancestors/] });

let attacker: http.Server;
let attackerOrigin = '';
let attackPage = '';

test.beforeAll(async () => {
  attacker = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

test('requests from a page on another origin change nothing', async ({ page, request, baseURL }) => {
  const project = uniqueProject('csrf');
  await logCollection(request, project, 'dataset', 'data', [{ files: { a: 'zero' } }, { files: { a: 'one' } }, { files: { a: 'two' } }]);
  await logCollection(request, project, 'dataset', 'gone', [{ files: { a: 'gone' } }]);
  await deleteVersionViaApi(request, project, 'data', 'v1');
  expect((await request.delete(`/api/v1/projects/${ENTITY}/${project}/collections/gone`)).status()).toBe(200);
  const runsBefore = (await (await request.get('/api/v1/gc/runs')).json()).items.length;

  const api = `${baseURL}/api/v1`;
  const base = `${api}/projects/${ENTITY}/${project}`;
  const everything = JSON.stringify({ items: ['v0', 'v1', 'v2'].map((version) => ({ collection: 'data', version })), deleteAliases: true });
  attackPage = `<!doctype html><title>attack</title><script>
    const post = (url, body) => fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
    Promise.allSettled([
      post(${JSON.stringify(`${base}/bulk-delete`)}, ${JSON.stringify(everything)}),
      post(${JSON.stringify(`${base}/bulk-restore`)}, ${JSON.stringify(everything)}),
      post(${JSON.stringify(`${base}/collections/data/versions/v1/restore`)}),
      post(${JSON.stringify(`${base}/collections/gone/restore`)}),
      post(${JSON.stringify(`${api}/gc/runs`)}, '{"dryRun":false}'),
      fetch(${JSON.stringify(`${base}/collections/data/versions/v2?deleteAliases=true`)}, { method: 'DELETE', mode: 'no-cors' }),
    ]).then((results) => { document.title = 'sent ' + results.length; });
  </script>`;
  await page.goto(attackerOrigin);
  await expect(page).toHaveTitle('sent 6');

  // The classic text/plain form whose body is valid JSON: {"items":[...],"x":"="}
  const name = `${everything.slice(0, -1)},"x":"`;
  attackPage = `<!doctype html><title>form</title>
    <form method="POST" enctype="text/plain" action="${base}/bulk-delete"><input name='${name}' value='"}'><button>Win a prize</button></form>`;
  await page.goto(attackerOrigin);
  const [answer] = await Promise.all([page.waitForResponse(`${base}/bulk-delete`), page.getByRole('button', { name: 'Win a prize' }).click()]);
  expect(answer.status()).toBe(403);

  // Nothing changed: asked directly, as the SDK asks (no Origin).
  const state = async (version: string) => (await (await request.get(`${base}/collections/data/versions/${version}`)).json()).state;
  expect(await state('v0')).toBe('COMMITTED');
  expect(await state('v1')).toBe('PENDING_DELETION');
  expect(await state('v2')).toBe('COMMITTED');
  expect((await (await request.get(`${base}/collections/gone`)).json()).state).toBe('DELETED');
  expect((await (await request.get('/api/v1/gc/runs')).json()).items.length).toBe(runsBefore);
});

test('the app cannot be framed by another site', async ({ page, baseURL }) => {
  attackPage = `<!doctype html><title>frame</title><iframe title="attic" src="${baseURL}/" width="800" height="600"></iframe>`;
  const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
  await page.goto(attackerOrigin);
  await refused;
  await expect(page.frameLocator('iframe[title="attic"]').getByRole('link', { name: 'Attic' })).toHaveCount(0);
});
