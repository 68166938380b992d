import { describe, expect, it } from 'vitest';
import { formatBytes, formatExactTime, formatRelativeTime, parseBytes } from './format';

describe('human units', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [8_100_000, '8.1 MB'],
    [1_000_000, '1 MB'],
    [342_000, '342 KB'],
    [2_500_000_000_000, '2.5 TB'],
  ])('%i bytes reads %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('says relative times the way people do', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(formatRelativeTime('2026-11-27T11:59:50Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-11-27T12:59:59Z', now)).toBe('in 1 hour');
    expect(formatRelativeTime('2026-11-27T10:00:00Z', now)).toBe('2 hours ago');
    expect(formatRelativeTime('2026-11-26T12:00:00Z', now)).toBe('yesterday');
    expect(formatExactTime('2026-11-26T12:00:00.000Z')).toBe('2026-11-26 12:00:00 UTC');
  });
});

describe('parseBytes', () => {
  it.each([
    ['10GB', 10_000_000_000],
    ['10 GB', 10_000_000_000],
    ['1.5mb', 1_500_000],
    ['512', 512],
    ['512B', 512],
    ['10G', 10_000_000_000],
    ['2KiB', 2048],
    ['1 GiB', 1_073_741_824],
    ['0', 0],
  ])('%s is %i bytes', (text, bytes) => expect(parseBytes(text)).toBe(bytes));
  it.each(['', 'GB', '-1GB', '10 XB', '1e3', '10GB extra', '99999999 PB'])('%j is not a size', (text) => expect(parseBytes(text)).toBeNull());
});
