import { describe, expect, it } from 'vitest';
import { parseTime, rfc3339 } from './time.ts';

describe('rfc3339', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [999, '1970-01-01T00:00:00Z'],
    [1000, '1970-01-01T00:00:01Z'],
    [Date.UTC(2026, 11, 1, 18, 35, 59, 999), '2026-12-01T18:35:59Z'],
    [-1, '1969-12-31T23:59:59Z'],
  ])('%d ms -> %s (whole seconds, UTC)', (ms, want) => {
    expect(rfc3339(ms)).toBe(want);
  });

  it('gives the right text whatever the order of calls (the last second is remembered)', () => {
    const times = [5000, 5999, 1000, 5000, 120_000, 1999, 5001];
    expect(times.map(rfc3339)).toEqual(times.map((ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')));
  });

  it('round-trips through parseTime to the second', () => {
    expect(parseTime(rfc3339(1_700_000_123_456))).toBe(1_700_000_123_000);
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime('not a time')).toBeUndefined();
  });
});
