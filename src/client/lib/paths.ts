/** Paths of the web app's pages, built in one place so links, actions and the route table agree. */

const enc = encodeURIComponent;

/** The project a page is about, as it appears in the URL. */
export interface ProjectParams {
  entity: string;
  project: string;
}

export const pagePaths = {
  projects: () => '/',
  artifacts: (p: ProjectParams) => `/${enc(p.entity)}/${enc(p.project)}/artifacts`,
  /** The project's versions pending deletion and deleted collections. */
  pending: (p: ProjectParams) => `${pagePaths.artifacts(p)}/pending`,
  storage: (p: ProjectParams) => `/${enc(p.entity)}/${enc(p.project)}/storage`,
  /** One garbage-collection run, opened from the project's storage page (runs are server-wide). */
  gcRun: (p: ProjectParams, id: string) => `${pagePaths.storage(p)}/runs/${enc(id)}`,
  collection: (p: ProjectParams, type: string, collection: string) => `${pagePaths.artifacts(p)}/${enc(type)}/${enc(collection)}`,
  version: (p: ProjectParams, type: string, collection: string, version: string) => `${pagePaths.collection(p, type, collection)}/${enc(version)}`,
  login: () => '/login',
  /** The signed-in user's password and API keys. */
  account: () => '/account',
  /** Site admins: every user, and new ones. */
  users: () => '/users',
  /** An entity's pages live under `/entities/`, a static first segment no `:entity/:project` page can take. */
  members: (entity: string) => `/entities/${enc(entity)}/members`,
  protectedAliases: (entity: string) => `/entities/${enc(entity)}/protected-aliases`,
  audit: (entity: string) => `/entities/${enc(entity)}/audit`,
} as const;
