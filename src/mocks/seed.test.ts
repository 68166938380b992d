import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ENTITY, demoArtifacts, type DemoArtifact } from '../domain/demo';
import { sha256Hex } from '../domain/sha256';
import { createMockDb, type MockDb } from './db';
import { seedDemo } from './seed';

const NOW = Date.parse('2026-01-15T12:00:00.000Z');
const llm = { entity: DEMO_ENTITY, project: 'llm-finetune' };

/** The first demo artifact: v0 of mnist-train. */
function firstDemoArtifact(): DemoArtifact {
  const first = demoArtifacts().next();
  if (first.done) throw new Error('the demo is empty');
  return first.value;
}

describe('seedDemo', () => {
  let db: MockDb;
  let count: number;
  beforeAll(() => {
    db = createMockDb({ now: () => NOW });
    count = seedDemo(db, NOW);
  });

  it('logs every demo artifact as a COMMITTED version', () => {
    expect(count).toBe([...demoArtifacts()].length);
    const projects = db.listProjects().items;
    expect(projects).toEqual([
      { entity: DEMO_ENTITY, project: 'llm-finetune', collectionCount: 3 },
      { entity: DEMO_ENTITY, project: 'mnist', collectionCount: 4 },
    ]);
  });

  it('holds the 2,000-version collection, newest first, with its aliases', () => {
    expect(db.getCollection(llm, 'eval-logs')).toMatchObject({ type: 'eval', versionCount: 2000, pendingDeletionCount: 0 });
    const page = db.listVersions(llm, 'eval-logs', { limit: '3' });
    expect(page.items.map((v) => [v.version, v.aliases])).toEqual([
      ['v1999', ['latest']],
      ['v1998', ['staging']],
      ['v1997', []],
    ]);
    expect(db.getVersion(llm, 'eval-logs', 'best').version).toBe('v1500');
  });

  it('dates each version ageMs before the seeding time', () => {
    const first = firstDemoArtifact();
    const v0 = db.getVersion({ entity: DEMO_ENTITY, project: first.project }, first.name, 'v0');
    expect(v0.createdAt).toBe(new Date(NOW - first.ageMs).toISOString());
    expect(v0.createdBy.runId).toBe(first.runId);
  });

  it('serves the demo bytes back', () => {
    const first = firstDemoArtifact();
    const file = first.files[1]!;
    const download = db.readFile({ entity: DEMO_ENTITY, project: first.project }, first.name, 'v0', file.path);
    // Compared as digests: a deep equality over 180 KB of bytes is slow.
    expect(sha256Hex(download.bytes)).toBe(sha256Hex(file.content));
    expect(download.bytes.length).toBe(file.content.length);
  });

  it('walks all 2,000 versions in 4 pages of 500 without a gap or a repeat', () => {
    const seen: (number | null)[] = [];
    let cursor: string | null = null;
    const started = performance.now();
    do {
      const page = db.listVersions(llm, 'eval-logs', { limit: '500', cursor });
      seen.push(...page.items.map((v) => v.index));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => 1999 - i));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('sha256Hex', () => {
  it('agrees with node:crypto on demo files and on edge lengths', () => {
    const first = firstDemoArtifact();
    const samples = [...first.files.map((f) => f.content), new Uint8Array(0), new Uint8Array(55), new Uint8Array(56), new Uint8Array(64)];
    for (const bytes of samples) expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
