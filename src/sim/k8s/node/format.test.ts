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
  it('MicroTime agrees with the Date formatting for any instant, asked in any order', () => {
    const ms = [t, t + 1, t + 7, t + 49, t + 999, t + 1000, t - 1, t + 86_399_999, 0, 999, Date.UTC(2026, 11, 31, 23, 59, 59, 5), t + 0.7];
    for (const m of [...ms, ...ms.reverse()]) expect(microTime(m)).toBe(`${new Date(m).toISOString().slice(0, -1)}000Z`);
  });
});
