/**
 * The mock backend's in-memory database. It behaves like the server for the "Browse" and "Log a
 * version" routes of the contract (and docs/behaviour.md), validation and error codes included,
 * so the MSW handlers are thin adapters from HTTP to these methods.
 */
import type { ProjectRef } from '../../domain/api-paths';
import type { ArtifactTypeSummary, Collection, FileEntry, LogVersionResponse, Page, ProjectSummary, Version } from '../../domain/schemas';
import * as browse from './browse';
import type { FileDownload, ListQuery } from './browse';
import * as log from './log';
import type { BlobUploadResult } from './log';
import { createStore, type MockStore } from './store';

export type { BlobUploadResult, FileDownload, ListQuery };

export interface MockDbOptions {
  /** The clock, in ms since the epoch: inject one to make timestamps deterministic. Defaults to `Date.now`. */
  now?: () => number;
}

/** The mock database: every method validates its raw input and throws `ApiError` as the server answers. */
export interface MockDb {
  now: () => number;
  listProjects(query?: ListQuery): Page<ProjectSummary>;
  listTypes(ref: ProjectRef): Page<ArtifactTypeSummary>;
  listCollections(ref: ProjectRef, query?: ListQuery & { type?: string | null; state?: string | null }): Page<Collection>;
  getCollection(ref: ProjectRef, collection: string): Collection;
  listVersions(ref: ProjectRef, collection: string, query?: ListQuery & { state?: string | null; alias?: string | null }): Page<Version>;
  getVersion(ref: ProjectRef, collection: string, version: string): Version;
  listFiles(ref: ProjectRef, collection: string, version: string, query?: ListQuery): Page<FileEntry>;
  readFile(ref: ProjectRef, collection: string, version: string, path: string): FileDownload;
  listLoggedArtifacts(ref: ProjectRef, runId: string, query?: ListQuery & { state?: string | null }): Page<Version>;
  /** `at` overrides the clock, so the demo seed can log versions in the past through this same path. */
  logVersion(ref: ProjectRef, body: unknown, at?: number): LogVersionResponse;
  putBlob(ref: ProjectRef, digest: string, bytes: Uint8Array): BlobUploadResult;
  commitVersion(ref: ProjectRef, id: string, at?: number): Version;
}

/** An empty mock database. */
export function createMockDb(options: MockDbOptions = {}): MockDb {
  const now = options.now ?? (() => Date.now());
  const store: MockStore = createStore();
  return {
    now,
    listProjects: (query = {}) => browse.listProjects(store, query),
    listTypes: (ref) => browse.listTypes(store, ref),
    listCollections: (ref, query = {}) => browse.listCollections(store, ref, query),
    getCollection: (ref, collection) => browse.getCollection(store, ref, collection),
    listVersions: (ref, collection, query = {}) => browse.listVersions(store, ref, collection, query),
    getVersion: (ref, collection, version) => browse.getVersion(store, ref, collection, version),
    listFiles: (ref, collection, version, query = {}) => browse.listFiles(store, ref, collection, version, query),
    readFile: (ref, collection, version, path) => browse.readFile(store, ref, collection, version, path),
    listLoggedArtifacts: (ref, runId, query = {}) => browse.listLoggedArtifacts(store, ref, runId, query),
    logVersion: (ref, body, at = now()) => log.logVersion(store, ref, body, at),
    putBlob: (ref, digest, bytes) => log.putBlob(store, ref, digest, bytes),
    commitVersion: (ref, id, at = now()) => log.commitVersion(store, ref, id, at),
  };
}
