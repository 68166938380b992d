import { describe, expect, it } from 'vitest';
import { purgeCutoff, purgeEligibleAt, trashEmptyCutoff } from './deletion-rules';

describe('purge time', () => {
  const now = Date.parse('2030-01-02T00:00:00.000Z');

  it('a run purges what was deleted a grace period ago or earlier, as the pending list says it is eligible', () => {
    const cutoff = purgeCutoff(now, 3600);
    expect(cutoff).toBe(Date.parse('2030-01-01T23:00:00.000Z'));
    // The run's rule (deleted_at <= cutoff) and the pending list's (eligible at or before now) agree at the edge.
    expect(purgeEligibleAt(cutoff, 3600)).toBe(now);
    expect(purgeEligibleAt(cutoff + 1, 3600)).toBeGreaterThan(now);
  });

  it('empties from the trash what entered it the retention time ago or earlier', () => {
    expect(trashEmptyCutoff(now, 60)).toBe(Date.parse('2030-01-01T23:59:00.000Z'));
  });
});
