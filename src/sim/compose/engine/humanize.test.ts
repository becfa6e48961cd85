import { describe, expect, it } from 'vitest';
import { ago, humanDuration, humanSize } from './humanize.ts';

describe('humanDuration (docker/go-units)', () => {
  it.each([
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [1000, '1 second'],
    [59_999, '59 seconds'],
    [60_000, 'About a minute'],
    [119_000, 'About a minute'],
    [120_000, '2 minutes'],
    [59 * 60_000, '59 minutes'],
    [60 * 60_000, 'About an hour'],
    [89 * 60_000, 'About an hour'],
    [91 * 60_000, '2 hours'],
    [47 * 3_600_000, '47 hours'],
    [48 * 3_600_000, '2 days'],
    [15 * 86_400_000, '2 weeks'],
    [61 * 86_400_000, '2 months'],
    [800 * 86_400_000, '2 years'],
  ])('%d ms -> %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it('appends ago for created times', () => {
    expect(ago(5000)).toBe('5 seconds ago');
  });
});

describe('humanSize (3 significant digits, decimal units)', () => {
  it.each([
    [192_000_000, '192MB'],
    [7_800_000, '7.8MB'],
    [43_210, '43.2kB'],
    [1_234_567_890, '1.23GB'],
    [999, '999B'],
  ])('%d -> %s', (n, want) => {
    expect(humanSize(n)).toBe(want);
  });
});
