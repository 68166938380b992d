/**
 * Whether garbage collection may run now, and why not. The switch (ARTIFACT_GC_ENABLED) and, with
 * the file store, GC_REQUIRE_SAFETY_NET are settled at start (config.ts); with object storage the
 * safety net is bucket versioning, which can be turned on or off while Attic runs, so
 * GC_REQUIRE_SAFETY_NET is checked against it at every run start and status.
 */
import { safetyNetRefusal, type SafetyNet } from '../../domain';
import type { AtticContext } from '../context';

export interface GcGate {
  enabled: boolean;
  disabledReason: string | null;
  safetyNet: SafetyNet;
}

export async function gcGate(ctx: AtticContext): Promise<GcGate> {
  const { gc } = ctx.config;
  const safetyNet = await ctx.blobs.safetyNet(gc.trashRetentionSeconds);
  if (!gc.enabled) return { enabled: false, disabledReason: gc.disabledReason, safetyNet };
  const refusal = safetyNetRefusal(gc.requireSafetyNet, safetyNet);
  return refusal === null ? { enabled: true, disabledReason: null, safetyNet } : { enabled: false, disabledReason: refusal, safetyNet };
}
