/** Paths of the REST API, written once for the web app, the SDK, the mocks and the tests. */
export const API_BASE = '/api/v1';

const enc = encodeURIComponent;

export interface ProjectRef {
  entity: string;
  project: string;
}

export const apiPaths = {
  health: () => `${API_BASE}/health`,
  projects: () => `${API_BASE}/projects`,
  project: (p: ProjectRef) => `${API_BASE}/projects/${enc(p.entity)}/${enc(p.project)}`,
  types: (p: ProjectRef) => `${apiPaths.project(p)}/types`,
  collections: (p: ProjectRef) => `${apiPaths.project(p)}/collections`,
  collection: (p: ProjectRef, collection: string) => `${apiPaths.collections(p)}/${enc(collection)}`,
  versions: (p: ProjectRef, collection: string) => `${apiPaths.collection(p, collection)}/versions`,
  version: (p: ProjectRef, collection: string, version: string) => `${apiPaths.versions(p, collection)}/${enc(version)}`,
  files: (p: ProjectRef, collection: string, version: string) => `${apiPaths.version(p, collection, version)}/files`,
  file: (p: ProjectRef, collection: string, version: string, path: string) => `${apiPaths.files(p, collection, version)}/${path.split('/').map(enc).join('/')}`,
  loggedArtifacts: (p: ProjectRef, runId: string) => `${apiPaths.project(p)}/runs/${enc(runId)}/logged-artifacts`,
  artifacts: (p: ProjectRef) => `${apiPaths.project(p)}/artifacts`,
  commit: (p: ProjectRef, id: string) => `${apiPaths.artifacts(p)}/${enc(id)}/commit`,
  blob: (p: ProjectRef, digest: string) => `${apiPaths.project(p)}/blobs/${enc(digest)}`,
} as const;

/** Appends defined query parameters. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Attic's routes beyond the Browse and Log sections of the contract. */
export const deletionPaths = {
  restore: (p: ProjectRef, collection: string, version: string) => `${apiPaths.version(p, collection, version)}/restore`,
  versionPreview: (p: ProjectRef, collection: string, version: string) => `${apiPaths.version(p, collection, version)}/deletion-preview`,
  collectionPreview: (p: ProjectRef, collection: string) => `${apiPaths.collection(p, collection)}/deletion-preview`,
  collectionRestore: (p: ProjectRef, collection: string) => `${apiPaths.collection(p, collection)}/restore`,
  pending: (p: ProjectRef) => `${apiPaths.project(p)}/pending-deletion`,
  bulkDelete: (p: ProjectRef) => `${apiPaths.project(p)}/bulk-delete`,
  bulkRestore: (p: ProjectRef) => `${apiPaths.project(p)}/bulk-restore`,
  deletionJobs: (p: ProjectRef) => `${apiPaths.project(p)}/deletion-jobs`,
  deletionJob: (p: ProjectRef, id: string) => `${apiPaths.project(p)}/deletion-jobs/${enc(id)}`,
  cancelDeletionJob: (p: ProjectRef, id: string) => `${apiPaths.project(p)}/deletion-jobs/${enc(id)}/cancel`,
  undoDeletionJob: (p: ProjectRef, id: string) => `${apiPaths.project(p)}/deletion-jobs/${enc(id)}/undo`,
  gc: () => `${API_BASE}/gc`,
  gcRuns: () => `${API_BASE}/gc/runs`,
  gcRun: (id: string) => `${API_BASE}/gc/runs/${enc(id)}`,
  storage: (p: ProjectRef) => `${apiPaths.project(p)}/storage`,
  ttl: (p: ProjectRef, collection: string, version: string) => `${apiPaths.version(p, collection, version)}/ttl`,
  settings: (p: ProjectRef) => `${apiPaths.project(p)}/settings`,
  ttlPreview: (p: ProjectRef, defaultTtlDays: number | null) =>
    withQuery(`${apiPaths.project(p)}/settings/ttl-preview`, { defaultTtlDays: defaultTtlDays ?? 'null' }),
  versionAliases: (p: ProjectRef, collection: string, version: string) => `${apiPaths.version(p, collection, version)}/aliases`,
  moveAlias: (p: ProjectRef, collection: string, alias: string) => `${apiPaths.collection(p, collection)}/aliases/${enc(alias)}/move`,
} as const;

/** Accounts, keys, members, protected aliases and the audit log (the accounts issue). */
export const authPaths = {
  login: () => `${API_BASE}/auth/login`,
  logout: () => `${API_BASE}/auth/logout`,
  me: () => `${API_BASE}/auth/me`,
  /** Public: the demo's accounts while the demo is loaded. */
  demoUsers: () => `${API_BASE}/auth/demo-users`,
  password: () => `${API_BASE}/auth/password`,
  apiKeys: () => `${API_BASE}/auth/api-keys`,
  apiKey: (id: string) => `${API_BASE}/auth/api-keys/${enc(id)}`,
  users: () => `${API_BASE}/users`,
  members: (entity: string) => `${API_BASE}/entities/${enc(entity)}/members`,
  member: (entity: string, username: string) => `${API_BASE}/entities/${enc(entity)}/members/${enc(username)}`,
  protectedAliases: (entity: string) => `${API_BASE}/entities/${enc(entity)}/protected-aliases`,
  audit: (entity: string) => `${API_BASE}/entities/${enc(entity)}/audit`,
  auditExport: (entity: string) => `${API_BASE}/entities/${enc(entity)}/audit/export`,
} as const;
