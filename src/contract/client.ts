/** What contract cases run against, and the small API client they share. Cases create their own data: never the demo. */
import { expect } from 'vitest';
import type { z } from 'zod';
import { apiPaths, type ProjectRef } from '../domain/api-paths';
import {
  BlobUploadResponseSchema,
  ErrorBodySchema,
  LogVersionResponseSchema,
  VersionSchema,
  type FileEntry,
  type LogVersionResponse,
  type Version,
} from '../domain/schemas';
import { sha256Hex } from '../domain/sha256';

/** A backend under test: the mock handlers or the real server. Paths start with `/api/v1`. */
export interface ContractTarget {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** One pass of the TTL scanner, which no route reaches: the server's `expireVersions`, the mock db's. */
  expireVersions(): Promise<number>;
}

/** One behaviour of the contract, checked against any target. */
export interface ContractCase {
  name: string;
  run(target: ContractTarget): Promise<void>;
}

/** A file to log: its manifest entry and its bytes. */
export interface TestFile extends FileEntry {
  bytes: Uint8Array<ArrayBuffer>;
}

const randomId = () => Math.random().toString(36).slice(2, 10);

/** A project no other case uses, under its own entity so no blob is shared with another case. */
export function freshProject(): ProjectRef {
  return { entity: `e-${randomId()}`, project: `c-${randomId()}` };
}

/** A file whose bytes are unique to this call unless `text` is given. */
export function testFile(path: string, text: string = `${path} ${randomId()} ${randomId()}`): TestFile {
  const bytes = new TextEncoder().encode(text);
  return { path, digest: sha256Hex(bytes), sizeBytes: bytes.length, bytes };
}

/** The manifest entry of a file, as sent when logging. */
export function entryOf(file: TestFile): FileEntry {
  return { path: file.path, digest: file.digest, sizeBytes: file.sizeBytes };
}

/** Fetches, expects `status`, and parses the JSON body with a schema. */
export async function getJson<T extends z.ZodType>(target: ContractTarget, path: string, schema: T, status = 200): Promise<z.infer<T>> {
  const response = await target.fetch(path);
  return expectJson(response, schema, status);
}

/** Expects `status` and parses the JSON body with a schema. */
export async function expectJson<T extends z.ZodType>(response: Response, schema: T, status: number): Promise<z.infer<T>> {
  const body: unknown = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status });
  return schema.parse(body);
}

/** Expects the contract's error shape with this status and code; returns the error. */
export async function expectError(response: Response, status: number, code: string): Promise<z.infer<typeof ErrorBodySchema>['error']> {
  const body = await expectJson(response, ErrorBodySchema, status);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

/** Sends a JSON request. */
export function sendJson(target: ContractTarget, method: string, path: string, body: unknown): Promise<Response> {
  return target.fetch(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** The body of `POST .../artifacts`. */
export interface LogInput {
  type?: string;
  name: string;
  aliases?: string[];
  runId?: string;
  files: TestFile[];
}

/** `POST .../artifacts`, expecting `201`. */
export async function logVersion(target: ContractTarget, ref: ProjectRef, input: LogInput): Promise<LogVersionResponse> {
  const { files, type = 'dataset', ...rest } = input;
  const response = await sendJson(target, 'POST', apiPaths.artifacts(ref), { ...rest, type, files: files.map(entryOf) });
  return expectJson(response, LogVersionResponseSchema, 201);
}

/** `PUT .../blobs/:digest` with the file's bytes, expecting `201`. */
export async function putBlob(target: ContractTarget, ref: ProjectRef, file: TestFile): Promise<void> {
  const response = await target.fetch(apiPaths.blob(ref, file.digest), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: file.bytes,
  });
  const body = await expectJson(response, BlobUploadResponseSchema, 201);
  expect(body).toMatchObject({ digest: file.digest, sizeBytes: file.sizeBytes });
}

/** `POST .../artifacts/:id/commit`, expecting `200`. */
export async function commit(target: ContractTarget, ref: ProjectRef, id: string): Promise<Version> {
  return expectJson(await target.fetch(apiPaths.commit(ref, id), { method: 'POST' }), VersionSchema, 200);
}

/** Logs a version the way a client does: log, upload what is missing, commit. Returns the COMMITTED version. */
export async function logCommitted(target: ContractTarget, ref: ProjectRef, input: LogInput): Promise<Version> {
  const { version, missingDigests } = await logVersion(target, ref, input);
  if (missingDigests.length === 0) return version;
  for (const digest of missingDigests) await putBlob(target, ref, input.files.find((f) => f.digest === digest)!);
  return commit(target, ref, version.id);
}
