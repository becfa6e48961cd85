import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('durations', () => {
  it.each([
    ['30s', 30_000, '30s'],
    ['1m30s', 90_000, '1m30s'],
    ['500ms', 500, '500ms'],
    ['1.5s', 1500, '1.5s'],
    ['2h', 7_200_000, '2h0m0s'],
    ['1h2m3s', 3_723_000, '1h2m3s'],
    ['0', 0, '0s'],
    ['0s', 0, '0s'],
    ['90s', 90_000, '1m30s'],
  ])('%s is %d ms and prints as %s', (text, ms, printed) => {
    expect(parseDuration(text)).toBe(ms);
    expect(formatDuration(ms)).toBe(printed);
  });

  it.each(['', '10', '5 s', '1d', 's', 'abc', '1m30'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
