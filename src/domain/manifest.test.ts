import { describe, expect, it } from 'vitest';
import { manifestText } from './manifest';

const d = (c: string) => c.repeat(64);

describe('manifestText', () => {
  it('encodes different manifests differently, whatever characters their paths hold', () => {
    const two = [
      { path: 'a', digest: d('1'), sizeBytes: 1 },
      { path: 'b', digest: d('2'), sizeBytes: 2 },
    ];
    // Paths with the separators of a line-based encoding spelled out in them.
    const forged = [{ path: `a\t${d('1')}\t1\nb`, digest: d('2'), sizeBytes: 2 }];
    const quoted = [{ path: 'a","b', digest: d('2'), sizeBytes: 2 }];
    const texts = [two, forged, quoted].map(manifestText);
    expect(new Set(texts).size).toBe(3);
  });

  it('does not depend on the order files are listed in', () => {
    const a = { path: 'z.bin', digest: d('a'), sizeBytes: 3 };
    const b = { path: 'a/b.txt', digest: d('b'), sizeBytes: 0 };
    expect(manifestText([a, b])).toBe(manifestText([b, a]));
  });
});
