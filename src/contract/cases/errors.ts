/** Contract cases of bad input and unknown things: every error code the contract names for these routes. */
import { expect } from 'vitest';
import { apiPaths, withQuery, type ProjectRef } from '../../domain/api-paths';
import { encodeCursor } from '../../domain/validate';
import { pageSchema, VersionSchema } from '../../domain/schemas';
import {
  entryOf,
  expectError,
  freshProject,
  getJson,
  logCommitted,
  logVersion,
  putBlob,
  sendJson,
  testFile,
  type ContractCase,
  type ContractTarget,
} from '../client';

/** Posts a log request with a raw body, so cases can send what the typed helpers would not. */
function postLog(target: ContractTarget, ref: ProjectRef, body: unknown): Promise<Response> {
  return sendJson(target, 'POST', apiPaths.artifacts(ref), body);
}

const validFile = () => entryOf(testFile('a.txt'));

export const errorCases: ContractCase[] = [
  {
    name: 'bad names are 400 INVALID_NAME: collection, alias like a version label, alias with a space',
    async run(target) {
      const ref = freshProject();
      for (const name of ['bad name', '-leading-dash', 'x'.repeat(129)]) {
        const error = await expectError(await postLog(target, ref, { type: 'dataset', name, files: [validFile()] }), 400, 'INVALID_NAME');
        expect(error.details).toMatchObject({ value: name });
      }
      await expectError(await postLog(target, ref, { type: 'data set', name: 'ds', files: [validFile()] }), 400, 'INVALID_NAME');
      for (const alias of ['v3', 'has space']) {
        await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', aliases: [alias], files: [validFile()] }), 400, 'INVALID_NAME');
      }
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      // Names in the path and the query are checked too.
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'has space')), 400, 'INVALID_NAME');
      await expectError(await target.fetch(withQuery(apiPaths.versions(ref, 'ds'), { alias: 'has space' })), 400, 'INVALID_NAME');
      await expectError(await target.fetch(withQuery(apiPaths.collections(ref), { type: 'has space' })), 400, 'INVALID_NAME');
      await expectError(await target.fetch(apiPaths.collection(ref, 'has space')), 400, 'INVALID_NAME');
    },
  },
  {
    name: 'bad file paths are 400 INVALID_PATH: "..", a leading "/", NUL or another control character, a path listed twice',
    async run(target) {
      const ref = freshProject();
      for (const path of ['../x', 'a/../../x', '/etc/passwd', 'a\0b', 'a\tb', 'a\nb', 'a\rb', 'a\u0001b', 'a\u001fb', 'a\u007fb']) {
        const files = [{ ...validFile(), path }];
        await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files }), 400, 'INVALID_PATH');
      }
      const twice = [validFile(), validFile()];
      await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files: twice }), 400, 'INVALID_PATH');
    },
  },
  {
    name: "two different manifests never share a version digest: a path that spells out another file's manifest line is refused",
    async run(target) {
      const ref = freshProject();
      const a = testFile('a');
      const b = testFile('b');
      const twoFiles = await logCommitted(target, ref, { name: 'ds', files: [a, b] });
      // One file whose path holds "a<TAB>digest<TAB>size<LF>b": hashed unescaped, it reads as the two files above.
      const forged = { path: `a\t${a.digest}\t${a.sizeBytes}\nb`, digest: b.digest, sizeBytes: b.sizeBytes };
      const answer = await postLog(target, ref, { type: 'dataset', name: 'ds', files: [forged] });
      const body = (await answer.json()) as { version?: { digest: string }; error?: { code: string } };
      expect(body.version?.digest).not.toBe(twoFiles.digest);
      expect({ status: answer.status, code: body.error?.code }).toEqual({ status: 400, code: 'INVALID_PATH' });
    },
  },
  {
    name: 'a digest that is not lowercase hex sha256 is 400 INVALID_DIGEST',
    async run(target) {
      const ref = freshProject();
      for (const digest of ['abc', 'A'.repeat(64), 'g'.repeat(64)]) {
        const files = [{ ...validFile(), digest }];
        await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files }), 400, 'INVALID_DIGEST');
      }
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      const upload = await target.fetch(apiPaths.blob(ref, 'not-a-digest'), { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
      await expectError(upload, 400, 'INVALID_DIGEST');
    },
  },
  {
    name: 'bytes that do not hash to the digest are 400 DIGEST_MISMATCH',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      const claimed = testFile('claimed');
      const upload = await target.fetch(apiPaths.blob(ref, claimed.digest), { method: 'PUT', body: testFile('other').bytes });
      await expectError(upload, 400, 'DIGEST_MISMATCH');
    },
  },
  {
    name: 'wrong bytes for a digest the entity already stores are still 400 DIGEST_MISMATCH',
    async run(target) {
      const ref = freshProject();
      const stored = testFile('stored');
      await logCommitted(target, ref, { name: 'ds', files: [stored] });
      const upload = await target.fetch(apiPaths.blob(ref, stored.digest), { method: 'PUT', body: testFile('other').bytes });
      await expectError(upload, 400, 'DIGEST_MISMATCH');
    },
  },
  {
    name: 'a malformed body or limit is 400 INVALID_REQUEST',
    async run(target) {
      const ref = freshProject();
      await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds' }), 400, 'INVALID_REQUEST');
      await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files: [{ path: 'a', digest: 'b' }] }), 400, 'INVALID_REQUEST');
      const notJson = await target.fetch(apiPaths.artifacts(ref), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
      await expectError(notJson, 400, 'INVALID_REQUEST');
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      for (const limit of ['0', '501', '2.5', 'ten']) {
        await expectError(await target.fetch(withQuery(apiPaths.versions(ref, 'ds'), { limit })), 400, 'INVALID_REQUEST');
      }
      await expectError(await target.fetch(withQuery(apiPaths.projects(), { limit: 0 })), 400, 'INVALID_REQUEST');
      await expectError(await target.fetch(withQuery(apiPaths.versions(ref, 'ds'), { state: 'GONE' })), 400, 'INVALID_REQUEST');
    },
  },
  {
    name: 'a cursor the server did not issue is 400 INVALID_CURSOR',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      for (const cursor of ['garbage!!', encodeCursor(['a', 'b', 'c']), 'bm90LWpzb24']) {
        await expectError(await target.fetch(withQuery(apiPaths.versions(ref, 'ds'), { cursor })), 400, 'INVALID_CURSOR');
        await expectError(await target.fetch(withQuery(apiPaths.collections(ref), { cursor })), 400, 'INVALID_CURSOR');
      }
      // Keys of the right type but no key the server issues: positions are whole numbers (a probe found these accepted).
      for (const cursor of [encodeCursor([7.5]), btoa('[1e400]').replace(/=+$/, '')])
        await expectError(await target.fetch(withQuery(apiPaths.versions(ref, 'ds'), { cursor })), 400, 'INVALID_CURSOR');
    },
  },
  {
    name: "one digest with two sizes, or a size other than the stored blob's, is 400 SIZE_MISMATCH",
    async run(target) {
      const ref = freshProject();
      const stored = testFile('stored.bin');
      await logCommitted(target, ref, { name: 'ds', files: [stored] });
      const wrongSize = { ...entryOf(stored), sizeBytes: stored.sizeBytes + 1 };
      const twoSizes = [entryOf(stored), { ...wrongSize, path: 'copy.bin' }];
      await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files: twoSizes }), 400, 'SIZE_MISMATCH');
      const error = await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files: [wrongSize] }), 400, 'SIZE_MISMATCH');
      expect(error.details).toMatchObject({
        digest: stored.digest,
        mismatches: [{ path: 'stored.bin', digest: stored.digest, storedSizeBytes: stored.sizeBytes, declaredSizeBytes: stored.sizeBytes + 1 }],
      });
    },
  },
  {
    name: 'a size declared before the upload is checked at commit: 400 SIZE_MISMATCH naming the files, and the version stays PENDING',
    async run(target) {
      const ref = freshProject();
      const good = testFile('good.txt');
      const big = testFile('big.bin', 'x'.repeat(99));
      const logged = await logVersion(target, ref, { name: 'ds', files: [good, { ...big, sizeBytes: 1 }, { ...big, path: 'copy.bin', sizeBytes: 1 }] });
      expect(logged.version.state).toBe('PENDING');
      await putBlob(target, ref, good);
      await putBlob(target, ref, big);
      const error = await expectError(await target.fetch(apiPaths.commit(ref, logged.version.id), { method: 'POST' }), 400, 'SIZE_MISMATCH');
      expect(error.details).toEqual({
        digest: big.digest,
        storedSizeBytes: 99,
        declaredSizeBytes: 1,
        mismatchCount: 2,
        mismatches: [
          { path: 'big.bin', digest: big.digest, storedSizeBytes: 99, declaredSizeBytes: 1 },
          { path: 'copy.bin', digest: big.digest, storedSizeBytes: 99, declaredSizeBytes: 1 },
        ],
      });
      const all = await getJson(target, withQuery(apiPaths.versions(ref, 'ds'), { state: 'ALL' }), pageSchema(VersionSchema));
      expect(all.items.map((v) => [v.id, v.state, v.version])).toEqual([[logged.version.id, 'PENDING', null]]);
    },
  },
  {
    name: 'sizes are safe integers: a size above 2^53-1, or a manifest whose sizes add up beyond it, is 400',
    async run(target) {
      const ref = freshProject();
      const a = testFile('a.bin');
      const b = testFile('b.bin');
      const huge = Number.MAX_SAFE_INTEGER;
      await expectError(await postLog(target, ref, { type: 'dataset', name: 'ds', files: [{ ...entryOf(a), sizeBytes: huge + 1 }] }), 400, 'INVALID_REQUEST');
      const sum = await expectError(
        await postLog(target, ref, {
          type: 'dataset',
          name: 'ds',
          files: [
            { ...entryOf(a), sizeBytes: huge },
            { ...entryOf(b), sizeBytes: huge },
          ],
        }),
        400,
        'INVALID_REQUEST',
      );
      expect(sum.details).toMatchObject({ field: 'files' });
      await expectError(await target.fetch(apiPaths.collections(ref)), 404, 'PROJECT_NOT_FOUND');
    },
  },
  {
    name: 'logging under an existing collection name with another type is 409 TYPE_MISMATCH',
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { type: 'dataset', name: 'ds', files: [testFile('a')] });
      await expectError(await postLog(target, ref, { type: 'model', name: 'ds', files: [validFile()] }), 409, 'TYPE_MISMATCH');
    },
  },
  {
    name: 'unknown things are 404 with their own codes',
    async run(target) {
      const ref = freshProject();
      await expectError(await target.fetch(apiPaths.collections(ref)), 404, 'PROJECT_NOT_FOUND');
      await logCommitted(target, ref, { name: 'ds', runId: 'run-1', files: [testFile('a.txt')] });
      await expectError(await target.fetch(apiPaths.collection(ref, 'nope')), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.versions(ref, 'nope')), 404, 'COLLECTION_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'v1')), 404, 'VERSION_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.version(ref, 'ds', 'prod')), 404, 'VERSION_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.commit(ref, 'no-such-id'), { method: 'POST' }), 404, 'VERSION_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.file(ref, 'ds', 'v0', 'b.txt')), 404, 'FILE_NOT_FOUND');
      await expectError(await target.fetch(apiPaths.loggedArtifacts(ref, 'run-2')), 404, 'RUN_NOT_FOUND');
    },
  },
];
