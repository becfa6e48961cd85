import { describe, expect, it } from 'vitest';
import { goDuration, microTime, rfc3339 } from './format.ts';

describe('goDuration prints like Go time.Duration', () => {
  it.each([
    [0, '0s'],
    [812, '812ms'],
    [3218, '3.218s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
    [3_723_500, '1h2m3.5s'],
  ])('%d ms -> %s', (ms, text) => expect(goDuration(ms)).toBe(text));
});

describe('timestamps', () => {
  const t = Date.UTC(2026, 0, 15, 9, 0, 10, 250);
  it('metav1.Time drops the fraction', () => expect(rfc3339(t)).toBe('2026-01-15T09:00:10Z'));
  it('MicroTime keeps six digits', () => expect(microTime(t)).toBe('2026-01-15T09:00:10.250000Z'));
});
