/**
 * Shapes of the account routes beyond the table (demo users, password change, the user
 * list) and of the audit filters, shared by the web app and the mocks. Roles and permissions are
 * in auth.ts.
 */
import { z } from 'zod';
import { type Permission, REQUIRED_ROLE, SessionUserSchema } from './auth';
import { errors } from './errors';
import { hasControlCharacter } from './names';

/** `POST /api/v1/auth/login` and `POST /api/v1/auth/password`. */
export const SessionAnswerSchema = z.object({ user: SessionUserSchema });

/** `GET /api/v1/auth/demo-users` (public): the demo's accounts while the demo is loaded, else none. */
export const DemoUsersSchema = z.object({
  items: z.array(z.object({ username: z.string(), password: z.string(), role: z.string() })),
});
export type DemoUser = z.infer<typeof DemoUsersSchema>['items'][number];

/** One row of `GET /api/v1/users` (site admins). */
export const UserSummarySchema = z.object({ username: z.string(), siteAdmin: z.boolean(), createdAt: z.string() });
export type UserSummary = z.infer<typeof UserSummarySchema>;
export const UserListSchema = z.object({ items: z.array(UserSummarySchema) });

/** `POST /api/v1/users` answers `201 {username, siteAdmin}`. */
export const CreatedUserSchema = z.object({ username: z.string(), siteAdmin: z.boolean() });

/** `GET`/`PUT /api/v1/entities/:entity/protected-aliases`. */
export const ProtectedAliasesSchema = z.object({ aliases: z.array(z.string()) });

/** The audit log's filters, as query parameters of `.../audit` and `.../audit/export`; empty means any. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  /** ISO-8601 bounds, inclusive. */
  since?: string;
  until?: string;
}

export const AUDIT_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** The demo's accounts (`DEMO_DATA=1`), one per role on entity `demo`, sharing one password the sign-in page shows. */
export const DEMO_PASSWORD = 'attic-demo';
export const DEMO_USERS = [
  { username: 'demo-viewer', role: 'viewer' },
  { username: 'demo-member', role: 'member' },
  { username: 'demo-admin', role: 'admin' },
] as const;
/** The alias the demo entity protects (give it to a version to see what a member may not do). */
export const DEMO_PROTECTED_ALIASES = ['production'];

const PERMISSIONS = new Set<string>(Object.keys(REQUIRED_ROLE));
/** Whether `value` names a permission (and not, say, a route's `public`). */
export function isPermission(value: string): value is Permission {
  return PERMISSIONS.has(value);
}

/**
 * An API key's name, as `POST /auth/api-keys` takes it: 1 to 100 characters once trimmed, with no
 * control character (it is shown in lists and written to the audit log and its exports, where a
 * newline would pass for a second entry); else `400 INVALID_REQUEST` naming the field.
 */
export function validApiKeyName(body: unknown): string {
  const name = (body as { name?: unknown } | null)?.name;
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '' || trimmed.length > 100 || hasControlCharacter(trimmed))
    throw errors.invalidRequest('An API key needs a name of 1 to 100 characters without control characters, saying what uses it (e.g. "training cluster").', {
      field: 'name',
    });
  return trimmed;
}
