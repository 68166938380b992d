/**
 * Contract cases of the accounts issue, as the site admin both backends start as: users, members,
 * protected aliases, API keys and the audit entry of a change.
 */
import { expect } from 'vitest';
import { authPaths, withQuery } from '../../domain/api-paths';
import { ApiKeySummarySchema, AuditEntrySchema, CreatedApiKeySchema, MemberSchema, MeSchema } from '../../domain/auth';
import { pageSchema } from '../../domain/schemas';
import { z } from 'zod';
import { expectError, expectJson, freshProject, getJson, logCommitted, sendJson, testFile, type ContractCase } from '../client';
import { deleteVersion } from '../deletion-client';

const uniqueName = () => `user-${Math.random().toString(36).slice(2, 10)}`;
const UserSchema = z.object({ username: z.string(), siteAdmin: z.boolean() }).strict();
const MembersSchema = z.object({ items: z.array(MemberSchema.strict()) }).strict();
const AliasesSchema = z.object({ aliases: z.array(z.string()) }).strict();

export const accountCases: ContractCase[] = [
  {
    name: 'a site admin makes users, gives them roles on an entity, and protects its aliases',
    async run(target) {
      const me = await getJson(target, authPaths.me(), MeSchema);
      expect(me.user).toEqual({ username: 'admin', siteAdmin: true });
      const username = uniqueName();
      expect(await expectJson(await sendJson(target, 'POST', authPaths.users(), { username, password: 'long enough' }), UserSchema, 201)).toEqual({
        username,
        siteAdmin: false,
      });
      await expectError(await sendJson(target, 'POST', authPaths.users(), { username, password: 'long enough' }), 409, 'USER_EXISTS');

      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      expect(await expectJson(await sendJson(target, 'PUT', authPaths.member(ref.entity, username), { role: 'member' }), MemberSchema.strict(), 200)).toEqual({
        username,
        role: 'member',
      });
      expect((await getJson(target, authPaths.members(ref.entity), MembersSchema)).items).toContainEqual({ username, role: 'member' });
      await expectError(await sendJson(target, 'PUT', authPaths.member(ref.entity, username), { role: 'owner' }), 400, 'INVALID_REQUEST');
      await expectError(await sendJson(target, 'PUT', authPaths.member(ref.entity, uniqueName()), { role: 'viewer' }), 404, 'USER_NOT_FOUND');
      expect((await target.fetch(authPaths.member(ref.entity, username), { method: 'DELETE' })).status).toBe(204);
      expect((await getJson(target, authPaths.members(ref.entity), MembersSchema)).items).not.toContainEqual({ username, role: 'member' });

      expect(await getJson(target, authPaths.protectedAliases(ref.entity), AliasesSchema)).toEqual({ aliases: [] });
      expect(await expectJson(await sendJson(target, 'PUT', authPaths.protectedAliases(ref.entity), { aliases: ['production'] }), AliasesSchema, 200)).toEqual({
        aliases: ['production'],
      });
      expect(await getJson(target, authPaths.protectedAliases(ref.entity), AliasesSchema)).toEqual({ aliases: ['production'] });
    },
  },
  {
    name: 'an API key is shown once, listed without it, and revoked',
    async run(target) {
      const created = await expectJson(await sendJson(target, 'POST', authPaths.apiKeys(), { name: 'ci runner' }), CreatedApiKeySchema.strict(), 201);
      expect(created.name).toBe('ci runner');
      const listed = await getJson(target, authPaths.apiKeys(), z.object({ items: z.array(ApiKeySummarySchema.strict()) }).strict());
      expect(listed.items).toContainEqual({ id: created.id, name: 'ci runner', createdAt: created.createdAt, lastUsedAt: null });
      expect(JSON.stringify(listed)).not.toContain(created.key);
      expect((await target.fetch(authPaths.apiKey(created.id), { method: 'DELETE' })).status).toBe(204);
      await expectError(await target.fetch(authPaths.apiKey(created.id), { method: 'DELETE' }), 404, 'API_KEY_NOT_FOUND');
    },
  },
  {
    name: 'an API key name is 1 to 100 characters with no control character, trimmed, else 400 INVALID_REQUEST naming the field',
    async run(target) {
      // A NUL or a newline in a name shown in lists and exports was accepted (found by probing).
      for (const name of ['', '   ', 'a'.repeat(101), 'a\u0000b', 'two\nlines', 'tab\there', 42, null]) {
        const refused = await expectError(await sendJson(target, 'POST', authPaths.apiKeys(), { name }), 400, 'INVALID_REQUEST');
        expect(refused.details).toMatchObject({ field: 'name' });
      }
      const created = await expectJson(await sendJson(target, 'POST', authPaths.apiKeys(), { name: '  nightly ✓ ' }), CreatedApiKeySchema.strict(), 201);
      expect(created.name).toBe('nightly ✓');
    },
  },
  {
    name: "a change is in its entity's audit log, newest first, with who did it",
    async run(target) {
      const ref = freshProject();
      await logCommitted(target, ref, { name: 'ds', files: [testFile('a')] });
      await logCommitted(target, ref, { name: 'ds', files: [testFile('b')] });
      await deleteVersion(target, ref, 'ds', 'v0');
      const page = await getJson(target, withQuery(authPaths.audit(ref.entity), { action: 'version.delete' }), pageSchema(AuditEntrySchema));
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({ actor: 'admin', action: 'version.delete', outcome: 'success' });
      expect(page.items[0]!.target.startsWith(`${ref.entity}/${ref.project}`)).toBe(true);
      await expectError(await target.fetch(withQuery(authPaths.audit(ref.entity), { since: 'yesterday' })), 400, 'INVALID_REQUEST');
    },
  },
];
