import { describe, expect, it } from 'vitest';
import { humanDuration, rfc1123z, shortHumanDuration, translateTimestampSince } from './age.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (the AGE column)', () => {
  it.each([
    [0, '0s'],
    [-900, '0s'], // clock skew of under a second still reads 0s
    [-2 * s, '<invalid>'],
    [59 * s, '59s'],
    [60 * s, '60s'],
    [90 * s, '90s'],
    [119 * s, '119s'],
    [119.6 * s, '1m59s'], // rounds to 120s for the seconds test, then truncates minutes and seconds
    [2 * m, '2m'],
    [3 * m + 12 * s, '3m12s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [59 * m + 59 * s, '59m'],
    [h, '60m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [7 * h + 5 * m, '7h5m'],
    [8 * h + 5 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [3 * d + 4 * h, '3d4h'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [730 * d, '2y'],
    [(365 * 3 + 45) * d, '3y45d'],
    [365 * 9 * d, '9y'],
  ])('%d ms -> %s', (ms, want) => expect(humanDuration(ms)).toBe(want));
});

describe('shortHumanDuration', () => {
  it.each([
    [0, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [119 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [h, '1h'],
    [47 * h, '1d'],
    [48 * h, '2d'],
    [400 * d, '1y'],
    [-5 * s, '<invalid>'],
  ])('%d ms -> %s', (ms, want) => expect(shortHumanDuration(ms)).toBe(want));
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2026-01-15T10:00:00Z');
  it.each([
    ['2026-01-15T09:59:55Z', '5s'],
    ['2026-01-15T09:56:48Z', '3m12s'],
    ['2026-01-13T10:00:00Z', '2d'],
    [undefined, '<unknown>'],
    ['', '<unknown>'],
  ])('%s -> %s', (ts, want) => expect(translateTimestampSince(ts, now)).toBe(want));
});

it('formats describe times as RFC 1123 with a numeric zone', () => {
  expect(rfc1123z('2026-01-05T09:03:07Z')).toBe('Mon, 05 Jan 2026 09:03:07 +0000');
});
