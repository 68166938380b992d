// GC_REQUIRE_SAFETY_NET: runs are refused while nothing would keep the files they remove; the
// status says what the safety net is (here, the file store's trash and its retention).
import { afterEach, describe, expect, it } from 'vitest';
import { deletionPaths } from '../../domain';
import { ConfigError, loadConfig } from '../config';
import { json } from '../test/log-helpers';
import { createTestServer, type TestServer } from '../testing';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** The file store's safety net on every tier (the bucket's is in s3-safety-net.test.ts). */
async function status(env: Record<string, string>) {
  server = await createTestServer({ ...env, BLOB_STORE_URL: '' });
  return (await server.fetch(deletionPaths.gc())).json();
}

describe('the safety net of garbage collection', () => {
  it('is the trash while it keeps removed files, and runs go ahead even when it is required', async () => {
    const gc = await status({ GC_REQUIRE_SAFETY_NET: 'true', GC_TRASH_RETENTION_SECONDS: '604800' });
    expect(gc.safetyNet).toEqual({ kind: 'trash', enabled: true, detail: 'Removed files stay in the trash for 7 days before they are deleted.' });
    expect(gc.enabled).toBe(true);
    expect((await server!.fetch(deletionPaths.gcRuns(), json('POST', { dryRun: true }))).status).toBe(200);
  });

  it('with no trash and GC_REQUIRE_SAFETY_NET=true, runs are 409 GC_DISABLED saying why, and none is scheduled', async () => {
    const gc = await status({ GC_REQUIRE_SAFETY_NET: 'true', GC_TRASH_RETENTION_SECONDS: '0' });
    expect(gc.safetyNet).toMatchObject({ kind: 'none', enabled: false });
    expect(gc).toMatchObject({ enabled: false, nextRunAt: null });
    expect(gc.disabledReason).toContain('GC_REQUIRE_SAFETY_NET=true');
    const refused = await server!.fetch(deletionPaths.gcRuns(), json('POST', { dryRun: false }));
    expect(refused.status).toBe(409);
    const error = (await refused.json()).error;
    expect(error.code).toBe('GC_DISABLED');
    expect(error.message).toContain('GC_TRASH_RETENTION_SECONDS');
  });

  it('with no trash and the default (false), runs go ahead and the status says nothing keeps removed files', async () => {
    const gc = await status({ GC_TRASH_RETENTION_SECONDS: '0' });
    expect(gc).toMatchObject({ enabled: true, safetyNet: { kind: 'none', enabled: false } });
  });

  it('a value other than true or false stops start-up naming the variable', () => {
    expect(() => loadConfig({ GC_REQUIRE_SAFETY_NET: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ GC_REQUIRE_SAFETY_NET: 'yes' })).toThrow(/GC_REQUIRE_SAFETY_NET/);
  });
});
