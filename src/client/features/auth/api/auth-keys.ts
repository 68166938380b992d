/** Query keys of the session and the caller's own account, written once. */
export const authKeys = {
  all: ['auth'] as const,
  /** `GET /auth/me`: the signed-in user and their roles; `null` while signed out. */
  me: () => [...authKeys.all, 'me'] as const,
  demoUsers: () => [...authKeys.all, 'demo-users'] as const,
  apiKeys: () => [...authKeys.all, 'api-keys'] as const,
};
